import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/node.ts';
import { startTestGateway, type TestGateway } from '../fixtures/gateway.ts';

const TWITTER_DEV = '2244994945';
let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(async () => {
  await gateway.close();
});
beforeEach(() => gateway.emulator.clearRequests());

/** The code and path of each error of a result. */
const codes = (result: Awaited<ReturnType<TestGateway['query']>>) =>
  (result.errors ?? []).map((error) => [error.path?.join('.'), error.extensions?.code]);

describe('partial errors', () => {
  it('puts a missing user of users(restIds:) on its item and keeps the others', async () => {
    const { notable } = gateway.emulator.store;
    const result = await gateway.query(
      `{ users(restIds: ["${TWITTER_DEV}", "999", "${notable.suspended}"]) { name } }`,
    );
    expect(result.data).toEqual({ users: [{ name: 'Twitter Dev' }, null, null] });
    expect(codes(result)).toEqual([
      ['users.1', 'NOT_FOUND'],
      ['users.2', expect.stringMatching(/^(NOT_FOUND|FORBIDDEN)$/)],
    ]);
    expect(result.errors?.[0]?.extensions?.upstream).toMatchObject({
      type: 'https://api.twitter.com/2/problems/resource-not-found',
    });
    expect(gateway.emulator.requests).toHaveLength(1);
  });

  it('answers a deleted pinned tweet with null and NOT_FOUND, without another call', async () => {
    const owner = gateway.emulator.store.notable.deletedPinned;
    const result = await gateway.query(`{ user(restId: "${owner}") { restId pinnedTweet { text } } }`);
    expect(result.data).toEqual({ user: { restId: owner, pinnedTweet: null } });
    expect(codes(result)).toEqual([['user.pinnedTweet', 'NOT_FOUND']]);
    expect(gateway.emulator.requests.map((r) => r.path)).toEqual(['/2/users']);
  });

  it('writes the deleted pinned tweets of a followers page as graphql-js writes them, each at its place', async () => {
    // A non-null variable with a default sends the same selection through graphql-js instead of the
    // compiled query (see src/compiled-execution.ts): both must write the same errors.
    const page = (declaration: string) => `query Page(${declaration}) {
  user(restId: "${TWITTER_DEV}") {
    followers(first: $n) {
      nodes {
        restId
        pinnedTweet { text }
      }
    }
  }
}`;
    const compiled = await gateway.query(page('$n: Int!'), { n: 1000 });
    const interpreted = await gateway.query(page('$n: Int! = 1000'));
    const errors = compiled.errors ?? [];
    expect(errors.length).toBeGreaterThan(5);
    expect(JSON.stringify(errors)).toBe(JSON.stringify(interpreted.errors));
    expect(errors[0]).toEqual({
      message: expect.stringContaining('pinned_tweet_id'),
      locations: [{ line: 6, column: 9 }],
      path: ['user', 'followers', 'nodes', expect.any(Number), 'pinnedTweet'],
      extensions: { code: 'NOT_FOUND', upstream: expect.objectContaining({ title: 'Not Found Error' }) },
    });
    expect(Object.keys(errors[0] ?? {})).toEqual(['message', 'locations', 'path', 'extensions']);
  });

  it("puts X's refusal of a protected list on that field and keeps the rest of the response", async () => {
    const { protectedAccount } = gateway.emulator.store.notable;
    const result = await gateway.query(`{
      locked: user(restId: "${protectedAccount}") { followers(first: 5) { nodes { name } } }
      open: user(restId: "${TWITTER_DEV}") { name }
    }`);
    expect(result.data).toEqual({ locked: null, open: { name: 'Twitter Dev' } });
    expect(codes(result)).toEqual([['locked.followers', 'FORBIDDEN']]);
  });

  it('answers an empty list with no edges, null cursors and no next page', async () => {
    const { loner } = gateway.emulator.store.notable;
    const result = await gateway.query(`{ user(restId: "${loner}") {
      followers(first: 5) { totalCount edges { cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }
    } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      user: {
        followers: {
          totalCount: 0,
          edges: [],
          pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
        },
      },
    });
  });

  it('answers a missing tweet with null and NOT_FOUND', async () => {
    const result = await gateway.query('{ tweet(restId: "1") { text } }');
    expect(result.data).toEqual({ tweet: null });
    expect(codes(result)).toEqual([['tweet', 'NOT_FOUND']]);
  });
});

describe('node, nodes, viewer and rateLimit', () => {
  it('resolves global ids of users and tweets, verifying each exists, batching the lookups', async () => {
    const pinned = gateway.emulator.store.userById(TWITTER_DEV)?.pinnedTweetId as string;
    const userId = encodeGlobalId('User', TWITTER_DEV);
    const tweetId = encodeGlobalId('Tweet', pinned);
    const result = await gateway.query(`{
      node(id: "${userId}") { id ... on User { username } }
      nodes(ids: ["${tweetId}", "${userId}"]) { __typename id ... on Tweet { restId } ... on User { name } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      node: { id: userId, username: 'TwitterDev' },
      nodes: [
        { __typename: 'Tweet', id: tweetId, restId: pinned },
        { __typename: 'User', id: userId, name: 'Twitter Dev' },
      ],
    });
    expect(gateway.emulator.requests.map((r) => [r.path, r.query])).toEqual([
      ['/2/users', { ids: TWITTER_DEV }],
      ['/2/tweets', { ids: pinned }],
    ]);
  });

  it("answers viewer from GET /2/users/me with the request's own token", async () => {
    const token = gateway.emulator.issueUserToken(TWITTER_DEV);
    const result = await gateway.query('{ viewer { restId username createdAt } }', undefined, token);
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({ viewer: { restId: TWITTER_DEV, username: 'TwitterDev' } });
    expect(gateway.emulator.requests.map((r) => [r.path, r.query, r.principal?.kind])).toEqual([
      ['/2/users/me', { 'user.fields': 'created_at' }, 'user'],
    ]);
  });

  it("lists the caller's rate-limit windows without calling X", async () => {
    const limited = await startTestGateway({ rateLimit: 50 });
    try {
      const token = limited.emulator.issueUserToken(TWITTER_DEV);
      await limited.query(`{ user(restId: "${TWITTER_DEV}") { name } }`, undefined, token);
      await limited.query(`{ user(restId: "${TWITTER_DEV}") { location } }`, undefined, token);
      limited.emulator.clearRequests();
      const result = await limited.query(
        '{ rateLimit { endpoint limit remaining used resetAt } }',
        undefined,
        token,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.rateLimit).toEqual([
        { endpoint: 'GET /2/users', limit: 50, remaining: 48, used: 2, resetAt: expect.stringMatching(/Z$/) },
      ]);
      expect(limited.emulator.requests).toEqual([]);
      const app = await limited.query('{ rateLimit { endpoint } }');
      expect(app.data).toEqual({ rateLimit: [] });
    } finally {
      await limited.close();
    }
  });
});

describe('whole-call failures', () => {
  it("puts X's 429 on the field that needed the call, with resetAt and retryAfterSeconds", async () => {
    const limited = await startTestGateway();
    try {
      limited.emulator.faults.inject({ kind: 'status', status: 429, path: '/followers', times: 1 });
      const query = `{ user(restId: "${TWITTER_DEV}") { followers(first: 3) { nodes { name } } } }`;
      const result = await limited.query(query);
      expect(result.data).toEqual({ user: null });
      const error = result.errors?.[0];
      expect(error?.path).toEqual(['user', 'followers']);
      expect(error?.extensions).toMatchObject({
        code: 'RATE_LIMITED',
        resetAt: expect.stringMatching(/Z$/),
        retryAfterSeconds: expect.any(Number),
      });
      // The budget is now known to be spent: the same query is refused before any call.
      limited.emulator.clearRequests();
      const refused = await limited.query(query);
      expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(limited.emulator.requests).toHaveLength(0);
    } finally {
      await limited.close();
    }
  });
});
