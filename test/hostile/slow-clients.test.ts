import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverOptionsFor } from '../../src/connection-limits.ts';
import { startTestGateway, type TestGateway } from '../fixtures/server-gateway.ts';
import { openSocket, trickle } from '../fixtures/slow-client.ts';

/** The log lines at error level. */
function errorLines(gateway: TestGateway): Record<string, unknown>[] {
  return gateway.lines.filter((line) => line.level === 'error');
}

/** Resolves once `socket` is closed, with everything the server sent on it. */
function closed(socket: Socket): Promise<string> {
  let received = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => {
    received += chunk;
  });
  socket.on('error', () => {});
  return new Promise((resolve) => socket.once('close', () => resolve(received)));
}

describe('slow clients (HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS, MAX_CONNECTIONS)', () => {
  let gateway: TestGateway;
  let port: number;

  beforeAll(async () => {
    gateway = await startTestGateway({
      HEADERS_TIMEOUT_MS: '200',
      REQUEST_TIMEOUT_MS: '400',
      KEEP_ALIVE_TIMEOUT_MS: '1000',
      MAX_CONNECTIONS: '3',
    });
    port = (gateway.server.address() as AddressInfo).port;
  });
  afterAll(() => gateway.close());

  it('checks the timeouts often enough to cut a client off close to its timeout', () => {
    expect(gateway.server.headersTimeout).toBe(200);
    expect(gateway.server.requestTimeout).toBe(400);
    expect(gateway.server.keepAliveTimeout).toBe(1000);
    expect(gateway.server.maxConnections).toBe(3);
    expect(
      serverOptionsFor({
        headersTimeoutMs: 10_000,
        requestTimeoutMs: 30_000,
        keepAliveTimeoutMs: 65_000,
        maxConnections: 4096,
      }).connectionsCheckingInterval,
    ).toBe(1000);
  });

  it('answers 408 and closes the connection of a client that sends its headers one byte at a time', async () => {
    // POST /graphql with headers that never end, one byte every 50 ms (200 bytes: 10 s at most).
    const outcome = await trickle(port, 'headers');
    expect(outcome.closedByServer).toBe(true);
    expect(outcome.status).toBe(408);
    expect(gateway.emulator?.requests).toEqual([]);
    expect(errorLines(gateway)).toEqual([]);
  });

  it('answers 408 and closes the connection of a client that sends its body one byte at a time', async () => {
    // POST /graphql announcing 100,000 bytes of body, then one byte every 50 ms.
    const outcome = await trickle(port, 'body');
    expect(outcome.closedByServer).toBe(true);
    expect(outcome.status).toBe(408);
    expect(gateway.emulator?.requests).toEqual([]);
    expect(errorLines(gateway)).toEqual([]);
  });

  it('closes a connection that sends nothing at the headers timeout', async () => {
    const received = await closed(await openSocket(port));
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes an idle keep-alive connection at the keep-alive timeout', async () => {
    const socket = await openSocket(port);
    const done = closed(socket);
    socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
    const received = await done;
    expect(received).toMatch(/^HTTP\/1\.1 200 /);
    expect(received).toContain('Keep-Alive: timeout=1');
    // One answer, the 200; no 408 status line after it (a bare '408' would also match a random request id).
    expect(received.match(/HTTP\/1\.1 \d{3} /g)).toEqual(['HTTP/1.1 200 ']);
  });

  it('closes connections beyond MAX_CONNECTIONS at once and keeps serving the others', async () => {
    const held = await Promise.all([openSocket(port), openSocket(port), openSocket(port)]);
    const heldClosed = held.map(closed);
    await new Promise<void>((resolve) => {
      const count = (): void => {
        gateway.server.getConnections((_error, n) => {
          if (n >= 3) resolve();
          else setTimeout(count, 5);
        });
      };
      count();
    });
    const dropped = new Promise<void>((resolve) => gateway.server.once('drop', () => resolve()));
    // A fourth connection: accepted by the kernel, then closed by the server without an answer.
    const extra = await openSocket(port);
    const extraReceived = await closed(extra);
    await dropped;
    expect(extraReceived).toBe('');
    // The three held ones still get their answer before their own headers timeout.
    held[0]?.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    expect(await heldClosed[0]).toMatch(/^HTTP\/1\.1 200 /);
    for (const socket of held) socket.destroy();
    await Promise.all(heldClosed);
    expect(errorLines(gateway)).toEqual([]);
  });
});
