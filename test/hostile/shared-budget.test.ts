import { afterEach, describe, expect, it } from 'vitest';
import { type EmulatorHandle, startEmulator } from '../../src/emulator/start-emulator.ts';
import type { GraphQLResponse } from '../fixtures/gateway.ts';
import { startTestGateway } from '../fixtures/gateway.ts';
import { type GatewayInstance, startGatewayInstance } from '../fixtures/redis-gateways.ts';
import { startTestRedis, type TestRedis } from '../fixtures/redis-server.ts';

/**
 * Hostile clients: a burst of queries with a token X has never answered must not send more calls than
 * X's window allows. Before X's first answer the budget is the documented limit of the endpoint (15 per
 * 15 minutes for followers), reserved atomically across instances through Redis, or in memory without
 * it. The emulator enforces X's 15 per 15 minutes, so a call too many shows as a 429 in its log.
 */

const FOLLOWERS = 'GET /2/users/:id/followers';
const BURST = 60;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A query for the first ten followers of `userId`: one followers call when not cached. */
const followersOf = (userId: string) =>
  `{ user(restId: "${userId}") { followers(first: 10) { nodes { restId } } } }`;

/** `count` distinct emulated users who have followers and whose lists anyone may read. */
function readableUsers(emulator: EmulatorHandle, count: number): string[] {
  const ids: string[] = [];
  for (let index = 0; ids.length < count; index++) {
    const user = emulator.store.userAt(index);
    if (!user.protected && !user.suspended && emulator.store.followers(user.id).length > 0) ids.push(user.id);
  }
  return ids;
}

/** The followers calls that reached the emulator for user tokens, and how many it answered 429. */
function followersCalls(emulator: EmulatorHandle): { calls: number; tooMany: number } {
  const calls = emulator.requests.filter((r) => r.endpoint === FOLLOWERS && r.principal?.kind === 'user');
  return { calls: calls.length, tooMany: calls.filter((r) => r.status === 429).length };
}

/** Splits answers into served pages and RATE_LIMITED refusals; anything else fails the test. */
function outcomes(results: readonly GraphQLResponse[]): { served: number; refused: number } {
  let served = 0;
  let refused = 0;
  for (const result of results) {
    if (!result.errors) {
      const user = result.data?.user as { followers: { nodes: unknown[] } };
      expect(user.followers.nodes.length).toBeGreaterThan(0);
      served++;
      continue;
    }
    const extensions = result.errors[0]?.extensions;
    expect(extensions?.code).toBe('RATE_LIMITED');
    expect(Date.parse(String(extensions?.resetAt))).toBeGreaterThan(Date.now());
    expect(extensions?.retryAfterSeconds).toBeGreaterThan(0);
    refused++;
  }
  return { served, refused };
}

describe('the rate-limit budget under a burst from a fresh token', () => {
  it('sends at most 15 followers calls across two instances sharing Redis, and none gets a 429', async () => {
    const redis: TestRedis = await startTestRedis();
    cleanups.push(() => redis.stop());
    const emulator = await startEmulator({ port: 0, rateLimit: 15 });
    cleanups.push(() => emulator.close());
    const [a, b]: GatewayInstance[] = await Promise.all(
      [0, 1].map(() =>
        startGatewayInstance({ emulatorUrl: emulator.url, redisUrl: redis.url, commandTimeoutMs: 2000 }),
      ),
    );
    cleanups.push(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
    });
    const users = readableUsers(emulator, BURST * 2);
    const token = emulator.issueUserToken(users[0] as string);

    const burst = (ids: readonly string[]) =>
      Promise.all(ids.map((id, i) => (i % 2 === 0 ? a : b)?.query(followersOf(id), {}, token)));
    const first = outcomes((await burst(users.slice(0, BURST))) as GraphQLResponse[]);
    const afterFirst = followersCalls(emulator);
    expect(afterFirst.calls).toBeGreaterThan(0);
    expect(afterFirst.calls).toBeLessThanOrEqual(15);
    expect(afterFirst.tooMany).toBe(0);
    expect(first.served).toBe(afterFirst.calls);
    expect(first.refused).toBe(BURST - first.served);

    // Once X's headers are known the budget stays spent: a second burst sends nothing.
    const second = outcomes((await burst(users.slice(BURST))) as GraphQLResponse[]);
    expect(second).toEqual({ served: 0, refused: BURST });
    expect(followersCalls(emulator)).toEqual(afterFirst);
  }, 60_000);

  it('sends at most 15 followers calls from one instance without Redis, and none gets a 429', async () => {
    const gateway = await startTestGateway({ rateLimit: 15 });
    cleanups.push(() => gateway.close());
    const users = readableUsers(gateway.emulator, BURST);
    const token = gateway.emulator.issueUserToken(users[0] as string);

    const results = await Promise.all(users.map((id) => gateway.query(followersOf(id), {}, token)));
    const { served, refused } = outcomes(results);
    const { calls, tooMany } = followersCalls(gateway.emulator);
    expect(calls).toBeGreaterThan(0);
    expect(calls).toBeLessThanOrEqual(15);
    expect(tooMany).toBe(0);
    expect(served).toBe(calls);
    expect(refused).toBe(BURST - served);
  });
});
