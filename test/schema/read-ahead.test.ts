import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CostExtension } from '../../src/cost/cost-extensions.ts';
import { createSizedStore, sizedUserId } from '../fixtures/emulator-sized-store.ts';
import { dataField, type GraphQLResponse, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';

/**
 * `X_READ_AHEAD`: a list page's first call asks X for at least n items, the connection answers `first`
 * edges whose cursors point into that bigger page, and later pages of the walk come from the cached page.
 * The walk of 1,000 followers with `first: 10` is measured with read-ahead off, 100 and 1,000 (the
 * numbers in the README's "What a query costs").
 */

const PAGE_QUERY = `query ($id: ID!, $after: String) {
  user(restId: $id) { followers(first: 10, after: $after) {
    edges { cursor node { restId name } } pageInfo { hasNextPage endCursor } } } }`;

/** The owner of exactly 1,000 visible followers in the sized store. */
const OWNER = sizedUserId(4);

interface Page {
  edges: { cursor: string; node: { restId: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** What a whole walk took. */
interface Walk {
  ids: string[];
  pages: number;
  calls: number;
  estimatedCalls: number;
  estimatedUsd: number;
  billedUsd: number;
  /** Each step's estimated calls, in order. */
  steps: number[];
}

/** Walks the owner's followers 10 at a time, to the end. */
async function walk(gateway: TestGateway): Promise<Walk> {
  gateway.emulator.clearRequests();
  const result: Walk = {
    ids: [],
    pages: 0,
    calls: 0,
    estimatedCalls: 0,
    estimatedUsd: 0,
    billedUsd: 0,
    steps: [],
  };
  let after: string | null = null;
  for (;;) {
    const answer: GraphQLResponse = await gateway.query(PAGE_QUERY, { id: OWNER, after });
    expect(answer.errors).toBeUndefined();
    const cost = answer.extensions?.cost as CostExtension;
    const page = dataField<{ followers: Page }>(answer, 'user').followers;
    result.ids.push(...page.edges.map((edge) => edge.node.restId));
    result.pages += 1;
    result.estimatedCalls += cost.estimatedUpstreamCalls;
    result.estimatedUsd += cost.estimatedUsd;
    result.billedUsd += cost.billedUsd;
    result.steps.push(cost.estimatedUpstreamCalls);
    expect(cost.billedUsd).toBeLessThanOrEqual(cost.estimatedUsd);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  result.calls = gateway.emulator.requests.length;
  return result;
}

const SETTINGS = [0, 100, 1000] as const;
const gateways = new Map<number, TestGateway>();
const walks = new Map<number, Walk>();

beforeAll(async () => {
  for (const readAhead of SETTINGS) {
    gateways.set(
      readAhead,
      await startTestGateway({
        readAhead,
        cacheTtlSeconds: 60,
        // Every resource received counts as billed, as on the first walk of a UTC day.
        ledgerMaxEntries: 0,
        emulator: { store: createSizedStore(0) },
      }),
    );
  }
});
afterAll(async () => {
  await Promise.all([...gateways.values()].map((gateway) => gateway.close()));
  if (process.env.READ_AHEAD_STATS) {
    const rows = [...walks].map(([n, w]) => ({ readAhead: n, ...w, ids: w.ids.length, steps: undefined }));
    console.info(JSON.stringify(rows));
  }
});

describe('X_READ_AHEAD', () => {
  it('walks 1,000 followers with first: 10 in 100 calls off, 10 with 100 and 1 with 1,000, each $10', async () => {
    for (const readAhead of SETTINGS) {
      const gateway = gateways.get(readAhead) as TestGateway;
      const result = await walk(gateway);
      walks.set(readAhead, result);
      expect(result.ids).toEqual(gateway.emulator.visibleList('followers', OWNER));
      expect(result.pages).toBe(100);
      expect(result.calls).toBe({ 0: 100, 100: 10, 1000: 1 }[readAhead]);
      // Every call asks X for max(10, n) items.
      for (const request of gateway.emulator.requests) {
        expect(request.query.max_results).toBe(String(Math.max(10, readAhead)));
      }
      // The estimate is exact here: a call where the page is not cached, none where it is.
      expect(result.estimatedCalls).toBe(result.calls);
      expect(result.billedUsd).toBeCloseTo(10, 9);
      expect(result.estimatedUsd).toBeCloseTo(10, 9);
    }
    // With 1,000 read ahead, the first step is priced at the whole page, the 99 others at nothing.
    expect(walks.get(1000)?.steps).toEqual([1, ...Array.from({ length: 99 }, () => 0)]);
  });

  it('bills and prices the first page at n resources, more than the page returns', async () => {
    const gateway = gateways.get(1000) as TestGateway;
    const priced = await gateway.query(
      `{ cost(dryRun: true) { estimatedUsd estimatedResources }
         user(restId: "${sizedUserId(5)}") { followers(first: 10) { nodes { name } } } }`,
    );
    expect(priced.data?.cost).toEqual({ estimatedUsd: 10, estimatedResources: 1000 });
    const answer = await gateway.query(
      `{ user(restId: "${sizedUserId(5)}") { followers(first: 10) { nodes { name } } } }`,
    );
    const cost = answer.extensions?.cost as CostExtension;
    expect(dataField<{ followers: { nodes: unknown[] } }>(answer, 'user').followers.nodes).toHaveLength(10);
    expect(cost.billedByKind.follows).toBe(1000);
    expect(cost.estimatedResources.follows).toBe(1000);
  });

  it('asks for the page size when it is larger than the read-ahead', async () => {
    const gateway = gateways.get(100) as TestGateway;
    gateway.emulator.clearRequests();
    const answer = await gateway.query(
      `{ user(restId: "${sizedUserId(6)}") { followers(first: 300) { nodes { restId } } } }`,
    );
    expect(dataField<{ followers: { nodes: unknown[] } }>(answer, 'user').followers.nodes).toHaveLength(300);
    expect(gateway.emulator.requests.map((request) => request.query.max_results)).toEqual(['300']);
  });
});
