import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRedis, type TestRedis } from '../fixtures/redis-server.ts';
import { startTestGateway, type TestGateway } from '../fixtures/server-gateway.ts';

/** `npm start` with `REDIS_URL`: the server hands it to the REST client and counts the shared layer. */

let redis: TestRedis;
let raw: Redis;
const gateways: TestGateway[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
  raw = new Redis(redis.url);
  gateways.push(
    await startTestGateway({ REDIS_URL: redis.url }),
    await startTestGateway({ REDIS_URL: redis.url }),
  );
  // Both clients connect in the background: wait until each gateway reports Redis up.
  for (const gateway of gateways) {
    const metricsUrl = gateway.url.replace(/\/graphql$/, '/metrics');
    for (let tries = 0; tries < 400; tries++) {
      if (/x_redis_up 1\n/.test(await (await fetch(metricsUrl)).text())) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}, 60_000);

afterAll(async () => {
  await Promise.all(gateways.map((g) => g.close()));
  raw?.disconnect();
  await redis?.stop();
});

/** Posts a query to a gateway. */
async function query(gateway: TestGateway, text: string): Promise<{ data?: unknown; errors?: unknown }> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: text }),
  });
  return (await response.json()) as { data?: unknown; errors?: unknown };
}

describe('startGateway with REDIS_URL', () => {
  it('serves a page another gateway fetched from Redis and reports it in /metrics', async () => {
    const [first, second] = gateways as [TestGateway, TestGateway];
    const text = '{ user(restId: "2244994945") { followers(first: 7) { nodes { restId } } } }';
    const fetched = await query(first, text);
    expect(fetched.errors).toBeUndefined();
    // The first gateway writes its answer to Redis after answering: wait until it is there.
    for (let tries = 0; tries < 200 && (await raw.keys('xgw:cache:*')).length === 0; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const served = await query(second, text);
    expect(served.data).toEqual(fetched.data);
    const followersCalls = (g: TestGateway) =>
      g.emulator?.requests.filter((r) => r.path === '/2/users/2244994945/followers').length;
    expect(followersCalls(first)).toBe(1);
    expect(followersCalls(second)).toBe(0);
    const metrics = await (await fetch(second.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(metrics).toMatch(/x_shared_cache_hits_total\{level="shared"\} 1\n/);
    expect(metrics).toMatch(/x_redis_up 1\n/);
    expect(await raw.keys('xgw:cache:*')).toHaveLength(1);
  });
});
