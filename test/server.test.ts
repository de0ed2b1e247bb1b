import { request as httpRequest } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APP_TOKEN, type EmulatorHandle, startEmulator } from '../src/emulator/start-emulator.ts';
import { type GatedUpstream, startGatedUpstream } from './fixtures/server-gated-upstream.ts';
import { startTestGateway } from './fixtures/server-gateway.ts';
import { type GatewayProcess, listeningUrl, spawnGateway } from './fixtures/server-process.ts';

const FOLLOWERS = '{ user(username: "TwitterDev") { followers(first: 3) { nodes { name username } } } }';

/** The parts of an answer these tests read. */
interface Answer {
  data?: { user: { name?: string; followers?: { nodes: { name: string; username?: string }[] } } | null };
  errors?: { message: string; extensions: { code: string } }[];
}

/** POSTs a GraphQL query. */
async function graphql(url: string, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as Answer };
}

/** Resolves with the error code of a request on a new connection (or 'connected'). */
function connectOnce(origin: string): Promise<string> {
  return new Promise((resolve) => {
    const req = httpRequest(`${origin}/health`, { agent: false }, (res) => {
      res.resume();
      resolve('connected');
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end();
  });
}

describe('server (npm start)', () => {
  it('stops start-up on a bad variable with one line naming it, exit code 1', async () => {
    const gateway = spawnGateway({ X_TIMEOUT_MS: 'abc', X_BEARER_TOKEN: 'never-shown-token-123' });
    const { code } = await gateway.exited;
    expect(code).toBe(1);
    expect(gateway.stderr()).toBe(
      'Invalid environment: X_TIMEOUT_MS must be a positive integer of milliseconds (got "abc")\n',
    );
    expect(gateway.output()).not.toContain('never-shown-token-123');
  });

  describe('in emulator mode', () => {
    let gateway: GatewayProcess;
    let urls: { graphql: string; origin: string };

    beforeAll(async () => {
      gateway = spawnGateway({});
      urls = await listeningUrl(gateway);
    });
    afterAll(() => gateway.stop());

    it('says in its first log line that it serves from the embedded emulator and how to use X', () => {
      const first = gateway.lines[0];
      expect(first?.level).toBe('info');
      expect(first?.mode).toBe('emulator');
      expect(String(first?.msg)).toMatch(
        /^serving from the embedded X API v2 emulator at http:\/\/127\.0\.0\.1:\d+/,
      );
      expect(String(first?.msg)).toContain('to use the real X API, set X_BEARER_TOKEN');
      expect(gateway.lines.some((l) => String(l.msg).startsWith('tracing on'))).toBe(false);
    });

    it('answers GraphQL from the emulator', async () => {
      const { status, body } = await graphql(urls.graphql, FOLLOWERS);
      expect(status).toBe(200);
      expect(body.data?.user?.followers?.nodes).toEqual([
        { name: 'Twitter API', username: 'TwitterAPI' },
        { name: 'Twitter Dev', username: 'TwitterDev' },
        { name: 'Twitter', username: 'Twitter' },
      ]);
    });

    it('serves /health, /readiness and /metrics', async () => {
      expect((await fetch(`${urls.origin}/health`)).status).toBe(200);
      const readiness = await fetch(`${urls.origin}/readiness`);
      expect(readiness.status).toBe(200);
      expect(await readiness.json()).toEqual({ status: 'ready' });
      const metrics = await (await fetch(`${urls.origin}/metrics`)).text();
      expect(metrics).toContain('gateway_requests_total{method="POST",route="/graphql",status="200"}');
      expect(metrics).toContain('x_upstream_calls_total{endpoint="GET /2/users/:id/followers",status="200"}');
      expect(metrics).toMatch(
        /x_rate_limit_remaining\{endpoint="GET \/2\/users\/:id\/followers",principal_kind="app"\} \d+/,
      );
      // No Redis configured: no x_redis_up to claim it is up.
      expect(metrics).not.toContain('x_redis_up');
      // The admission gate's gauges: the operation answered above has ended, none waits.
      expect(metrics).toContain('gateway_operations{state="running"} 0');
      expect(metrics).toContain('gateway_operations{state="queued"} 0');
    });

    it('logs one JSON line per request with its request id', async () => {
      await fetch(`${urls.origin}/health`, { headers: { 'x-request-id': 'server-test-1' } });
      const line = await gateway.waitForLine((l) => l.msg === 'request' && l.requestId === 'server-test-1');
      expect(line).toMatchObject({ method: 'GET', path: '/health', status: 200 });
    });

    it('exits 0 on SIGINT without a readiness delay', async () => {
      gateway.child.kill('SIGINT');
      expect(await gateway.exited).toEqual({ code: 0, signal: null });
      expect(gateway.lines.at(-1)?.msg).toBe('stopped');
      expect(gateway.lines.some((l) => l.delayMs !== undefined)).toBe(false);
    });
  });

  describe('with LOG_FORMAT=pretty', () => {
    it('writes one readable line per entry', async () => {
      const gateway = spawnGateway({ LOG_FORMAT: 'pretty', X_BEARER_TOKEN: 'never-shown-token-456' });
      try {
        const line = await gateway.waitForLine((l) => /listening on/.test(String(l.raw)));
        expect(String(line.raw)).toMatch(
          /^\d\d:\d\d:\d\d\.\d{3} INFO {2}listening on http:\/\/127\.0\.0\.1:\d+\/graphql url=http:/,
        );
        expect(gateway.lines.every((l) => l.raw !== undefined)).toBe(true);
        expect(gateway.output()).not.toContain('never-shown-token-456');
      } finally {
        gateway.stop();
      }
    });
  });

  describe('with OTEL_TRACES_EXPORTER=console', () => {
    it('prints the spans of an operation, exported before it exits', async () => {
      const gateway = spawnGateway({ OTEL_TRACES_EXPORTER: 'console', SHUTDOWN_DELAY_MS: '0' });
      try {
        const urls = await listeningUrl(gateway);
        expect(gateway.lines.some((l) => l.msg === 'tracing on: spans to the console')).toBe(true);
        const { body } = await graphql(urls.graphql, `query Traced ${FOLLOWERS}`, {
          traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        });
        expect(body.errors).toBeUndefined();
        gateway.child.kill('SIGTERM');
        expect(await gateway.exited).toEqual({ code: 0, signal: null });
        const output = gateway.output();
        expect(output).toContain("name: 'query Traced'");
        expect(output).toContain("name: 'GET /2/users/:id/followers'");
        expect(output).toContain("traceId: '4bf92f3577b34da6a3ce929d0e0e4736'");
      } finally {
        gateway.stop();
      }
    });
  });

  describe('on SIGTERM with SHUTDOWN_DELAY_MS', () => {
    it('answers /readiness 503 while /graphql still answers, then drains and exits 0', async () => {
      // A delay far longer than the test: a second SIGTERM ends it, so nothing depends on timing.
      const gateway = spawnGateway({ SHUTDOWN_DELAY_MS: '60000' });
      try {
        const urls = await listeningUrl(gateway);
        expect((await fetch(`${urls.origin}/readiness`)).status).toBe(200);
        gateway.child.kill('SIGTERM');
        const received = await gateway.waitForLine((l) => String(l.msg).startsWith('SIGTERM received'));
        expect(received).toMatchObject({ signal: 'SIGTERM', delayMs: 60000 });
        const readiness = await fetch(`${urls.origin}/readiness`);
        expect(readiness.status).toBe(503);
        expect(await readiness.json()).toEqual({ status: 'unavailable', reason: 'shutting down' });
        const { status, body } = await graphql(urls.graphql, FOLLOWERS);
        expect(status).toBe(200);
        expect(body.data?.user?.followers?.nodes).toHaveLength(3);
        expect(gateway.child.exitCode).toBeNull();
        gateway.child.kill('SIGTERM');
        expect(await gateway.exited).toEqual({ code: 0, signal: null });
        expect(gateway.lines.map((l) => l.msg).slice(-2)).toEqual([
          'no longer accepting connections, finishing in-flight requests',
          'stopped',
        ]);
      } finally {
        gateway.stop();
      }
    });
  });

  describe('against an X API origin', () => {
    let emulator: EmulatorHandle;
    let upstream: GatedUpstream;
    let gateway: GatewayProcess;
    let urls: { graphql: string; origin: string };

    beforeAll(async () => {
      emulator = await startEmulator({ rateLimit: 'off' });
      upstream = await startGatedUpstream(emulator.url);
      gateway = spawnGateway({
        X_API_BASE_URL: upstream.url,
        X_BEARER_TOKEN: DEFAULT_APP_TOKEN,
        SHUTDOWN_DELAY_MS: '0',
      });
      urls = await listeningUrl(gateway);
    });
    afterAll(async () => {
      gateway.stop();
      await upstream.close();
      await emulator.close();
    });

    it('names the X origin in its first log line', () => {
      expect(gateway.lines[0]).toMatchObject({ msg: `serving from the X API at ${upstream.url}`, mode: 'x' });
    });

    it('never logs a client token or the configured token', async () => {
      const { body } = await graphql(urls.graphql, FOLLOWERS, { authorization: 'Bearer secret-token-xyz' });
      expect(body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
      await graphql(urls.graphql, '{ user(username: "TwitterAPI") { name } }');
      await gateway.waitForLine((l) => l.msg === 'upstream call' && l.status === 200);
      expect(gateway.lines.some((l) => l.endpoint !== undefined && l.status === 401)).toBe(true);
      expect(gateway.output()).not.toContain('secret-token-xyz');
      expect(gateway.output()).not.toContain(DEFAULT_APP_TOKEN);
    });

    it('finishes a request in flight on SIGTERM, refuses new connections, then exits 0', async () => {
      upstream.hold();
      const arrived = upstream.nextArrival();
      const inFlight = graphql(
        urls.graphql,
        '{ user(restId: "783214") { name followers(first: 2) { nodes { name } } } }',
      );
      await arrived;
      gateway.child.kill('SIGTERM');
      await gateway.waitForLine((l) => String(l.msg).startsWith('SIGTERM received'));
      // Refused by the closed listener, or reset when the kernel had queued it before the close.
      expect(['ECONNREFUSED', 'ECONNRESET']).toContain(await connectOnce(urls.origin));
      upstream.release();
      const { status, body } = await inFlight;
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data?.user?.name).toBe('Twitter');
      expect(await gateway.exited).toEqual({ code: 0, signal: null });
    });
  });

  describe('startGateway (in process)', () => {
    it('rejects with EADDRINUSE when the port is taken', async () => {
      const taken = createNetServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      const { port } = taken.address() as AddressInfo;
      try {
        await expect(startTestGateway({ PORT: String(port) })).rejects.toThrow(/EADDRINUSE/);
      } finally {
        await new Promise((resolve) => taken.close(resolve));
      }
    });

    it('is not ready while the X API origin refuses connections, yet stays healthy', async () => {
      const emulator = await startEmulator({ rateLimit: 'off' });
      const closedOrigin = emulator.url;
      await emulator.close();
      const gateway = await startTestGateway({
        X_API_BASE_URL: closedOrigin,
        X_BEARER_TOKEN: DEFAULT_APP_TOKEN,
      });
      try {
        const origin = new URL(gateway.url).origin;
        expect((await fetch(`${origin}/health`)).status).toBe(200);
        const readiness = await fetch(`${origin}/readiness`);
        expect(readiness.status).toBe(503);
        const body = (await readiness.json()) as { status: string; reason: string };
        expect(body.status).toBe('unavailable');
        expect(body.reason).toContain('ECONNREFUSED');
      } finally {
        await gateway.close();
      }
    });

    it('closes the connections still busy after SHUTDOWN_TIMEOUT_MS', async () => {
      const emulator = await startEmulator({ rateLimit: 'off' });
      const upstream = await startGatedUpstream(emulator.url);
      try {
        const gateway = await startTestGateway({
          X_API_BASE_URL: upstream.url,
          X_BEARER_TOKEN: DEFAULT_APP_TOKEN,
          SHUTDOWN_TIMEOUT_MS: '200',
        });
        const origin = new URL(gateway.url).origin;
        upstream.hold();
        const arrived = upstream.nextArrival();
        const stuck = graphql(gateway.url, FOLLOWERS).then(
          () => 'answered',
          () => 'connection closed',
        );
        await arrived;
        const closed = gateway.close();
        expect(await connectOnce(origin)).toBe('ECONNREFUSED');
        await closed;
        expect(await stuck).toBe('connection closed');
        expect(
          gateway.lines.some((line) => line.msg === 'shutdown timeout: closing the connections still open'),
        ).toBe(true);
      } finally {
        upstream.release();
        await upstream.close();
        await emulator.close();
      }
    });
  });
});
