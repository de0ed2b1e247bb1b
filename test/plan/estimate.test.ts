import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/loaders/list-cursor.ts';
import { MAX_CALLS_PER_PAGE } from '../../src/loaders/list-paging.ts';
import { planOperation } from '../../src/plan/build-plan.ts';
import { estimateUpstreamCalls } from '../../src/plan/estimate.ts';
import { schema } from '../../src/schema/index.ts';
import { startTestGateway, type TestGateway } from '../fixtures/gateway.ts';

/** The estimate of a query. */
const estimate = (query: string, variables?: Record<string, unknown>) =>
  estimateUpstreamCalls(planOperation({ schema, document: parse(query), variables }));

describe('estimateUpstreamCalls', () => {
  it('counts one list call for the documentation example and nothing for its lazy owner', () => {
    expect(estimate('{ user(restId: "1") { followers(first: 10) { nodes { name } } } }')).toEqual({
      total: 1,
      cached: 0,
      byEndpoint: { 'GET /2/users/:id/followers': 1 },
      resources: { users: 0, follows: 10, posts: 0 },
    });
  });

  it('counts pinned tweets as free and an owner lookup when more than ids is read', () => {
    expect(
      estimate(
        '{ user(restId: "1") { name pinnedTweet { text } followers { nodes { pinnedTweet { lang } } } } }',
      ),
    ).toEqual({
      total: 2,
      cached: 0,
      byEndpoint: { 'GET /2/users': 1, 'GET /2/users/:id/followers': 1 },
      // The owner and its pinned tweet, 100 followers and theirs.
      resources: { users: 1, follows: 100, posts: 101 },
    });
  });

  it('multiplies nested lists through page sizes and root lists', () => {
    const query = `query ($n: Int) { users(restIds: ["1", "2"]) {
      followers(first: $n) { nodes { following(first: 5) { totalCount nodes { name } } } }
    } }`;
    expect(estimate(query, { n: 3 })).toEqual({
      total: 1 + 2 + 2 * 3,
      cached: 0,
      byEndpoint: {
        'GET /2/users': 1,
        'GET /2/users/:id/followers': 2,
        'GET /2/users/:id/following': 6,
      },
      resources: { users: 2, follows: 2 * 3 + 2 * 3 * 5, posts: 0 },
    });
  });

  it('batches lookups by 100 and always looks up usernames, the viewer and tweets by id', () => {
    const ids = Array.from({ length: 250 }, (_, index) => String(index + 1));
    expect(estimate('query ($ids: [ID!]!) { users(restIds: $ids) { name } }', { ids })).toEqual({
      total: 3,
      cached: 0,
      byEndpoint: { 'GET /2/users': 3 },
      resources: { users: 250, follows: 0, posts: 0 },
    });
    expect(estimate('{ user(username: "jack") { id } viewer { id } tweet(restId: "5") { id } }')).toEqual({
      total: 3,
      cached: 0,
      byEndpoint: { 'GET /2/users/by': 1, 'GET /2/users/me': 1, 'GET /2/tweets': 1 },
      resources: { users: 2, follows: 0, posts: 1 },
    });
  });

  it("counts a cursor's page at the calls it needs with that page's max_results", () => {
    const cursor = (maxResults: number, index: number) =>
      encodeCursor({
        list: 'followers',
        ownerId: '1',
        page: {
          token: 'DFEDBNRFT3MHCZZZ',
          maxResults,
          count: maxResults,
          nextToken: 'DFEDBNRFT3MHCZZY',
          previousToken: 'DFEDBNRFT3MHCZZX',
        },
        index,
        userId: '7',
      });
    const page = (first: number, maxResults: number, index: number) =>
      estimate(
        `{ user(restId: "1") { followers(first: ${first}, after: "${cursor(maxResults, index)}") { nodes { id } } } }`,
      );
    // The last edge of a page of 100: its next_token, once.
    expect(page(100, 100, 99).total).toBe(1);
    // Mid-page: the rest of the page (refetched) serves 500 of 500.
    expect(page(500, 1000, 499).total).toBe(1);
    // Mid-page: the rest of the page, then one page through next_token.
    expect(page(600, 1000, 499).total).toBe(2);
    // Pages of 7 from a page's last edge: ceil(20 / 7) calls, and never more than MAX_CALLS_PER_PAGE.
    expect(page(20, 7, 6).total).toBe(3);
    expect(page(1000, 7, 6).total).toBe(MAX_CALLS_PER_PAGE);
    // Resources: every call a full page of the recorded max_results (pages may be short, never longer).
    expect(page(100, 100, 99).resources.follows).toBe(100);
    expect(page(600, 1000, 499).resources.follows).toBe(2000);
    expect(page(20, 7, 6).resources.follows).toBe(21);
    expect(page(1000, 7, 6).resources.follows).toBe(MAX_CALLS_PER_PAGE * 7);
  });

  it('prices mixed nodes and _entities ids per kind: users looked up as users, tweets as posts', () => {
    const users = Array.from({ length: 150 }, (_, index) => ({ __typename: 'User', restId: `${index + 1}` }));
    const tweets = Array.from({ length: 30 }, (_, index) => ({
      __typename: 'Tweet',
      restId: `${index + 900}`,
    }));
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) {
      ... on User { name pinnedTweet { text } } ... on Tweet { text } } }`;
    expect(estimate(query, { r: [...users, ...tweets] })).toEqual({
      total: 2 + 1,
      cached: 0,
      byEndpoint: { 'GET /2/users': 2, 'GET /2/tweets': 1 },
      // 150 users with their pinned tweets; 30 tweets.
      resources: { users: 150, follows: 0, posts: 150 + 30 },
    });
  });
});

describe('estimateUpstreamCalls against the emulator', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(async () => {
    await gateway.close();
  });

  it('predicts the calls the gateway makes, never fewer', async () => {
    const exact = [
      '{ user(restId: "2244994945") { followers(first: 10) { nodes { name pinnedTweet { text } } } } }',
      '{ user(restId: "2244994945") { name followers(first: 4) { nodes { following(first: 3) { nodes { id } } } } } }',
      '{ user(username: "TwitterDev") { createdAt } tweet(restId: "1293593516040269825") { text } }',
    ];
    for (const query of exact) {
      gateway.emulator.clearRequests();
      expect((await gateway.query(query)).errors).toBeUndefined();
      expect(gateway.emulator.requests.length, query).toBe(estimate(query).total);
    }
    // The tweet's author is TwitterDev, already known to the request: one call fewer than the bound.
    const reused =
      '{ user(username: "TwitterDev") { createdAt } tweet(restId: "1293593516040269825") { author { name } } }';
    gateway.emulator.clearRequests();
    expect((await gateway.query(reused)).errors).toBeUndefined();
    expect(gateway.emulator.requests).toHaveLength(2);
    expect(estimate(reused).total).toBe(3);
  });
});
