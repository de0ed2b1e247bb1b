import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedGateway, startLoggedGateway } from '../fixtures/logged-gateway.ts';

/**
 * Hostile clients, operation selection: a document with several operations runs the one the request
 * names, priced as that one, whatever ran from the same document before.
 */

/** Two operations: A lists followers of followers (`$n` each), B reads the rate limits (no call). */
const D =
  'query A($n: Int) { user(username: "TwitterDev") { followers(first: $n) { nodes { username ' +
  'followers(first: $n) { nodes { username } } } } } } query B { rateLimit { limit } }';

/** `extensions.cost` of an answer. */
interface Cost {
  estimatedUpstreamCalls: number;
  actualUpstreamCalls: number;
}

let gateway: LoggedGateway;
beforeAll(async () => {
  gateway = await startLoggedGateway();
});
afterAll(async () => {
  await gateway.close();
});

/** POSTs `D` naming `operationName`; returns status, body, cost and the upstream calls it made. */
async function run(operationName: string | undefined, variables: Record<string, unknown>) {
  gateway.emulator.clearRequests();
  const { status, body } = await gateway.post({ query: D, operationName, variables });
  const cost = body.extensions?.cost as Cost;
  return { status, body, cost, calls: gateway.xCalls().length };
}

describe('operation selection', () => {
  it('runs operation B after A of the same document: B answers, with no upstream call', async () => {
    const a = await run('A', { n: 1 });
    expect(a.status).toBe(200);
    expect(a.body.data).toHaveProperty('user');
    expect(a.cost.actualUpstreamCalls).toBe(3);
    const b = await run('B', { n: 30 });
    expect(b.status).toBe(200);
    expect(b.body.errors).toBeUndefined();
    expect(Object.keys(b.body.data ?? {})).toEqual(['rateLimit']);
    expect(b.cost).toMatchObject({ estimatedUpstreamCalls: 0, actualUpstreamCalls: 0 });
    expect(b.calls).toBe(0);
    expect(gateway.errorLines()).toEqual([]);
  });

  it('runs and prices A after B: 30 followers of followers are refused as too costly, with no call', async () => {
    expect((await run('B', {})).body.data).toHaveProperty('rateLimit');
    const a = await run('A', { n: 30 });
    expect(a.body.data ?? undefined).toBeUndefined();
    expect(a.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    expect(a.cost.estimatedUpstreamCalls).toBe(32);
    expect(a.calls).toBe(0);
    const small = await run('A', { n: 2 });
    expect(small.body.data).toHaveProperty('user');
    expect(small.cost.actualUpstreamCalls).toBeLessThanOrEqual(small.cost.estimatedUpstreamCalls);
    expect(gateway.errorLines()).toEqual([]);
  });

  it('refuses an unknown or missing operation name with 400 OPERATION_RESOLUTION_FAILURE and no call', async () => {
    for (const operationName of ['C', undefined]) {
      const refused = await run(operationName, { n: 1 });
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
      expect(refused.calls).toBe(0);
    }
    expect(gateway.errorLines()).toEqual([]);
  });
});
