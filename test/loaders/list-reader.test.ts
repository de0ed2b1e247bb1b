import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { measureKeptAfterWait, measureSurvival } from '../../bench/survival.ts';
import { createLoaders } from '../../src/loaders/create-loaders.ts';
import { KnownTweets, KnownUsers } from '../../src/loaders/known-objects.ts';
import { decodeCursor, encodeCursor } from '../../src/loaders/list-cursor.ts';
import { type EdgeCursor, pageCalls } from '../../src/loaders/list-paging.ts';
import { ListPages, ListReader, type ListWindow } from '../../src/loaders/list-reader.ts';
import type { UserQuery, XSession } from '../../src/rest/x-api.ts';
import type { XTweet, XUser } from '../../src/rest/x-types.ts';
import { createFakeList, type FakeListOptions } from '../fixtures/schema-fake-list.ts';

const OWNER = '2244994945';

/** A reader over a fake list of `length` accounts. */
function setup(length: number, options: FakeListOptions = {}) {
  const list = createFakeList(length, options);
  return { list, reader: new ListReader('followers', OWNER, (token, max) => list.fetch(token, max)) };
}

/**
 * The ids of a window's edges, after checking that its `users` are the edges' users and its start and end
 * cursors the first and last edges' (when it has edges).
 */
const idsOf = (window: ListWindow) => {
  expect(window.users).toEqual(window.edges.map((edge) => edge.user));
  if (window.edges.length > 0) {
    expect(window.startCursor).toEqual(window.edges[0]?.cursor);
    expect(window.endCursor).toEqual(window.edges.at(-1)?.cursor);
  }
  return window.edges.map((e) => e.user.id);
};

/** A cursor as a client sends it back: encoded, then decoded. */
const roundTrip = (cursor: EdgeCursor) =>
  decodeCursor(encodeCursor(cursor), { list: 'followers', ownerId: OWNER }, 'after');

describe('ListReader', () => {
  it('reads the first page with one call of max_results = first', async () => {
    const { list, reader } = setup(250);
    const window = await reader.forward(100, undefined);
    expect(idsOf(window)).toEqual(list.ids.slice(0, 100));
    expect(window).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(list.calls).toEqual([{ token: undefined, maxResults: 100, sameSize: true }]);
  });

  it('pages on from endCursor with exactly one call passing next_token with the same max_results', async () => {
    const { list, reader } = setup(250);
    const first = await reader.forward(100, undefined);
    const second = await reader.forward(100, first.endCursor);
    expect(idsOf(second)).toEqual(list.ids.slice(100, 200));
    expect(list.calls).toEqual([
      { token: undefined, maxResults: 100, sameSize: true },
      { token: 'F0000000000000100', maxResults: 100, sameSize: true },
    ]);
  });

  it('pages back from startCursor with exactly one call passing previous_token with the same max_results', async () => {
    const { list, reader } = setup(250, { previousToken: 'same-size' });
    const first = await reader.forward(100, undefined);
    const second = await reader.forward(100, first.endCursor);
    if (!second.startCursor) throw new Error('no start cursor');
    const back = await reader.backward(100, roundTrip(second.startCursor));
    expect(idsOf(back)).toEqual(list.ids.slice(0, 100));
    expect(back).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(list.calls).toHaveLength(3);
    expect(list.calls.every((call) => call.sameSize)).toBe(true);
  });

  it('answers last: 50 before edge 520 of a first: 500 walk exactly, with same-size previous tokens', async () => {
    const { list, reader } = setup(1000, { previousToken: 'same-size' });
    const first = await reader.forward(500, undefined);
    const second = await reader.forward(500, first.endCursor);
    const edge = second.edges[20];
    if (!edge) throw new Error('short page');
    const back = await reader.backward(50, roundTrip(edge.cursor));
    expect(idsOf(back)).toEqual(list.ids.slice(470, 520));
    expect(list.calls.every((call) => call.sameSize)).toBe(true);
  });

  it('answers last: 20 before edge 120 exactly when X leaves accounts out of its pages', async () => {
    const { list, reader } = setup(400, { shortPages: 0.3 });
    let window = await reader.forward(100, undefined);
    const seen = idsOf(window);
    while (seen.length <= 120 && window.hasNextPage) {
      window = await reader.forward(100, window.endCursor);
      seen.push(...idsOf(window));
    }
    expect(seen).toEqual(list.ids.slice(0, seen.length));
    const edge = window.edges.find((e) => e.user.id === list.ids[120]);
    if (!edge) throw new Error('edge 120 not seen');
    const back = await reader.backward(20, roundTrip(edge.cursor));
    expect(idsOf(back)).toEqual(list.ids.slice(120 - back.edges.length, 120));
    expect(back.edges.length).toBeGreaterThan(0);
  });

  it('gives an empty window X says goes on a cursor to go on from', async () => {
    // Every account is left out of the first pages of 1: the windows are empty, yet the walk progresses.
    const { list, reader } = setup(40, { shortPages: 0.9 });
    const seen: string[] = [];
    let window = await reader.forward(1, undefined);
    for (let step = 0; step < 100; step += 1) {
      seen.push(...idsOf(window));
      if (!window.hasNextPage) break;
      expect(window.endCursor).toBeDefined();
      window = await reader.forward(1, window.endCursor && roundTrip(window.endCursor));
    }
    expect(window.hasNextPage).toBe(false);
    expect(seen).toEqual(list.ids);
  });

  it('gives every edge a cursor naming its list, owner and user', async () => {
    const { reader } = setup(30);
    const window = await reader.forward(30, undefined);
    for (const edge of window.edges) {
      expect(edge.cursor).toMatchObject({ list: 'followers', ownerId: OWNER, userId: edge.user.id });
    }
    expect(window.hasNextPage).toBe(false);
  });

  it('keeps nothing of a read once its window is dropped, edges read or not', async () => {
    // A page of 1,000 users, each with a 100-character name: about 300 KB per read. A window whose
    // `edges` getter were a closure in an object literal would keep it (see ReadWindow).
    const users = () =>
      Array.from({ length: 1000 }, (_, i) => ({
        id: String(1e15 + i),
        name: 'x'.repeat(100) + i,
        username: `u${i}`,
      }));
    for (const readEdges of [false, true]) {
      const survival = await measureSurvival(
        async () => {
          const reader = new ListReader('followers', OWNER, async () => ({
            users: users(),
            includedTweets: [],
            errors: [],
            resultCount: 1000,
            nextToken: 'next',
            meta: { source: 'miss', fetchedAt: 0 },
          }));
          const window = await reader.forward(1000, undefined);
          expect(readEdges ? window.edges.length : window.users.length).toBe(1000);
        },
        { warmup: 20, runs: 40 },
      );
      expect(survival.promotedBytes).toBeLessThan(32 * 1024);
    }
  });

  it('answers an empty list with no edges and no next page', async () => {
    const { reader } = setup(0);
    const window = await reader.forward(10, undefined);
    const { users, edges, hasNextPage, hasPreviousPage, startCursor, endCursor } = window;
    expect({ users, edges, hasNextPage, hasPreviousPage, startCursor, endCursor }).toEqual({
      users: [],
      edges: [],
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: undefined,
      endCursor: undefined,
    });
  });

  it('walks any edge both ways exactly, within the budget of pageCalls, in every X pagination mode', async () => {
    const step = fc.record({
      size: fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 1000 })),
      backward: fc.boolean(),
      pick: fc.nat(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(0, 1, 37, 999, 1000, 1001, 3000),
        fc.constantFrom<FakeListOptions['previousToken']>('boundary', 'same-size'),
        fc.constantFrom(0, 0.2, 0.7),
        fc.integer({ min: 1, max: 1000 }),
        fc.array(step, { minLength: 1, maxLength: 8 }),
        async (length, previousToken, shortPages, firstSize, steps) => {
          const { list, reader } = setup(length, { previousToken, shortPages });
          const ids = list.ids;
          /** Where a cursor sits among the visible ids: the items before it end at `before`, after it start at `after`. */
          const places = new Map<string, { before: number; after: number }>();
          const place = (cursor: EdgeCursor, gap: number) => {
            const index = cursor.userId === undefined ? -1 : ids.indexOf(cursor.userId);
            const at = index >= 0 ? { before: index, after: index + 1 } : { before: gap, after: gap };
            places.set(encodeCursor(cursor), at);
          };
          const check = (window: ListWindow, from: number, backward: boolean, size: number) => {
            const got = idsOf(window);
            expect(got.length).toBeLessThanOrEqual(size);
            const start = backward ? from - got.length : from;
            expect(got).toEqual(ids.slice(Math.max(0, start), start + got.length));
            if (start + got.length < ids.length) expect(window.hasNextPage).toBe(true);
            if (start > 0) expect(window.hasPreviousPage).toBe(true);
            // A window that X says goes on in its direction always has a cursor to go on from.
            if (backward ? window.hasPreviousPage : window.hasNextPage) {
              expect(window.startCursor).toBeDefined();
              expect(window.endCursor).toBeDefined();
            }
            for (const edge of window.edges) place(edge.cursor, from);
            if (window.startCursor) place(window.startCursor, from);
            if (window.endCursor) place(window.endCursor, from);
          };
          const first = await reader.forward(firstSize, undefined);
          expect(list.calls).toHaveLength(1);
          check(first, 0, false, firstSize);
          let window = first;
          for (const { size, backward, pick } of steps) {
            const choices = [...window.edges.map((e) => e.cursor), window.startCursor, window.endCursor];
            const chosen = choices.filter((c): c is EdgeCursor => c !== undefined)[pick % choices.length];
            if (!chosen) break;
            const cursor = roundTrip(chosen);
            const at = places.get(encodeCursor(cursor));
            if (!at) throw new Error('a cursor of no known place');
            const before = list.calls.length;
            const next = backward ? await reader.backward(size, cursor) : await reader.forward(size, cursor);
            expect(list.calls.length - before).toBeLessThanOrEqual(
              pageCalls(backward ? 'backward' : 'forward', size, cursor),
            );
            check(next, backward ? at.before : at.after, backward, size);
            window = next;
          }
          expect(list.calls.filter((call) => !call.sameSize)).toEqual([]);
        },
      ),
      { numRuns: 250, seed: 15 },
    );
  });
});

describe('ListPages', () => {
  /** A page of 1,000 users (100-character names) with 600 pinned tweets: about 400 KB. */
  const page = () => {
    const users: XUser[] = Array.from({ length: 1000 }, (_, i) => ({
      id: String(1e15 + i),
      name: 'x'.repeat(100) + i,
      username: `u${i}`,
      ...(i % 5 < 3 ? { pinned_tweet_id: String(2e15 + i) } : {}),
    }));
    const includedTweets: XTweet[] = users.flatMap((user) =>
      user.pinned_tweet_id
        ? [{ id: user.pinned_tweet_id, text: `t${user.id}`, edit_history_tweet_ids: [] }]
        : [],
    );
    return {
      users,
      includedTweets,
      errors: [],
      resultCount: 1000,
      nextToken: 'next',
      meta: { source: 'miss' as const, fetchedAt: 0 },
    };
  };
  const query: UserQuery = { userFields: ['name'], expansions: ['pinned_tweet_id'], tweetFields: ['text'] };

  it('keeps nothing of a request once the loaders are released, although all they made before X answered is old', async () => {
    const kept = async (release: boolean) => {
      const result = await measureKeptAfterWait(
        async (wait) => {
          // X answers once everything the read made so far is old, as under load.
          const session = {
            userList: () => {
              wait();
              return Promise.resolve().then(page);
            },
          } as unknown as XSession;
          const loaders = createLoaders(session);
          const pages = loaders.lists;
          const reader = pages.reader('followers', OWNER, (token, max) =>
            pages.page('followers', OWNER, token, max, query),
          );
          const window = await reader.forward(1000, undefined);
          expect(window.edges.length).toBe(1000);
          expect((await loaders.tweets.byId(String(2e15), query)).text).toBe(`t${1e15}`);
          if (release) loaders.release();
          // The step's own state last resumed with the window: resumed once more, it lets go of it.
          await 0;
        },
        { warmup: 10, runs: 30 },
      );
      return result.keptBytes;
    };
    expect(await kept(false)).toBeGreaterThan(200 * 1024);
    // Some 5–25 KB stay (the loaders' own maps and arrays), against about 590 KB without the release.
    expect(await kept(true)).toBeLessThan(96 * 1024);
  });

  it('fetches a page again once released, and reads it as before', async () => {
    const { list } = setup(250);
    const session = {
      userList: (
        _kind: string,
        _owner: string,
        listQuery: { maxResults: number; paginationToken?: string },
      ) => list.fetch(listQuery.paginationToken, listQuery.maxResults),
    } as unknown as XSession;
    const pages = new ListPages(session, new KnownUsers(), new KnownTweets());
    const read = () =>
      pages
        .reader('followers', OWNER, (token, max) => pages.page('followers', OWNER, token, max, query))
        .forward(100, undefined);
    const before = await read();
    const ids = idsOf(before);
    pages.release();
    expect(before.users).toEqual([]);
    expect(idsOf(await read())).toEqual(ids);
    expect(list.calls).toHaveLength(2);
  });
});
