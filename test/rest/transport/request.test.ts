import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createDefaultDispatcher } from '../../../src/rest/client.ts';
import { BODY_BYTES } from '../../../src/rest/transport/received-body.ts';
import {
  AttemptFailure,
  type AttemptOptions,
  type AttemptResponse,
  performAttempt,
} from '../../../src/rest/transport/request.ts';

let server: Server | undefined;
const dispatchers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(dispatchers.splice(0).map((d) => d.close()));
  server?.closeAllConnections();
  if (server) await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A local HTTP server on 127.0.0.1; resolves with its port and a count of TCP connections. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const connections = { count: 0 };
  server = createServer(handler);
  server.on('connection', () => connections.count++);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, connections };
}

/** The default dispatcher, closed after the test. */
function dispatcher() {
  const d = createDefaultDispatcher();
  dispatchers.push(d);
  return d;
}

/** An attempt at the local server on `port` with the tests' defaults (2 s, 1,000 bytes); `options` override them. */
function attemptAt(port: number, options: Partial<AttemptOptions> = {}): Promise<AttemptResponse> {
  return performAttempt({
    dispatcher: options.dispatcher ?? dispatcher(),
    url: new URL(`http://127.0.0.1:${port}/`),
    headers: {},
    timeoutMs: 2000,
    maxResponseBytes: 1000,
    ...options,
  });
}

describe('performAttempt', () => {
  it('reads status, headers and body over kept-alive connections', async () => {
    const { port, connections } = await serve((req, res) => {
      res.setHeader('x-rate-limit-remaining', '7');
      res.end(JSON.stringify({ path: req.url, auth: req.headers.authorization }));
    });
    const d = dispatcher();
    const attempt = (path: string) =>
      attemptAt(port, {
        dispatcher: d,
        url: new URL(`http://localhost:${port}${path}`),
        headers: { authorization: 'Bearer t' },
        maxResponseBytes: 10_000,
      });
    const first = await attempt('/2/users?ids=1');
    const second = await attempt('/2/users?ids=2');
    await attempt('/2/users?ids=3');
    await attempt('/2/users?ids=4');
    expect(first.status).toBe(200);
    expect(first.headers['x-rate-limit-remaining']).toBe('7');
    expect(JSON.parse(first.body.takeText())).toEqual({ path: '/2/users?ids=1', auth: 'Bearer t' });
    expect(JSON.parse(second.body.takeText()).path).toBe('/2/users?ids=2');
    // Four sequential requests reuse the pool's kept-alive connections instead of opening four.
    expect(connections.count).toBeLessThanOrEqual(2);
  });

  it('hands over the body as the bytes received, for text with multi-byte characters', async () => {
    const body = JSON.stringify({ data: { name: 'Zoë 🐦' } });
    const { port } = await serve((_req, res) => res.end(body));
    const answer = await attemptAt(port, {
      url: new URL(`http://localhost:${port}/2/users/me`),
      maxResponseBytes: 10_000,
    });
    expect(answer.body.byteLength).toBe(Buffer.byteLength(body));
    expect(answer.body.byteLength).toBeGreaterThan(body.length);
    expect(answer.body.takeText()).toBe(body);
  });

  it('receives a body sent in chunks without a declared length', async () => {
    const body = JSON.stringify({ data: 'ü'.repeat(100_000) });
    const { port } = await serve((_req, res) => {
      res.write(body.slice(0, 70_000));
      setTimeout(() => res.end(body.slice(70_000)), 10);
    });
    const answer = await attemptAt(port, { maxResponseBytes: 1_000_000 });
    expect(answer.body.byteLength).toBe(Buffer.byteLength(body));
    expect(answer.body.takeText()).toBe(body);
  });

  it('stops reading a streamed body past maxResponseBytes', async () => {
    const { port } = await serve((_req, res) => {
      res.write('x'.repeat(600));
      res.end('y'.repeat(600));
    });
    const failure = await attemptAt(port).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AttemptFailure);
    expect((failure as AttemptFailure).kind).toBe('too-large');
  });

  it('bounds the body, not only the headers, by the timeout, and gives the body’s buffer back', async () => {
    // One free buffer in the pool, for the body to take.
    const buffer = BODY_BYTES.take(1);
    if (buffer) BODY_BYTES.give(buffer);
    const before = BODY_BYTES.retained;
    const { port } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":');
    });
    const failure = await attemptAt(port, { timeoutMs: 150 }).catch((e: unknown) => e);
    expect((failure as AttemptFailure).kind).toBe('timeout');
    expect(BODY_BYTES.retained).toBe(before);
  });

  it('times out an attempt still queued behind a stuck one on the only connection', async () => {
    const { port } = await serve(() => {
      // Never answers.
    });
    const d = createDefaultDispatcher({ connections: 1, dnsCache: false });
    dispatchers.push(d);
    const attempt = (timeoutMs: number) =>
      attemptAt(port, { dispatcher: d, timeoutMs }).catch((e: unknown) => e);
    const stuck = attempt(2000);
    const queued = attempt(100);
    // The queued attempt keeps its own time limit: it fails first, without waiting for the connection.
    const first = await Promise.race([stuck.then(() => 'stuck'), queued.then(() => 'queued')]);
    expect(first).toBe('queued');
    expect(((await queued) as AttemptFailure).kind).toBe('timeout');
    expect(((await stuck) as AttemptFailure).kind).toBe('timeout');
  });

  it('reports a dropped connection as a connection failure', async () => {
    const { port } = await serve((req) => req.socket.destroy());
    const failure = await attemptAt(port, {
      headers: { authorization: 'Bearer secret-in-header' },
    }).catch((e: unknown) => e);
    expect((failure as AttemptFailure).kind).toBe('connection');
    expect(String((failure as Error).message)).toMatch(/^the connection failed \(/);
    expect(JSON.stringify(failure) + String((failure as Error).cause)).not.toContain('secret-in-header');
  });
});
