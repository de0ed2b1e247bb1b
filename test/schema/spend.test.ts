import { afterEach, describe, expect, it } from 'vitest';
import type { CostExtension } from '../../src/cost/cost-extensions.ts';
import { type CachingGateway, startCachingGateway } from '../fixtures/cost-gateway.ts';
import type { GraphQLResponse } from '../fixtures/gateway.ts';

/** TwitterDev, the emulator's documented account. */
const TWITTER_DEV = '2244994945';

/** `extensions.cost` of an answer. */
const costOf = (result: GraphQLResponse) => result.extensions?.cost as CostExtension;

/** One page of followers with their pinned tweets, and the owner looked up by username. */
const PAGE = `query ($n: Int) { user(username: "TwitterDev") { name
  followers(first: $n) { nodes { username pinnedTweet { text } } } } }`;

/** The emulator's bill of the app, in USD, summed over its days. */
const emulatorUsd = (gw: CachingGateway) =>
  gw.emulator
    .billing()
    .filter((day) => day.app === 'app:1')
    .reduce((sum, day) => sum + day.usd, 0);

let open: CachingGateway[] = [];
afterEach(async () => {
  await Promise.all(open.map((gateway) => gateway.close()));
  open = [];
});

/** A gateway over the emulator, cache off so every query calls X. */
async function gateway(options: Parameters<typeof startCachingGateway>[0] = {}): Promise<CachingGateway> {
  const started = await startCachingGateway({ cacheTtlSeconds: 0, ...options });
  open.push(started);
  return started;
}

describe('spend', () => {
  it('estimates a 1000-follower page with pinned tweets at $15.01 before any call, under the $20 default', async () => {
    const gw = await gateway();
    const priced = await gw.query(
      `{ cost(dryRun: true) { estimatedUsd estimatedResources maxUsdPerQuery allowed }
         user(restId: "${TWITTER_DEV}") { name followers(first: 1000) { nodes { pinnedTweet { text } } } } }`,
    );
    expect(priced.data).toEqual({
      cost: { estimatedUsd: 15.01, estimatedResources: 2001, maxUsdPerQuery: 20, allowed: true },
    });
    expect(gw.emulator.requests).toHaveLength(0);
  });

  it('bills what the emulator bills, and nothing for resources already billed today', async () => {
    const gw = await gateway();
    const first = await gw.query(PAGE, { n: 20 });
    expect(first.errors).toBeUndefined();
    const cost = costOf(first);
    expect(cost.billedUsd).toBeGreaterThan(0);
    expect(cost.estimatedUsd).toBeGreaterThanOrEqual(cost.billedUsd);
    expect(cost.billedUsd).toBeCloseTo(emulatorUsd(gw), 9);
    // The same page again: X answers (no cache) but bills nothing new.
    const again = await gw.query(PAGE, { n: 20 });
    expect(costOf(again)).toMatchObject({ actualUpstreamCalls: 2, billedResources: 0, billedUsd: 0 });
    // A lookup of users already billed as follows is a new kind of read.
    const ids = (first.data as { user: { followers: { nodes: unknown[] } } }).user.followers.nodes.length;
    expect(ids).toBe(20);
    const lookup = await gw.query(`{ users(restIds: ["${TWITTER_DEV}", "783214"]) { name } }`);
    expect(costOf(lookup).billedByKind.users).toBeLessThanOrEqual(2);
    const spend = await gw.query('{ spend { day billedResources billedUsd limitUsd shared } }');
    const day = (spend.data as { spend: { billedUsd: number; billedResources: number; day: string } }).spend;
    expect(day).toMatchObject({ day: new Date().toISOString().slice(0, 10), limitUsd: 0, shared: false });
    expect(day.billedUsd).toBeCloseTo(emulatorUsd(gw), 9);
    const billed = gw.emulator.billing().find((entry) => entry.app === 'app:1');
    expect(day.billedResources).toBe((billed?.users ?? 0) + (billed?.follows ?? 0) + (billed?.posts ?? 0));
  });

  it('refuses a query estimated above X_MAX_USD_PER_QUERY with QUERY_TOO_COSTLY and zero calls', async () => {
    const gw = await gateway({ spend: { maxMicrosPerQuery: 1_000_000 } });
    const result = await gw.query(PAGE, { n: 100 });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COSTLY',
      estimatedUsd: 1.51,
      maxUsdPerQuery: 1,
    });
    expect(result.errors?.[0]?.message).toMatch(
      /\$1\.51 .*limit is \$1\.00 per query \(X_MAX_USD_PER_QUERY\)/,
    );
    expect(gw.emulator.requests).toHaveLength(0);
  });

  it('refuses with SPEND_LIMITED once the day would pass X_MAX_USD_PER_DAY, resetting at UTC midnight', async () => {
    const gw = await gateway({ spend: { maxMicrosPerDay: 500_000 } });
    // 20 follows, up to 20 pinned posts and the owner: at most $0.31.
    expect((await gw.query(PAGE, { n: 20 })).errors).toBeUndefined();
    gw.emulator.clearRequests();
    const refused = await gw.query(PAGE, { n: 20 });
    const error = refused.errors?.[0];
    expect(error?.extensions?.code).toBe('SPEND_LIMITED');
    const midnight = new Date();
    midnight.setUTCHours(24, 0, 0, 0);
    expect(error?.extensions?.resetAt).toBe(midnight.toISOString());
    expect(gw.emulator.requests).toHaveLength(0);
    // Reading the bill costs nothing and is never refused.
    const spend = await gw.query('{ spend { limitUsd remainingUsd } }');
    expect(spend.errors).toBeUndefined();
    expect(spend.data).toMatchObject({ spend: { limitUsd: 0.5 } });
  });
});
