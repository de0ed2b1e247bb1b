import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dataField, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';

const TWITTER_DEV = '2244994945';
let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(async () => {
  await gateway.close();
});
beforeEach(() => gateway.emulator.clearRequests());

/** Runs a query that must succeed and returns the calls it made: path and parameters. */
async function callsOf(query: string, variables?: Record<string, unknown>) {
  const result = await gateway.query(query, variables);
  expect(result.errors).toBeUndefined();
  return gateway.emulator.requests.map(({ path, query: params }) => ({ path, params }));
}

describe('field translation', () => {
  it('merges fragments, inline fragments, aliases and a field selected twice into the minimal user.fields', async () => {
    const calls = await callsOf(`{
      u: user(restId: "${TWITTER_DEV}") { ...Profile handle: username ... on User { location } description }
    }
    fragment Profile on User { createdAt description name }`);
    expect(calls).toEqual([
      { path: '/2/users', params: { ids: TWITTER_DEV, 'user.fields': 'created_at,description,location' } },
    ]);
  });

  it('plans each place of a reused fragment on its own, for every request of a document', async () => {
    const query = `{
      user(restId: "${TWITTER_DEV}") {
        followers(first: 2) { nodes { ...Who pinnedTweet { lang } } }
        following(first: 2) { nodes { ...Who pinnedTweet { createdAt } } }
      }
    }
    fragment Who on User { username pinnedTweet { text } }`;
    const expected = [
      {
        path: `/2/users/${TWITTER_DEV}/followers`,
        params: { max_results: '2', expansions: 'pinned_tweet_id', 'tweet.fields': 'lang' },
      },
      {
        path: `/2/users/${TWITTER_DEV}/following`,
        params: { max_results: '2', expansions: 'pinned_tweet_id', 'tweet.fields': 'created_at' },
      },
    ];
    const sorted = (calls: Awaited<ReturnType<typeof callsOf>>) =>
      [...calls].sort((a, b) => a.path.localeCompare(b.path));
    expect(sorted(await callsOf(query))).toEqual(expected);
    // The second request runs the compiled document again: still no call beyond the two pages.
    gateway.emulator.clearRequests();
    expect(sorted(await callsOf(query))).toEqual(expected);
  });

  it('applies @include and @skip with variables', async () => {
    const query = `query ($loc: Boolean!, $noPin: Boolean!) {
      user(restId: "${TWITTER_DEV}") {
        name
        location @include(if: $loc)
        pinnedTweet @skip(if: $noPin) { lang }
      }
    }`;
    expect(await callsOf(query, { loc: false, noPin: true })).toEqual([
      { path: '/2/users', params: { ids: TWITTER_DEV } },
    ]);
    gateway.emulator.clearRequests();
    expect(await callsOf(query, { loc: true, noPin: false })).toEqual([
      {
        path: '/2/users',
        params: {
          ids: TWITTER_DEV,
          'user.fields': 'location',
          expansions: 'pinned_tweet_id',
          'tweet.fields': 'lang',
        },
      },
    ]);
  });

  it('reads a root pinned tweet from the same call, merging both selections of it', async () => {
    const result = await gateway.query(`{
      user(restId: "${TWITTER_DEV}") { a: pinnedTweet { text } b: pinnedTweet { lang createdAt } }
    }`);
    expect(result.errors).toBeUndefined();
    const user = result.data?.user as { a: { text: string }; b: { lang: string } };
    expect(user.a.text.length).toBeGreaterThan(0);
    expect(typeof user.b.lang).toBe('string');
    expect(gateway.emulator.requests.map((r) => r.query)).toEqual([
      { ids: TWITTER_DEV, expansions: 'pinned_tweet_id', 'tweet.fields': 'created_at,lang' },
    ]);
  });

  it('sends the expansion for pinned tweets nested in a connection, and no call for them', async () => {
    const calls = await callsOf(`{
      user(restId: "${TWITTER_DEV}") {
        followers(first: 5) {
          edges { cursor node { pinnedTweet { publicMetrics { likeCount } author { restId } } } }
          nodes { verifiedType }
        }
      }
    }`);
    expect(calls).toEqual([
      {
        path: `/2/users/${TWITTER_DEV}/followers`,
        params: {
          max_results: '5',
          'user.fields': 'verified_type',
          expansions: 'pinned_tweet_id',
          'tweet.fields': 'author_id,public_metrics',
        },
      },
    ]);
  });

  it('makes no user lookup for a parent read only for ids and its lists', async () => {
    const calls = await callsOf(`{
      user(restId: "${TWITTER_DEV}") { id restId followers(first: 3) { nodes { username } } }
    }`);
    expect(calls).toEqual([{ path: `/2/users/${TWITTER_DEV}/followers`, params: { max_results: '3' } }]);
  });

  it("answers totalCount from the owner's public_metrics without reading the list", async () => {
    const result = await gateway.query(`{ user(restId: "${TWITTER_DEV}") { followers { totalCount } } }`);
    const owner = gateway.emulator.store.userById(TWITTER_DEV);
    const metrics = owner?.fields.public_metrics as { followers_count: number };
    expect(result.data).toEqual({ user: { followers: { totalCount: metrics.followers_count } } });
    expect(gateway.emulator.requests.map((r) => [r.path, r.query])).toEqual([
      ['/2/users', { ids: TWITTER_DEV, 'user.fields': 'public_metrics' }],
    ]);
  });

  it('looks a tweet up with the minimal tweet.fields and its author through the user loader', async () => {
    const tweetId = gateway.emulator.store.userById(TWITTER_DEV)?.pinnedTweetId as string;
    const result = await gateway.query(`{ tweet(restId: "${tweetId}") { text author { name } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({ tweet: { author: { name: 'Twitter Dev' } } });
    expect(gateway.emulator.requests.map((r) => [r.path, r.query])).toEqual([
      ['/2/tweets', { ids: tweetId, 'tweet.fields': 'author_id' }],
      ['/2/users', { ids: TWITTER_DEV }],
    ]);
  });

  it('reads nested lists once per parent, asking parents only for what their lists need', async () => {
    const result = await gateway.query(`{
      user(restId: "${TWITTER_DEV}") {
        followers(first: 3) { nodes { restId following(first: 2) { totalCount nodes { username } } } }
      }
    }`);
    expect(result.errors).toBeUndefined();
    type Owner = { followers: { nodes: { restId: string; following: { totalCount: number } }[] } };
    const nodes = dataField<Owner>(result, 'user').followers.nodes;
    for (const node of nodes) {
      const metrics = gateway.emulator.store.userById(node.restId)?.fields.public_metrics as {
        following_count: number;
      };
      expect(node.following.totalCount).toBe(metrics.following_count);
    }
    expect(gateway.emulator.requests.map((r) => [r.path, r.query])).toEqual([
      [`/2/users/${TWITTER_DEV}/followers`, { max_results: '3', 'user.fields': 'public_metrics' }],
      ...nodes.map((node) => [`/2/users/${node.restId}/following`, { max_results: '2' }]),
    ]);
  });

  it('batches users(restIds:) into calls of at most 100 ids, in the order asked', async () => {
    const ids = Array.from({ length: 150 }, (_, index) => gateway.emulator.store.userAt(index).id);
    const result = await gateway.query(`query ($ids: [ID!]!) { users(restIds: $ids) { restId name } }`, {
      ids,
    });
    const users = result.data?.users as ({ restId: string } | null)[];
    const found = users.filter((u): u is { restId: string } => u !== null).map((u) => u.restId);
    expect(found).toEqual(ids.filter((id) => found.includes(id)));
    expect(users).toHaveLength(150);
    const batches = gateway.emulator.requests.map((r) => String(r.query.ids).split(','));
    expect(batches.map((b) => b.length)).toEqual([100, 50]);
    expect(batches.flat().sort()).toEqual([...ids].sort());
  });
});
