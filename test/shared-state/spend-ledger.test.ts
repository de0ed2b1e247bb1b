import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CostExtension } from '../../src/cost/cost-extensions.ts';
import { type EmulatorHandle, startEmulator } from '../../src/emulator/start-emulator.ts';
import { createXClient, type XClient } from '../../src/rest/client.ts';
import { createRedisStore } from '../../src/shared-state/redis-store.ts';
import { createGatewayYoga } from '../../src/yoga.ts';
import type { GraphQLResponse } from '../fixtures/gateway.ts';
import { startTestRedis, type TestRedis } from '../fixtures/redis-server.ts';

/** Two overlapping pages of TwitterDev's followers with pinned tweets. */
const PAGE = `query ($n: Int) { user(restId: "2244994945") {
  followers(first: $n) { nodes { username pinnedTweet { text } } } } }`;

let redis: TestRedis;
let emulator: EmulatorHandle;
const clients: XClient[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
  emulator = await startEmulator({ rateLimit: 'off' });
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await emulator.close();
  await redis.stop();
});

/** One gateway instance over the emulator and the shared Redis, response cache off. */
async function instance() {
  const client = createXClient({
    baseUrl: emulator.url,
    bearerToken: 'emulator-app-token',
    cacheTtlSeconds: 0,
    maxRetries: 0,
    sharedStore: createRedisStore({ url: redis.url, commandTimeoutMs: 2000 }),
  });
  clients.push(client);
  expect(await client.sharedReady(5000)).toBe(true);
  const yoga = createGatewayYoga({ client });
  return async (query: string, variables: Record<string, unknown>) => {
    const response = await yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse;
  };
}

describe('SpendLedger over Redis', () => {
  it("makes two instances' billedUsd add up to the emulator's bill", async () => {
    const a = await instance();
    const b = await instance();
    const billed = (result: GraphQLResponse) =>
      (result.extensions?.cost as CostExtension | undefined)?.billedUsd ?? Number.NaN;
    const first = await a(PAGE, { n: 10 });
    const second = await b(PAGE, { n: 30 });
    const third = await a(PAGE, { n: 30 });
    expect(billed(third)).toBe(0);
    const total = billed(first) + billed(second) + billed(third);
    const bill = emulator.billing().find((day) => day.app === 'app:1');
    expect(total).toBeGreaterThan(0);
    expect(total).toBeCloseTo(bill?.usd ?? -1, 9);
    const spend = await b('{ spend { billedUsd shared } }', {});
    expect(spend.data).toEqual({ spend: { billedUsd: bill?.usd, shared: true } });
  });
});
