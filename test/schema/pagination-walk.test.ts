import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FOLLOWERS_PAGE_QUERY, type FollowersPage } from '../fixtures/followers-page.ts';
import { dataField, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';

/** A page of a connection as the walk query returns it. */
let gateway: TestGateway;
let celebrity: string;
let expected: string[];

beforeAll(async () => {
  gateway = await startTestGateway();
  celebrity = gateway.emulator.store.notable.celebrities[0] as string;
  const list = gateway.emulator.store.followers(celebrity);
  expected = Array.from({ length: list.length }, (_, index) => list.idAt(index));
});
afterAll(async () => {
  await gateway.close();
});
beforeEach(() => gateway.emulator.clearRequests());

/** One page through the gateway. */
async function page(variables: Record<string, unknown>): Promise<FollowersPage> {
  const result = await gateway.query(FOLLOWERS_PAGE_QUERY, { id: celebrity, ...variables });
  expect(result.errors).toBeUndefined();
  return dataField<{ followers: FollowersPage }>(result, 'user').followers;
}

/** The follower ids of a page. */
const ids = (p: FollowersPage) => p.edges.map((edge) => edge.node.restId);

describe('walking a 50,000-follower list', () => {
  it('yields every follower exactly once, in order, one call per page of 1000, ids above 2^53 intact', async () => {
    expect(expected.length).toBeGreaterThanOrEqual(50_000);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const current: FollowersPage = await page({ first: 1000, after });
      seen.push(...ids(current));
      expect(current.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!current.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
    expect(seen.some((id) => BigInt(id) > BigInt(Number.MAX_SAFE_INTEGER))).toBe(true);
    const calls = gateway.emulator.requests;
    expect(calls).toHaveLength(Math.ceil(expected.length / 1000));
    expect(
      calls.every((call) => call.query.max_results === '1000' && call.query['user.fields'] === undefined),
    ).toBe(true);
  });

  it('passes next_token and previous_token verbatim, each with the max_results of the call that returned it', async () => {
    const first = await page({ first: 100 });
    const direct = await fetch(`${gateway.emulator.url}/2/users/${celebrity}/followers?max_results=100`, {
      headers: { authorization: 'Bearer emulator-app-token' },
    });
    const meta = ((await direct.json()) as { meta: { next_token: string } }).meta;
    gateway.emulator.clearRequests();
    // A smaller page after a page of 100 still passes next_token with max_results=100, and keeps 50 of them.
    const second = await page({ first: 50, after: first.pageInfo.endCursor });
    expect(ids(second)).toEqual(expected.slice(100, 150));
    expect(second.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(gateway.emulator.requests.map((r) => r.query)).toEqual([
      { max_results: '100', pagination_token: meta.next_token },
    ]);
    const secondPage = await (
      await fetch(
        `${gateway.emulator.url}/2/users/${celebrity}/followers?max_results=100&pagination_token=${meta.next_token}`,
        { headers: { authorization: 'Bearer emulator-app-token' } },
      )
    ).json();
    gateway.emulator.clearRequests();
    const back = await page({ last: 100, before: second.pageInfo.startCursor });
    expect(ids(back)).toEqual(expected.slice(0, 100));
    expect(back.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
    expect(gateway.emulator.requests.map((r) => r.query)).toEqual([
      {
        max_results: '100',
        pagination_token: (secondPage as { meta: { previous_token: string } }).meta.previous_token,
      },
    ]);
  });

  it('walks with mixed page sizes and returns exact neighbours from mid-page cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (const first of [7, 100, 1, 333, 1000, 59, 1000, 2]) {
      const current: FollowersPage = await page({ first, after });
      seen.push(...ids(current));
      // Every edge's cursor, not only endCursor, is a valid `after` and `before`.
      for (const index of [0, Math.floor(current.edges.length / 2), current.edges.length - 1]) {
        const edge = current.edges[index];
        if (!edge) continue;
        const position = expected.indexOf(edge.node.restId);
        expect(ids(await page({ first: 25, after: edge.cursor }))).toEqual(
          expected.slice(position + 1, position + 26),
        );
        expect(ids(await page({ last: 25, before: edge.cursor }))).toEqual(
          expected.slice(Math.max(0, position - 25), position),
        );
      }
      after = current.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected.slice(0, seen.length));
  });

  it('walks backward from a mid-page cursor to the start without gap or repeat', async () => {
    const start = await page({ first: 1000, after: (await page({ first: 1000 })).pageInfo.endCursor });
    const edge = start.edges[417];
    if (!edge) throw new Error('short page');
    const position = expected.indexOf(edge.node.restId);
    const seen: string[] = [];
    let before = edge.cursor;
    for (const last of [1000, 3, 250, 1000]) {
      const current = await page({ last, before });
      seen.unshift(...ids(current));
      if (!current.pageInfo.hasPreviousPage) break;
      before = current.pageInfo.startCursor as string;
    }
    expect(seen).toEqual(expected.slice(0, position));
  });
});
