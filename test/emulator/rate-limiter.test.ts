import { afterEach, describe, expect, it } from 'vitest';
import { createRateLimiter, OFF_NOMINAL_LIMIT } from '../../src/emulator/http/rate-limiter.ts';
import type { EmulatorHandle } from '../../src/emulator/start-emulator.ts';
import { startFakeEmulator, xGet } from '../fixtures/emulator-client.ts';

const TWITTER_DEV = '2244994945';
const FOLLOWERS = `/2/users/${TWITTER_DEV}/followers?max_results=1`;
const START_MS = Date.UTC(2026, 0, 1, 12, 0, 0);

let emulator: EmulatorHandle | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

/** Starts an emulator with the default limit and a clock the test moves. */
async function start(
  rateLimit?: number | 'off',
): Promise<{ emulator: EmulatorHandle; advance(ms: number): void }> {
  let now = START_MS;
  emulator = await startFakeEmulator({
    clock: () => now,
    ...(rateLimit === undefined ? { rateLimit: 15 } : { rateLimit }),
  });
  return { emulator, advance: (ms) => (now += ms) };
}

describe('rate limits', () => {
  it('allows 15 requests per window, then answers X’s 429 with the budget headers', async () => {
    const { emulator } = await start();
    const resetSeconds = String(START_MS / 1000 + 900);
    for (let i = 1; i <= 15; i += 1) {
      const answer = await xGet(emulator, FOLLOWERS);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-rate-limit-limit')).toBe('15');
      expect(answer.headers.get('x-rate-limit-remaining')).toBe(String(15 - i));
      expect(answer.headers.get('x-rate-limit-reset')).toBe(resetSeconds);
    }
    const limited = await xGet(emulator, FOLLOWERS);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      title: 'Too Many Requests',
      type: 'about:blank',
      status: 429,
      detail: 'Too Many Requests',
    });
    expect(limited.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(limited.headers.get('x-rate-limit-reset')).toBe(resetSeconds);
  });

  it('opens a new window once the clock passes the reset time', async () => {
    const { emulator, advance } = await start(2);
    await xGet(emulator, FOLLOWERS);
    await xGet(emulator, FOLLOWERS);
    expect((await xGet(emulator, FOLLOWERS)).status).toBe(429);
    advance(899_999);
    expect((await xGet(emulator, FOLLOWERS)).status).toBe(429);
    advance(1);
    const fresh = await xGet(emulator, FOLLOWERS);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('x-rate-limit-remaining')).toBe('1');
    expect(fresh.headers.get('x-rate-limit-reset')).toBe(String((START_MS + 900_000) / 1000 + 900));
  });

  it('counts each endpoint and each principal separately', async () => {
    const { emulator } = await start(1);
    const userToken = emulator.issueUserToken(TWITTER_DEV);
    expect((await xGet(emulator, FOLLOWERS)).status).toBe(200);
    expect((await xGet(emulator, FOLLOWERS)).status).toBe(429);
    expect((await xGet(emulator, FOLLOWERS, { token: userToken })).status).toBe(200);
    expect((await xGet(emulator, `/2/users/${TWITTER_DEV}/following`)).status).toBe(200);
    expect((await xGet(emulator, `/2/users/${TWITTER_DEV}`)).status).toBe(200);
    expect((await xGet(emulator, '/2/users/12')).status).toBe(429);
    expect(emulator.requests.map((r) => r.principal?.key)).toEqual([
      'app:1',
      'app:1',
      `user:${TWITTER_DEV}`,
      'app:1',
      'app:1',
      'app:1',
    ]);
  });

  it('sends the budget headers on 400 answers too, and counts them', async () => {
    const { emulator } = await start();
    const answer = await xGet(emulator, `/2/users/${TWITTER_DEV}/followers?max_results=0`);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('x-rate-limit-remaining')).toBe('14');
  });

  it('sends no budget headers on a 401', async () => {
    const { emulator } = await start();
    const answer = await xGet(emulator, FOLLOWERS, { token: 'nope' });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('x-rate-limit-limit')).toBeNull();
  });

  it('never limits when turned off, and still sends the headers with a nominal limit', async () => {
    const { emulator } = await start('off');
    for (let i = 0; i < 20; i += 1) expect((await xGet(emulator, FOLLOWERS)).status).toBe(200);
    const answer = await xGet(emulator, FOLLOWERS);
    expect(answer.headers.get('x-rate-limit-limit')).toBe(String(OFF_NOMINAL_LIMIT));
    expect(answer.headers.get('x-rate-limit-remaining')).toBe(String(OFF_NOMINAL_LIMIT - 21));
  });

  it('forgets every budget on resetRateLimits()', async () => {
    const { emulator } = await start(1);
    await xGet(emulator, FOLLOWERS);
    expect((await xGet(emulator, FOLLOWERS)).status).toBe(429);
    emulator.resetRateLimits();
    expect((await xGet(emulator, FOLLOWERS)).status).toBe(200);
  });
});

describe('createRateLimiter', () => {
  it('keeps counting correctly after closed windows of many principals are purged', () => {
    let now = START_MS;
    const limiter = createRateLimiter({ limit: 2, clock: () => now });
    for (let i = 0; i < 10_050; i += 1) limiter.take('GET /x', `user:${i}`);
    expect(limiter.take('GET /x', 'user:0')).toMatchObject({ remaining: 0, allowed: true });
    now += 900_000;
    expect(limiter.take('GET /x', 'user:fresh')).toMatchObject({ remaining: 1, allowed: true });
    expect(limiter.take('GET /x', 'user:0')).toMatchObject({ remaining: 1, allowed: true });
    expect(limiter.take('GET /x', 'user:0')).toMatchObject({ remaining: 0, allowed: true });
    expect(limiter.take('GET /x', 'user:0')).toMatchObject({ remaining: 0, allowed: false });
  });

  it('never refuses when off', () => {
    const limiter = createRateLimiter({ limit: 'off', clock: () => 0 });
    for (let i = 0; i < 100; i += 1) limiter.take('GET /x', 'app:1');
    expect(limiter.take('GET /x', 'app:1')).toMatchObject({ limit: OFF_NOMINAL_LIMIT, allowed: true });
  });
});
