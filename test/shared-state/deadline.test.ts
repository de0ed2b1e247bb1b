import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DeadlineError, withDeadline } from '../../src/shared-state/deadline.ts';
import { startTestRedis } from '../fixtures/redis-server.ts';

describe('withDeadline', () => {
  it('settles like the promise when it settles in time', async () => {
    await expect(withDeadline(Promise.resolve(7), 1000, 'x')).resolves.toBe(7);
    await expect(withDeadline(Promise.reject(new Error('boom')), 1000, 'x')).rejects.toThrow('boom');
  });

  it('rejects a promise still pending after the limit, naming what ran late', async () => {
    const error = await withDeadline(new Promise(() => {}), 10, 'Redis get').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineError);
    expect((error as Error).message).toBe('Redis get took longer than 10 ms');
  });

  it('lets a reply that arrived while the event loop was blocked win over the expired timer', async () => {
    const redis = await startTestRedis(); // another process, so its reply arrives while this one is blocked
    const socket = connect({ host: '127.0.0.1', port: redis.port });
    socket.on('error', () => {});
    await new Promise((resolve) => socket.once('connect', resolve));
    try {
      const reply = new Promise<string>((resolve) => socket.once('data', (d) => resolve(d.toString())));
      socket.write('PING\r\n');
      const guarded = withDeadline(reply, 20, 'ping');
      const naive = Promise.race([
        reply,
        new Promise<string>((resolve) => setTimeout(() => resolve('timed out'), 20)),
      ]);
      // Block the loop well past the limit: the reply waits in the socket buffer, the timers are due.
      const until = Date.now() + 500;
      while (Date.now() < until) {
        // busy
      }
      expect(await naive).toBe('timed out'); // what a plain timeout does
      await expect(guarded).resolves.toBe('+PONG\r\n');
    } finally {
      socket.destroy();
      await redis.stop();
    }
  });
});
