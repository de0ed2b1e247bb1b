import { afterEach, describe, expect, it } from 'vitest';
import type { CostExtension } from '../../src/cost/cost-extensions.ts';
import { type CachingGateway, startCachingGateway } from '../fixtures/cost-gateway.ts';
import type { GraphQLResponse } from '../fixtures/gateway.ts';

/**
 * Call economy: cached lookups and the cached pages of owners named by username are priced as free and
 * served when X's budget is spent; `rateLimit` and `spend` show the operation's own calls.
 */

const BY_USERNAME = '{ user(username: "TwitterDev") { followers(first: 5) { nodes { name } } } }';
const OTHER_LIST = '{ user(restId: "783214") { followers(first: 6) { nodes { name } } } }';

/** `extensions.cost` of an answer. */
const costOf = (result: GraphQLResponse) => result.extensions?.cost as CostExtension;

let open: CachingGateway[] = [];
afterEach(async () => {
  await Promise.all(open.map((gateway) => gateway.close()));
  open = [];
});

/** A caching gateway (60 s) over an emulator allowing `rateLimit` calls per endpoint and window. */
async function gateway(rateLimit: number | 'off'): Promise<CachingGateway> {
  const started = await startCachingGateway({ rateLimit });
  open.push(started);
  return started;
}

describe('call economy', () => {
  it('serves a cached page asked through user(username:) when the followers budget is spent', async () => {
    const gw = await gateway(2);
    const first = await gw.query(BY_USERNAME);
    expect(first.errors).toBeUndefined();
    expect(costOf(first).actualUpstreamCalls).toBe(2);
    // Another list spends the rest of the followers budget (2 a window).
    expect((await gw.query(OTHER_LIST)).errors).toBeUndefined();
    gw.emulator.clearRequests();
    const again = await gw.query(BY_USERNAME);
    expect(again.errors).toBeUndefined();
    expect(again.data).toEqual(first.data);
    expect(costOf(again)).toMatchObject({
      estimatedUpstreamCalls: 0,
      actualUpstreamCalls: 0,
      cachedCalls: 2,
      estimatedUsd: 0,
    });
    expect(gw.emulator.requests).toHaveLength(0);
  });

  it('prices cached lookups as free, and the lookup of other usernames as a call', async () => {
    const gw = await gateway('off');
    const lookup =
      '{ user(username: "TwitterDev") { name createdAt } tweet(restId: "1293593516040269825") { text } }';
    expect(costOf(await gw.query(lookup)).estimatedUpstreamCalls).toBe(2);
    const cached = costOf(await gw.query(lookup));
    expect(cached).toMatchObject({ estimatedUpstreamCalls: 0, actualUpstreamCalls: 0, estimatedUsd: 0 });
    // One more username makes the batch another call, never priced as cached.
    const more = costOf(
      await gw.query('{ a: user(username: "TwitterDev") { name } b: user(username: "jack") { name } }'),
    );
    expect(more.actualUpstreamCalls).toBe(1);
    expect(more.estimatedUpstreamCalls).toBeGreaterThanOrEqual(1);
    expect(more.cachedCalls).toBe(0);
  });

  it('answers rateLimit and spend after the operation: a first query shows its own calls and bill', async () => {
    const gw = await gateway(15);
    const result = await gw.query(
      `{ user(username: "TwitterDev") { followers(first: 5) { nodes { name } } }
         rateLimit { endpoint limit remaining used }
         spend { billedResources } }`,
    );
    expect(result.errors).toBeUndefined();
    const data = result.data as {
      rateLimit: { endpoint: string; remaining: number; used: number }[];
      spend: { billedResources: number };
    };
    expect(data.rateLimit).toEqual([
      { endpoint: 'GET /2/users/:id/followers', limit: 15, remaining: 14, used: 1 },
      { endpoint: 'GET /2/users/by', limit: 15, remaining: 14, used: 1 },
    ]);
    // The owner (a User read) and 5 followers.
    expect(data.spend.billedResources).toBe(costOf(result).billedResources);
    expect(data.spend.billedResources).toBe(6);
  });
});
