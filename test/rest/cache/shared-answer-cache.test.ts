import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_APP_TOKEN,
  type EmulatorHandle,
  startEmulator,
} from '../../../src/emulator/start-emulator.ts';
import { createXClient, type XClient } from '../../../src/rest/client.ts';
import type { XClientOptions } from '../../../src/rest/options.ts';
import type { ClientSession } from '../../../src/rest/session.ts';
import type { SharedStateEvent, SharedStore } from '../../../src/rest/shared-store.ts';
import type { ListQuery } from '../../../src/rest/x-api.ts';
import { createRedisStore } from '../../../src/shared-state/redis-store.ts';
import { startTestRedis, type TestRedis } from '../../fixtures/redis-server.ts';

/**
 * The shared level as the call path uses it, with two clients in this process standing for two
 * instances over one real redis-server and the emulator.
 */

let redis: TestRedis;
let emulator: EmulatorHandle;
const clients: XClient[] = [];
const stores: SharedStore[] = [];
const query: ListQuery = { userFields: [], tweetFields: [], expansions: [], maxResults: 10 };
const followersPath = (id: string) => `/2/users/${id}/followers`;
let nextUser = 0;

beforeAll(async () => {
  redis = await startTestRedis();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(stores.splice(0).map((s) => s.close()));
  await emulator?.close();
  // Each test starts from an empty Redis: a budget one test spent must not refuse the next one's calls.
  const raw = new Redis(redis.url);
  await raw.flushall();
  raw.disconnect();
});

afterAll(async () => {
  await redis?.stop();
});

/** A client over the emulator and the test Redis, reporting its shared events into `events`. */
async function instance(events: SharedStateEvent[], options: Partial<XClientOptions> = {}): Promise<XClient> {
  const onShared = (e: SharedStateEvent) => events.push(e);
  const sharedStore = createRedisStore({ url: redis.url, commandTimeoutMs: 2000, onShared });
  stores.push(sharedStore);
  const client = createXClient({
    baseUrl: emulator.url,
    bearerToken: DEFAULT_APP_TOKEN,
    sharedStore,
    maxRetries: 0,
    onShared,
    ...options,
  });
  clients.push(client);
  expect(await client.sharedReady(5000)).toBe(true);
  return client;
}

/** An emulated user with followers anyone may read, not used by an earlier test. */
function freshUser(): string {
  for (;;) {
    const user = emulator.store.userAt(nextUser++);
    if (!user.protected && !user.suspended && emulator.store.followers(user.id).length > 0) return user.id;
  }
}

describe('executeCall with a shared store', () => {
  it('serves another instance answer as a hit, then from the local level', async () => {
    emulator = await startEmulator({ port: 0, rateLimit: 'off' });
    const eventsA: SharedStateEvent[] = [];
    const eventsB: SharedStateEvent[] = [];
    const [a, b] = [await instance(eventsA), await instance(eventsB)];
    const user = freshUser();
    const first = await a.session().userList('followers', user, query);
    const sessionB = b.session();
    const second = await sessionB.userList('followers', user, query);
    expect(second.users).toEqual(first.users);
    expect(second.meta.source).toBe('hit');
    expect(sessionB.stats).toMatchObject({ upstreamCalls: 0, cacheHits: 1 });
    await b.session().userList('followers', user, query);
    expect(eventsB.filter((e) => e.kind === 'hit').map((e) => e.kind === 'hit' && e.level)).toEqual([
      'shared',
      'local',
    ]);
    expect(emulator.requests.filter((r) => r.path === followersPath(user))).toHaveLength(1);
  });

  it('shows the planner a page another instance cached once loadSharedList pulled it in', async () => {
    emulator = await startEmulator({ port: 0, rateLimit: 'off' });
    const [a, b] = [await instance([]), await instance([])];
    const user = freshUser();
    await a.session().userList('followers', user, query);
    const sessionB = b.session() as ClientSession;
    const load = sessionB.loadSharedList;
    if (!load) throw new Error('a session with a shared level has loadSharedList');
    expect(sessionB.isListCached('followers', user, query)).toBe(false);
    await load('followers', user, query);
    expect(sessionB.isListCached('followers', user, query)).toBe(true);
    await load('followers', 'not an id', query); // bad input: nothing, no throw
    const other = freshUser();
    await load('followers', other, query);
    expect(sessionB.isListCached('followers', other, query, true)).toBe(false);
  });

  it('treats answers Redis evicted as misses, without an outage', async () => {
    emulator = await startEmulator({ port: 0, rateLimit: 'off' });
    const events: SharedStateEvent[] = [];
    const [a, b] = [await instance(events), await instance(events)];
    const user = freshUser();
    await a.session().userList('followers', user, query);
    const raw = new Redis(redis.url);
    await raw.flushall(); // what an evicting Redis may do to any key
    raw.disconnect();
    const page = await b.session().userList('followers', user, query);
    expect(page.meta.source).toBe('miss');
    expect(emulator.requests.filter((r) => r.path === followersPath(user))).toHaveLength(2);
    expect(events.filter((e) => e.kind === 'unavailable' || e.kind === 'error')).toEqual([]);
  });

  it('waits for a live holder that renews its lock past the lock lifetime', async () => {
    emulator = await startEmulator({ port: 0, rateLimit: 'off' });
    const user = freshUser();
    const eventsB: SharedStateEvent[] = [];
    const a = await instance([], { sharedLockTtlMs: 150 });
    const b = await instance(eventsB, { sharedLockTtlMs: 150 });
    emulator.faults.inject({ kind: 'latency', ms: 800, times: 1, path: followersPath(user) });
    const first = a.session().userList('followers', user, query);
    const raw = new Redis(redis.url);
    while ((await raw.keys('xgw:lock:*')).length === 0)
      await new Promise((resolve) => setTimeout(resolve, 5));
    raw.disconnect();
    const second = await b.session().userList('followers', user, query);
    expect(second.users).toEqual((await first).users);
    expect(second.meta.source).toBe('hit');
    expect(eventsB).toContainEqual({ kind: 'lock-wait', outcome: 'answered' });
    expect(emulator.requests.filter((r) => r.path === followersPath(user))).toHaveLength(1);
  });

  it('calls X itself once the lock of an instance that died expires', async () => {
    emulator = await startEmulator({ port: 0, rateLimit: 'off' });
    const user = freshUser();
    const eventsB: SharedStateEvent[] = [];
    const a = await instance([], { sharedLockTtlMs: 300, timeoutMs: 3000 });
    clients.splice(clients.indexOf(a), 1);
    const storeA = stores.pop();
    const b = await instance(eventsB, { sharedLockTtlMs: 300 });
    emulator.faults.inject({ kind: 'hang', times: 1, path: followersPath(user) });
    const stuck = a
      .session()
      .userList('followers', user, query)
      .catch((error: unknown) => error);
    while (emulator.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    // A dies holding the lock: its Redis connection goes, so nothing renews the lock any more.
    const closingA = Promise.all([storeA?.close(), a.close()]);

    const page = await b.session().userList('followers', user, query);
    expect(page.users.length).toBeGreaterThan(0);
    expect(page.meta.source).toBe('miss');
    // B's wait bound (X_TIMEOUT_MS + 1 s) is far longer: the lock's expiry is what freed it.
    expect(eventsB.filter((e) => e.kind === 'lock-wait')).toEqual([
      { kind: 'lock-wait', outcome: 'acquired' },
    ]);
    expect(emulator.requests.filter((r) => r.path === followersPath(user))).toHaveLength(2);
    await emulator.close(); // ends the hung request
    expect(await stuck).toMatchObject({ code: 'UPSTREAM_ERROR' });
    await closingA;
  });

  it('skips the shared cache and lock with a TTL of 0, and still shares the budget', async () => {
    emulator = await startEmulator({ port: 0, rateLimit: 'off' });
    const events: SharedStateEvent[] = [];
    const [a, b] = [
      await instance(events, { cacheTtlSeconds: 0 }),
      await instance(events, { cacheTtlSeconds: 0 }),
    ];
    const user = freshUser();
    const sessionA = a.session();
    await Promise.all([
      sessionA.userList('followers', user, query),
      b.session().userList('followers', user, query),
    ]);
    expect(emulator.requests.filter((r) => r.path === followersPath(user))).toHaveLength(2);
    expect(events.filter((e) => e.kind === 'lock-wait' || e.kind === 'hit')).toEqual([]);
    expect(await b.sharedRateLimitsFor(sessionA.principal.key)).toMatchObject([
      { endpoint: 'GET /2/users/:id/followers', limit: 1_000_000 },
    ]);
  });

  it('never lets two instances together send more calls than the window has left', async () => {
    emulator = await startEmulator({ port: 0, rateLimit: 3 });
    const [a, b] = [await instance([]), await instance([])];
    await a.session().userList('followers', freshUser(), query); // X: limit 3, remaining 2
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 === 0 ? a : b).session().userList('followers', freshUser(), query),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
    for (const refused of outcomes.filter((o) => o.status === 'rejected')) {
      expect(refused.reason).toMatchObject({ code: 'RATE_LIMITED' });
    }
    expect(emulator.requests.map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('shares a spent budget: the other instance fails fast without a request', async () => {
    emulator = await startEmulator({ port: 0, rateLimit: 1 });
    const [a, b] = [await instance([]), await instance([])];
    const sessionA = a.session();
    await sessionA.userList('followers', freshUser(), query);
    const key = sessionA.principal.key;
    expect(b.rateLimitsFor(key)).toEqual([]);
    expect(await b.sharedRateLimitsFor(key)).toMatchObject([
      { endpoint: 'GET /2/users/:id/followers', limit: 1, remaining: 0 },
    ]);
    const before = emulator.requests.length;
    await expect(b.session().userList('followers', freshUser(), query)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
    expect(emulator.requests.length).toBe(before);
  });
});
