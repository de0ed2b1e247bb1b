import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SharedCachedAnswer, SharedStateEvent, SharedStore } from '../../src/rest/shared-store.ts';
import { createRedisStore } from '../../src/shared-state/redis-store.ts';
import { startTestRedis, type TestRedis } from '../fixtures/redis-server.ts';

let redis: TestRedis;
let store: SharedStore;
let raw: Redis;
const events: SharedStateEvent[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
  store = createRedisStore({ url: redis.url, onShared: (e) => events.push(e), maxEntryBytes: 64 * 1024 });
  raw = new Redis(redis.url);
  expect(await store.ready(5000)).toBe(true);
});

afterAll(async () => {
  await store?.close();
  raw?.disconnect();
  await redis?.stop();
});

/** An answer whose body holds `size` characters of text. */
const answer = (fetchedAt: number, size = 10): SharedCachedAnswer => ({
  fields: { 'user.fields': ['created_at'] },
  body: { data: [{ id: '1', name: 'n', username: 'u', description: 'x'.repeat(size) }] },
  fetchedAt,
  bytes: size + 60,
});

describe('createRedisStore', () => {
  it('stores a group of answers under the prefixed key with its lifetime', async () => {
    await store.writeAnswers('k1|GET /2/users|/2/users?ids=1', [answer(1000)], 60_000);
    expect(await store.readAnswers('k1|GET /2/users|/2/users?ids=1')).toEqual([answer(1000)]);
    const ttl = await raw.pttl('xgw:cache:k1|GET /2/users|/2/users?ids=1');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(await store.readAnswers('k2|GET /2/users|/2/users?ids=1')).toEqual([]);
  });

  it('compresses large groups and leaves small ones plain', async () => {
    await store.writeAnswers('small', [answer(1, 10)], 60_000);
    await store.writeAnswers('large', [answer(1, 20_000)], 60_000);
    const small = (await raw.getBuffer('xgw:cache:small')) as Buffer;
    const large = (await raw.getBuffer('xgw:cache:large')) as Buffer;
    expect(String.fromCharCode(small[0] as number)).toBe('j');
    expect(String.fromCharCode(large[0] as number)).toBe('z');
    expect(large.length).toBeLessThan(2000);
    expect(await store.readAnswers('large')).toEqual([answer(1, 20_000)]);
  });

  it('does not store a group larger than the byte bound', async () => {
    await store.writeAnswers(
      'huge',
      [{ ...answer(1), body: { data: [{ id: '1', name: randomText(200_000), username: 'u' }] } }],
      60_000,
    );
    expect(await raw.exists('xgw:cache:huge')).toBe(0);
  });

  it('reads a foreign or corrupt value as nothing, counting a decode error', async () => {
    await raw.set('xgw:cache:corrupt', 'not a group');
    expect(await store.readAnswers('corrupt')).toEqual([]);
    expect(events).toContainEqual({ kind: 'error', operation: 'decode' });
  });

  it('lets one holder take a lock, and releases it only with the holder token', async () => {
    const first = await store.acquireLock('call', 10_000);
    expect(first.acquired).toBe(true);
    expect(await store.acquireLock('call', 10_000)).toEqual({ acquired: false, reason: 'held' });
    await store.releaseLock('call', 'someone-else');
    expect((await store.acquireLock('call', 10_000)).acquired).toBe(false);
    if (first.acquired) await store.releaseLock('call', first.token);
    expect((await store.acquireLock('call', 10_000)).acquired).toBe(true);
  });

  it('frees a dead holder lock by its expiry', async () => {
    expect((await store.acquireLock('dead', 100)).acquired).toBe(true);
    let acquired = false;
    for (let tries = 0; tries < 100 && !acquired; tries++) {
      acquired = (await store.acquireLock('dead', 10_000)).acquired;
      if (!acquired) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(acquired).toBe(true);
  });

  it('merges rate-limit states so the budget never goes up within a window', async () => {
    const reset = new Date(Date.now() + 600_000);
    const endpoint = 'GET /2/users/:id/followers' as const;
    await store.writeRateLimit('p1', { endpoint, limit: 15, remaining: 9, resetAt: reset });
    await store.writeRateLimit('p1', { endpoint, limit: 15, remaining: 12, resetAt: reset });
    expect(await store.readRateLimit('p1', endpoint)).toEqual({
      endpoint,
      limit: 15,
      remaining: 9,
      resetAt: reset,
    });
    const later = new Date(reset.getTime() + 900_000);
    await store.writeRateLimit('p1', { endpoint, limit: 15, remaining: 14, resetAt: later });
    expect(await store.readRateLimit('p1', endpoint)).toMatchObject({ remaining: 14, resetAt: later });
    await store.writeRateLimit('p1', { endpoint, limit: 15, remaining: 0, resetAt: reset });
    expect(await store.readRateLimit('p1', endpoint)).toMatchObject({ remaining: 14, resetAt: later });
    await store.writeRateLimit('p1', { endpoint: 'GET /2/users', limit: 900, remaining: 3, resetAt: reset });
    expect((await store.listRateLimits('p1')).map((s) => s.endpoint)).toEqual([
      'GET /2/users',
      'GET /2/users/:id/followers',
    ]);
    expect(await store.listRateLimits('p2')).toEqual([]);
    expect(await raw.pttl('xgw:rl:p1')).toBeGreaterThan(900_000);
  });
});

describe('createRedisStore reserveCall', () => {
  it('takes calls from a known budget until it is spent', async () => {
    const endpoint = 'GET /2/users/:id/following' as const;
    const resetAt = new Date(Date.now() + 600_000);
    await store.writeRateLimit('r1', { endpoint, limit: 15, remaining: 2, resetAt });
    const seen = [];
    for (let i = 0; i < 4; i++) {
      const reservation = await store.reserveCall('r1', endpoint, 15);
      seen.push([reservation?.taken, reservation?.state.remaining]);
    }
    expect(seen).toEqual([
      [true, 1],
      [true, 0],
      [false, 0],
      [false, 0],
    ]);
    expect(await store.readRateLimit('r1', endpoint)).toEqual({ endpoint, limit: 15, remaining: 0, resetAt });
  });

  it('opens a provisional window at the documented limit before X has answered, or after the window', async () => {
    const endpoint = 'GET /2/users/:id/followers' as const;
    const before = Date.now();
    const first = await store.reserveCall('r2', endpoint, 15);
    expect(first).toMatchObject({ taken: true, state: { limit: 15, remaining: 14, provisional: true } });
    expect(first?.state.resetAt.getTime()).toBeGreaterThanOrEqual(before + 900_000);
    const taken = await Promise.all(Array.from({ length: 20 }, () => store.reserveCall('r2', endpoint, 15)));
    expect(taken.filter((r) => r?.taken)).toHaveLength(14);
    // A window that has ended opens again with the limit X last announced.
    await raw.hset('xgw:rl:r3', endpoint, `50|0|${Date.now() - 1000}`);
    expect(await store.reserveCall('r3', endpoint, 15)).toMatchObject({
      taken: true,
      state: { limit: 50, remaining: 49, provisional: true },
    });
  });

  it("takes X's window and limit over a provisional state, keeping the calls reserved counted", async () => {
    const endpoint = 'GET /2/users/:id/followers' as const;
    for (let i = 0; i < 5; i++) await store.reserveCall('r4', endpoint, 15);
    const resetAt = new Date(Date.now() + 899_000);
    // X has counted the first call only (14 left); the four others are still in flight.
    await store.writeRateLimit('r4', { endpoint, limit: 15, remaining: 14, resetAt });
    expect(await store.readRateLimit('r4', endpoint)).toEqual({
      endpoint,
      limit: 15,
      remaining: 10,
      resetAt,
    });
    // X allows more than documented: the reserved calls still count against its limit.
    for (let i = 0; i < 3; i++) await store.reserveCall('r5', endpoint, 15);
    await store.writeRateLimit('r5', { endpoint, limit: 50, remaining: 49, resetAt });
    expect(await store.readRateLimit('r5', endpoint)).toEqual({
      endpoint,
      limit: 50,
      remaining: 47,
      resetAt,
    });
  });
});

describe('createRedisStore with a slow Redis', () => {
  it('counts a connected Redis that keeps timing out as down, and recovers by itself', async () => {
    const seen: SharedStateEvent[] = [];
    const slow = createRedisStore({
      url: redis.url,
      onShared: (e) => seen.push(e),
      commandTimeoutMs: 50,
      probeAfterMs: 100,
      keyPrefix: 'slow:',
    });
    expect(await slow.ready(5000)).toBe(true);
    await raw.call('CLIENT', 'PAUSE', '800', 'ALL'); // every client's commands wait 800 ms
    for (let i = 0; i < 5; i++) expect(await slow.readAnswers('k')).toEqual([]);
    expect(seen.filter((e) => e.kind === 'unavailable')).toHaveLength(1);
    expect(slow.available).toBe(false);

    for (let tries = 0; tries < 100 && !seen.some((e) => e.kind === 'recovered'); tries++) {
      await slow.readAnswers('k');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(seen.filter((e) => e.kind === 'recovered')).toHaveLength(1);
    await slow.writeAnswers('k', [answer(5)], 60_000);
    expect(await slow.readAnswers('k')).toEqual([answer(5)]);
    expect(seen.filter((e) => e.kind === 'unavailable')).toHaveLength(1);
    await slow.close();
  });
});

describe('createRedisStore without a reachable Redis', () => {
  it('answers neutrally and reports one outage', async () => {
    const seen: SharedStateEvent[] = [];
    const down = createRedisStore({ url: 'redis://127.0.0.1:1', onShared: (e) => seen.push(e) });
    expect(await down.ready(300)).toBe(false);
    expect(down.available).toBe(false);
    expect(await down.readAnswers('k')).toEqual([]);
    await down.writeAnswers('k', [answer(1)], 1000);
    expect(await down.acquireLock('k', 1000)).toEqual({ acquired: false, reason: 'unavailable' });
    expect(await down.readRateLimit('p', 'GET /2/users')).toBeUndefined();
    expect(await down.listRateLimits('p')).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 300)); // a few reconnection attempts
    expect(seen.filter((e) => e.kind === 'unavailable')).toHaveLength(1);
    expect(seen.filter((e) => e.kind === 'error').length).toBeGreaterThan(0);
    await down.close();
  });
});

/** Text that does not compress. */
function randomText(length: number): string {
  let text = '';
  while (text.length < length) text += Math.random().toString(36).slice(2);
  return text;
}
