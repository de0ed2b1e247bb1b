import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSizedStore, SIZED_LISTS, sizedUserId } from '../fixtures/emulator-sized-store.ts';
import { FOLLOWERS_PAGE_QUERY, type FollowersPage } from '../fixtures/followers-page.ts';
import { type GraphQLResponse, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';

/**
 * Relay pagination against every X the documentation allows: `previous_token` read as a boundary or as
 * the previous page of the same size, pages full or short (accounts left out, `next_token` kept). Random
 * walks of `first`/`after`/`last`/`before` from random cursors of lists of 0 to 3,000 visible followers
 * must answer the matching slice of the list as X shows it, never skip or repeat an edge, keep
 * `hasNextPage`/`hasPreviousPage` true whenever an edge exists beyond, and call X no more than planned.
 * Each mode runs again with read-ahead (`X_READ_AHEAD`) and the response cache on: first pages ask X for
 * more than `first`, and later pages of a walk come from the cached page.
 */

const MODES = [
  { previousToken: 'boundary', shortPages: 0, readAhead: 0 },
  { previousToken: 'same-size', shortPages: 0, readAhead: 0 },
  { previousToken: 'boundary', shortPages: 0.3, readAhead: 0 },
  { previousToken: 'same-size', shortPages: 0.3, readAhead: 0 },
  { previousToken: 'boundary', shortPages: 0, readAhead: 1000 },
  { previousToken: 'same-size', shortPages: 0, readAhead: 300 },
  { previousToken: 'boundary', shortPages: 0.3, readAhead: 250 },
  { previousToken: 'same-size', shortPages: 0.3, readAhead: 1000 },
] as const;

type StepKind = 'first page' | 'after' | 'before' | 'last without before';

let gateways: TestGateway[] = [];
/** The calls each kind of step made, per mode: [most, total, steps]. */
const callsByKind = new Map<string, [number, number, number]>();

beforeAll(async () => {
  gateways = await Promise.all(
    MODES.map(({ previousToken, shortPages, readAhead }) =>
      startTestGateway({
        emulator: { previousToken, shortPages, store: createSizedStore(shortPages) },
        readAhead,
        // Read-ahead pays off through the response cache; without read-ahead every call shows.
        cacheTtlSeconds: readAhead > 0 ? 600 : 0,
        ledgerMaxEntries: 0,
      }),
    ),
  );
});
afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.close()));
  if (process.env.PAGINATION_STATS) console.info(JSON.stringify(Object.fromEntries(callsByKind)));
});

/**
 * Runs one page query; answers the result, the X calls it made and the calls it was priced at. Whatever
 * X bills for the calls made stays within the estimate (every resource received counts as billed here).
 */
async function run(gateway: TestGateway, variables: Record<string, unknown>, query = FOLLOWERS_PAGE_QUERY) {
  gateway.emulator.clearRequests();
  const result: GraphQLResponse = await gateway.query(query, variables);
  const cost = result.extensions?.cost as
    | { estimatedUpstreamCalls: number; estimatedUsd: number; billedUsd: number }
    | undefined;
  expect(cost?.billedUsd ?? 0).toBeLessThanOrEqual(cost?.estimatedUsd ?? 0);
  const page = (result.data?.user as { followers: FollowersPage } | undefined)?.followers;
  return { result, page, calls: gateway.emulator.requests.length, estimate: cost?.estimatedUpstreamCalls };
}

/** Records the calls of one step. */
function count(mode: number, kind: StepKind, calls: number): void {
  const key = `${MODES[mode]?.previousToken}/${MODES[mode]?.shortPages}/${MODES[mode]?.readAhead}: ${kind}`;
  const [most, total, steps] = callsByKind.get(key) ?? [0, 0, 0];
  callsByKind.set(key, [Math.max(most, calls), total + calls, steps + 1]);
}

describe('pagination in every X pagination mode', () => {
  it('answers random walks with the exact slices of the list as X shows it, within the planned calls', async () => {
    const step = fc.record({
      kind: fc.constantFrom<StepKind>('after', 'after', 'before', 'before', 'last without before'),
      size: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 1000 })),
      pick: fc.nat(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.nat(MODES.length - 1),
        fc.nat(SIZED_LISTS.length - 1),
        fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 1000 })),
        fc.array(step, { minLength: 1, maxLength: 6 }),
        async (mode, owner, firstSize, steps) => {
          const gateway = gateways[mode] as TestGateway;
          const id = sizedUserId(owner);
          const ids = gateway.emulator.visibleList('followers', id);
          expect(ids).toHaveLength(SIZED_LISTS[owner] ?? -1);
          /** Where each cursor sits: the ids before it end at `before`, those after it start at `after`. */
          const places = new Map<string, { before: number; after: number }>();
          const check = (page: FollowersPage, from: number, backward: boolean, size: number) => {
            const got = page.edges.map((edge) => edge.node.restId);
            expect(got.length).toBeLessThanOrEqual(size);
            const start = backward ? from - got.length : from;
            expect(start).toBeGreaterThanOrEqual(0);
            expect(got).toEqual(ids.slice(start, start + got.length));
            if (start + got.length < ids.length) expect(page.pageInfo.hasNextPage).toBe(true);
            if (start > 0) expect(page.pageInfo.hasPreviousPage).toBe(true);
            if (backward ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage) {
              expect(page.pageInfo.startCursor).not.toBeNull();
            }
            for (const edge of page.edges) {
              const index = start + got.indexOf(edge.node.restId);
              places.set(edge.cursor, { before: index, after: index + 1 });
            }
            const { startCursor, endCursor } = page.pageInfo;
            // A window with no edge that X says goes on carries the gap it stopped at.
            if (got.length === 0 && startCursor) places.set(startCursor, { before: from, after: from });
            if (got.length === 0 && endCursor) places.set(endCursor, { before: from, after: from });
          };
          const first = await run(gateway, { id, first: firstSize });
          expect(first.result.errors).toBeUndefined();
          expect(first.calls).toBeLessThanOrEqual(first.estimate ?? -1);
          count(mode, 'first page', first.calls);
          let page = first.page as FollowersPage;
          check(page, 0, false, firstSize);
          for (const { kind, size, pick } of steps) {
            if (kind === 'last without before') {
              const refused = await run(gateway, { id, last: size });
              expect(refused.result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
              expect(refused.calls).toBe(0);
              count(mode, kind, refused.calls);
              continue;
            }
            const cursors = [
              ...page.edges.map((edge) => edge.cursor),
              page.pageInfo.startCursor,
              page.pageInfo.endCursor,
            ].filter((cursor): cursor is string => cursor !== null);
            const cursor = cursors[pick % Math.max(1, cursors.length)];
            if (cursor === undefined) break;
            const at = places.get(cursor);
            if (!at) throw new Error('a cursor of no known place');
            const backward = kind === 'before';
            const next = await run(
              gateway,
              backward ? { id, last: size, before: cursor } : { id, first: size, after: cursor },
            );
            expect(next.result.errors).toBeUndefined();
            expect(next.calls).toBeLessThanOrEqual(next.estimate ?? -1);
            count(mode, kind, next.calls);
            page = next.page as FollowersPage;
            check(page, backward ? at.before : at.after, backward, size);
          }
        },
      ),
      { numRuns: 120, seed: 1515 },
    );
  });

  it('answers last: 50 before edge 520 of a first: 500 walk exactly when previous_token means the same size', async () => {
    const gateway = gateways[1] as TestGateway;
    const id = sizedUserId(6);
    const ids = gateway.emulator.visibleList('followers', id);
    const first = (await run(gateway, { id, first: 500 })).page as FollowersPage;
    const second = (await run(gateway, { id, first: 500, after: first.pageInfo.endCursor }))
      .page as FollowersPage;
    const back = await run(gateway, { id, last: 50, before: second.edges[20]?.cursor });
    expect(back.page?.edges.map((edge) => edge.node.restId)).toEqual(ids.slice(470, 520));
    expect(gateway.emulator.requests.every((request) => request.query.max_results === '500')).toBe(true);
  });

  it('answers last: 20 before edge 120 exactly when pages come back short', async () => {
    const gateway = gateways[2] as TestGateway;
    const id = sizedUserId(6);
    const ids = gateway.emulator.visibleList('followers', id);
    const seen: FollowersPage['edges'] = [];
    let after: string | null = null;
    while (seen.length <= 120) {
      const page = (await run(gateway, { id, first: 100, after })).page as FollowersPage;
      seen.push(...page.edges);
      after = page.pageInfo.endCursor;
    }
    const back = (await run(gateway, { id, last: 20, before: seen[120]?.cursor })).page as FollowersPage;
    const got = back.edges.map((edge) => edge.node.restId);
    expect(got.length).toBeGreaterThan(0);
    expect(got).toEqual(ids.slice(120 - got.length, 120));
    expect(back.pageInfo.hasPreviousPage).toBe(true);
  });

  it('walks every list to its end and back to its start in every mode, without skip or repeat', async () => {
    for (const [mode, gateway] of gateways.entries()) {
      for (const [owner, length] of SIZED_LISTS.entries()) {
        const id = sizedUserId(owner);
        const ids = gateway.emulator.visibleList('followers', id);
        expect(ids, `mode ${mode}`).toHaveLength(length);
        const size = [1000, 333, 1000, 250][mode] ?? 100;
        const seen: string[] = [];
        let after: string | null = null;
        let page: FollowersPage | undefined;
        for (let step = 0; step < 100; step += 1) {
          page = (await run(gateway, { id, first: size, after })).page as FollowersPage;
          seen.push(...page.edges.map((edge) => edge.node.restId));
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
        expect(seen).toEqual(ids);
        // Back from the last edge to the start.
        const back: string[] = [];
        let before = page?.edges.at(-1)?.cursor ?? null;
        if (before) back.unshift(ids.at(-1) as string);
        for (let step = 0; before && step < 100; step += 1) {
          const current = (await run(gateway, { id, last: size, before })).page as FollowersPage;
          back.unshift(...current.edges.map((edge) => edge.node.restId));
          if (!current.pageInfo.hasPreviousPage) break;
          before = current.pageInfo.startCursor;
        }
        expect(back).toEqual(ids);
      }
    }
  });
});

/** The page query asking one more field: calls of their own, none cached by the other tests. */
const WITH_LOCATION = FOLLOWERS_PAGE_QUERY.replace('node { restId }', 'node { restId location }');

describe('read-ahead in every X pagination mode', () => {
  it('serves later pages of a walk from the cached page: one call per X page, each priced exactly', async () => {
    for (const [mode, { readAhead }] of MODES.entries()) {
      if (readAhead === 0) continue;
      const gateway = gateways[mode] as TestGateway;
      for (const owner of [3, 4, 6]) {
        const id = sizedUserId(owner);
        const ids = gateway.emulator.visibleList('followers', id);
        const seen: string[] = [];
        let after: string | null = null;
        let calls = 0;
        for (let step = 0; step < 1000; step += 1) {
          // Page sizes vary: 7, 30, 7, 30, ... (never above the read-ahead).
          const size = step % 2 === 0 ? 7 : 30;
          const {
            page,
            calls: made,
            estimate,
          } = await run(gateway, { id, first: size, after }, WITH_LOCATION);
          expect(made, `mode ${mode} step ${step}`).toBe(estimate);
          expect(made).toBeLessThanOrEqual(1);
          calls += made;
          for (const request of gateway.emulator.requests) {
            expect(request.query.max_results).toBe(String(readAhead));
          }
          seen.push(...(page as FollowersPage).edges.map((edge) => edge.node.restId));
          if (!page?.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
        expect(seen, `mode ${mode} owner ${owner}`).toEqual(ids);
        // X cuts its pages over every position, left-out accounts included.
        const xPages = Math.ceil(gateway.emulator.listSize('followers', id) / readAhead);
        expect(calls, `mode ${mode} owner ${owner}`).toBe(xPages);
      }
    }
  });
});

describe('a pagination token X refuses', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ maxRetries: 2 });
  });
  afterAll(async () => {
    await gateway.close();
  });

  it('answers BAD_USER_INPUT saying to restart from the first page, with one call and no token shown', async () => {
    const forged = 'ZZZZZZZZZZZZZZZZZZZZZ';
    const cursor = Buffer.from(`2~f~2244994945~${forged}~100~100~5~~~783214`).toString('base64url');
    const { result, calls } = await run(gateway, { id: '2244994945', first: 10, after: cursor });
    expect(calls).toBe(1);
    expect(gateway.emulator.requests[0]?.query.pagination_token).toBe(forged);
    const error = result.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.message).toContain('restart from the first page');
    expect(JSON.stringify(result)).not.toContain(forged);
  });
});
