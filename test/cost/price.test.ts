import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { priceOperation } from '../../src/cost/price.ts';
import { encodeCursor } from '../../src/loaders/list-cursor.ts';
import { planOperation } from '../../src/plan/build-plan.ts';
import type { ListKind, ListQuery, RateLimitState, XSession } from '../../src/rest/x-api.ts';
import { schema } from '../../src/schema/index.ts';
import { FakeSession } from '../fixtures/schema-fake-session.ts';

const NOW = Date.parse('2026-11-27T04:00:00Z');
const FOLLOWERS = 'GET /2/users/:id/followers' as const;

/** A plan of a query. */
const plan = (query: string, variables?: Record<string, unknown>) =>
  planOperation({ schema, document: parse(query), variables });

/** A session whose cache holds the list calls `cached` accepts (fresh) and `stale` accepts (stale). */
function session(cached: (query: ListQuery) => boolean = () => false, stale = cached) {
  const fake: XSession = new FakeSession({ users: [], tweets: [] });
  const asked: [ListKind, string, ListQuery, boolean][] = [];
  fake.isListCached = (kind: ListKind, userId: string, query: ListQuery, allowStale = false) => {
    asked.push([kind, userId, query, allowStale]);
    return allowStale ? stale(query) : cached(query);
  };
  return { fake, asked };
}

/** A rate-limit window of the followers endpoint. */
const window = (remaining: number, resetInMs = 600_000): RateLimitState => ({
  endpoint: FOLLOWERS,
  limit: 15,
  remaining,
  resetAt: new Date(NOW + resetInMs),
});

const TWO_PAGES =
  '{ a: user(restId: "1") { followers(first: 5) { nodes { name } } } b: user(restId: "2") { followers(first: 5) { nodes { name } } } }';

describe('priceOperation', () => {
  it('asks the cache about the exact list call the reader will make', () => {
    const { fake, asked } = session();
    const after = encodeCursor({
      list: 'followers',
      ownerId: '1',
      page: { token: 'TOKEN1', maxResults: 9, count: 9, nextToken: 'TOKEN2', previousToken: 'TOKEN0' },
      index: 3,
      userId: '9',
    });
    priceOperation(
      plan(`{ user(restId: "1") { followers(first: 5, after: "${after}") { nodes { location } } } }`),
      fake,
      {
        now: () => NOW,
      },
    );
    expect(asked[0]).toEqual([
      'followers',
      '1',
      { maxResults: 9, paginationToken: 'TOKEN1', userFields: ['location'], tweetFields: [], expansions: [] },
      false,
    ]);
  });

  it('leaves cached pages out of the estimate', () => {
    const { fake } = session((query) => query.maxResults === 5);
    const price = priceOperation(plan(TWO_PAGES), fake, { now: () => NOW });
    expect(price.estimate).toMatchObject({ total: 0, cached: 2 });
    expect(price.refusal).toBeUndefined();
  });

  it('refuses with RATE_LIMITED when an endpoint needs more than X has left before the reset', () => {
    const { fake } = session();
    const price = priceOperation(plan(TWO_PAGES), fake, { rateLimits: [window(1)], now: () => NOW });
    expect(price.refusal?.code).toBe('RATE_LIMITED');
    expect(price.refusal?.extensions).toMatchObject({
      endpoint: FOLLOWERS,
      remaining: 1,
      resetAt: '2026-11-27T04:10:00.000Z',
      retryAfterSeconds: 600,
    });
  });

  it('lets a query run when the budget suffices or its window has already reset', () => {
    const { fake } = session();
    expect(
      priceOperation(plan(TWO_PAGES), fake, { rateLimits: [window(2)], now: () => NOW }).refusal,
    ).toBeUndefined();
    expect(
      priceOperation(plan(TWO_PAGES), fake, { rateLimits: [window(0, -1000)], now: () => NOW }).refusal,
    ).toBeUndefined();
  });

  it('needs no budget for pages it can serve stale', () => {
    const { fake } = session(
      () => false,
      () => true,
    );
    const price = priceOperation(plan(TWO_PAGES), fake, { rateLimits: [window(0)], now: () => NOW });
    expect(price.estimate.total).toBe(2);
    expect(price.refusal).toBeUndefined();
  });

  it('says "1 call" in the singular', () => {
    const { fake } = session();
    const one = plan('{ user(restId: "1") { followers(first: 5) { nodes { name } } } }');
    const price = priceOperation(one, fake, { rateLimits: [window(0)], now: () => NOW });
    expect(price.refusal?.message).toMatch(
      /^This query needs up to 1 call to GET \/2\/users\/:id\/followers,/,
    );
  });

  it('refuses over X_MAX_UPSTREAM_CALLS before looking at the budget', () => {
    const { fake } = session();
    const price = priceOperation(plan(TWO_PAGES), fake, { maxUpstreamCalls: 1, rateLimits: [window(0)] });
    expect(price.refusal?.code).toBe('QUERY_TOO_COSTLY');
    expect(price.refusal?.message).toContain('2 upstream calls');
  });

  it('lists every endpoint the operation touches and the budget known for each', () => {
    const { fake } = session();
    const other: RateLimitState = { ...window(3), endpoint: 'GET /2/tweets' };
    const price = priceOperation(plan(TWO_PAGES), fake, { rateLimits: [window(9), other], now: () => NOW });
    expect(price.endpoints).toEqual([FOLLOWERS]);
    expect(price.rateLimits).toEqual([window(9)]);
  });
});
