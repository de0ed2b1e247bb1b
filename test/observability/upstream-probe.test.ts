import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createUpstreamProbe } from '../../src/observability/upstream-probe.ts';

const servers: Server[] = [];

/** A TCP server on a free port of 127.0.0.1 that counts its connections. */
async function listen(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server = createServer((socket) => {
    count += 1;
    socket.end();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return {
    port: address.port,
    connections: () => count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('createUpstreamProbe', () => {
  it('reports a listening origin reachable', async () => {
    const { port } = await listen();
    const probe = createUpstreamProbe({ baseUrl: `http://127.0.0.1:${port}` });
    expect(await probe()).toEqual({ reachable: true });
  });

  it('reports a closed port unreachable with host, port and the socket error', async () => {
    const upstream = await listen();
    await upstream.close();
    const probe = createUpstreamProbe({ baseUrl: `http://127.0.0.1:${upstream.port}/` });
    const result = await probe();
    expect(result.reachable).toBe(false);
    expect(result.reason).toBe(`cannot connect to 127.0.0.1:${upstream.port} (ECONNREFUSED)`);
  });

  it('reuses a verdict for cacheMs and probes again after', async () => {
    const upstream = await listen();
    let now = 0;
    const probe = createUpstreamProbe({
      baseUrl: `http://127.0.0.1:${upstream.port}`,
      cacheMs: 1000,
      now: () => now,
    });
    await probe();
    await Promise.all([probe(), probe()]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(upstream.connections()).toBe(1);
    now = 1500;
    await probe();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(upstream.connections()).toBe(2);
  });

  it('uses port 443 for https origins without a port', async () => {
    // 127.0.0.2:443 has no listener here: the reason names the default port.
    const probe = createUpstreamProbe({ baseUrl: 'https://127.0.0.2', timeoutMs: 500 });
    const result = await probe();
    expect(result.reachable).toBe(false);
    expect(result.reason).toContain('127.0.0.2:443');
  });
});
