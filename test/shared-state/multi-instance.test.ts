import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorHandle, startEmulator } from '../../src/emulator/start-emulator.ts';
import { type GatewayInstance, startGatewayInstance } from '../fixtures/redis-gateways.ts';
import { startTestRedis, type TestRedis } from '../fixtures/redis-server.ts';

/**
 * Two gateway instances in separate processes over one emulator and one real redis-server: what one
 * instance fetched or learnt, the other uses; and Redis dying never fails a query.
 */

let redis: TestRedis;
let emulator: EmulatorHandle;
let a: GatewayInstance;
let b: GatewayInstance;
const pickUser = userPicker();

beforeAll(async () => {
  redis = await startTestRedis();
  emulator = await startEmulator({ port: 0, rateLimit: 'off' });
  [a, b] = await Promise.all([
    startGatewayInstance({ emulatorUrl: emulator.url, redisUrl: redis.url, commandTimeoutMs: 2000 }),
    startGatewayInstance({ emulatorUrl: emulator.url, redisUrl: redis.url, commandTimeoutMs: 2000 }),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await emulator?.close();
  await redis?.stop();
});

/** A query for the first ten followers of `userId`: one upstream call when not cached. */
const followersOf = (userId: string) =>
  `{ user(restId: "${userId}") { followers(first: 10) { nodes { restId } } } }`;

/** How many requests for the followers of `userId` reached the emulator. */
const callsFor = (userId: string) =>
  emulator.requests.filter((r) => r.path === `/2/users/${userId}/followers`).length;

/** The restIds of an answer's followers page. */
function followerIds(result: Awaited<ReturnType<GatewayInstance['query']>>): unknown {
  expect(result.errors).toBeUndefined();
  const user = result.data?.user as { followers: { nodes: { restId: string }[] } };
  return user.followers.nodes.map((n) => n.restId);
}

describe('two gateway instances sharing Redis', () => {
  it('serves a page fetched through one instance from the other without an upstream call', async () => {
    const user = pickUser();
    const first = followerIds(await a.query(followersOf(user)));
    expect(callsFor(user)).toBe(1);
    const second = followerIds(await b.query(followersOf(user)));
    expect(second).toEqual(first);
    expect(callsFor(user)).toBe(1);
    expect(await b.metrics()).toMatch(/x_shared_cache_hits_total\{level="shared"\} [1-9]/);
  });

  it('makes one upstream call for 40 concurrent identical queries split across both', async () => {
    const user = pickUser();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).query(followersOf(user))),
    );
    const pages = results.map(followerIds);
    for (const page of pages) expect(page).toEqual(pages[0]);
    expect(callsFor(user)).toBe(1);
  });

  it('keeps answers partitioned by token across instances', async () => {
    const user = pickUser();
    const [tokenOne, tokenTwo] = [emulator.issueUserToken(pickUser()), emulator.issueUserToken(pickUser())];
    followerIds(await a.query(followersOf(user), {}, tokenOne));
    expect(callsFor(user)).toBe(1);
    followerIds(await b.query(followersOf(user), {}, tokenTwo));
    expect(callsFor(user)).toBe(2);
    followerIds(await b.query(followersOf(user)));
    expect(callsFor(user)).toBe(3);
    followerIds(await b.query(followersOf(user), {}, tokenOne));
    expect(callsFor(user)).toBe(3);
  });

  it('fails fast on one instance after a 429 seen by the other, without calling X', async () => {
    const limited = emulator.issueUserToken(pickUser());
    const other = emulator.issueUserToken(pickUser());
    const [first, second] = [pickUser(), pickUser()];
    emulator.faults.inject({ kind: 'status', status: 429, times: 1, path: `/2/users/${first}/followers` });
    const refused = await a.query(followersOf(first), {}, limited);
    expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(callsFor(first)).toBe(1);

    const before = emulator.requests.length;
    const failedFast = await b.query(followersOf(second), {}, limited);
    expect(failedFast.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(emulator.requests.length).toBe(before);
    // Another principal's budget is its own.
    followerIds(await b.query(followersOf(second), {}, other));
    expect(callsFor(second)).toBe(1);
  });

  it('answers every query while Redis is killed mid-run, and shares again once it is back', async () => {
    const users = Array.from({ length: 6 }, () => pickUser());
    const round = () =>
      Promise.all(users.flatMap((user) => [a.query(followersOf(user)), b.query(followersOf(user))]));
    for (const result of await round()) followerIds(result);

    const running = round();
    await redis.kill();
    for (const result of await running) followerIds(result);
    for (const result of await round()) followerIds(result);
    const fresh = pickUser();
    followerIds(await a.query(followersOf(fresh)));
    followerIds(await b.query(followersOf(fresh)));
    expect(callsFor(fresh)).toBe(2); // no sharing while Redis is down

    await redis.restart();
    await Promise.all([recovered(a), recovered(b)]);
    for (const instance of [a, b]) {
      expect(warnings(instance)).toHaveLength(1);
      expect(await instance.metrics()).toMatch(/x_redis_outages_total 1\n/);
    }
    const after = pickUser();
    followerIds(await a.query(followersOf(after)));
    followerIds(await b.query(followersOf(after)));
    expect(callsFor(after)).toBe(1);
  });
});

/** The instance's Redis outage warnings. */
function warnings(instance: GatewayInstance): Record<string, unknown>[] {
  return instance.logs.filter((l) => l.level === 'warn' && String(l.msg).startsWith('Redis unavailable'));
}

/** Resolves once the instance logged that Redis is back (ioredis reconnects within about a second). */
async function recovered(instance: GatewayInstance): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    if (instance.logs.some((l) => String(l.msg).startsWith('Redis available again'))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the instance did not report Redis as available again within 10 s');
}

/** Hands out distinct emulated users who have followers and whose lists anyone may read. */
function userPicker(): () => string {
  let index = 0;
  return () => {
    for (;;) {
      const user = emulator.store.userAt(index++);
      if (!user.protected && !user.suspended && emulator.store.followers(user.id).length > 0) return user.id;
    }
  };
}
