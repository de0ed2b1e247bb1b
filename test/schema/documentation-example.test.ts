import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadPageExamples } from '../fixtures/emulator-data-doc-page.ts';
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

describe('the documentation page example through the gateway', () => {
  it("returns the page's example users in one call with X's default fields", async () => {
    const examples = loadPageExamples();
    const result = await gateway.query(`{
      user(restId: "${TWITTER_DEV}") { followers(first: 10) { nodes { restId name username } } }
    }`);
    expect(result.errors).toBeUndefined();
    const nodes = dataField<{ followers: { nodes: unknown[] } }>(result, 'user').followers.nodes;
    expect(nodes).toEqual(
      examples.defaultFields.data.map(({ id, name, username }) => ({ restId: id, name, username })),
    );
    expect(gateway.xCalls()).toEqual([
      { path: `/2/users/${TWITTER_DEV}/followers`, query: { max_results: '10' } },
    ]);
  });

  it("asks for the optional-fields example's parameters and returns its pinned tweets without another call", async () => {
    const examples = loadPageExamples();
    const result = await gateway.query(`{
      user(restId: "${TWITTER_DEV}") {
        followers(first: 10) { nodes { restId createdAt pinnedTweetId pinnedTweet { restId createdAt } } }
      }
    }`);
    expect(result.errors).toBeUndefined();
    const nodes = dataField<{ followers: { nodes: Record<string, unknown>[] } }>(result, 'user').followers
      .nodes;
    expect(nodes.map((n) => [n.restId, n.pinnedTweetId ?? null])).toEqual(
      examples.optionalFields.data.map((u) => [u.id, u.pinned_tweet_id ?? null]),
    );
    for (const node of nodes) {
      const pinned = node.pinnedTweet as { restId: string; createdAt: string } | null;
      expect(pinned?.restId ?? null).toBe(node.pinnedTweetId ?? null);
      if (pinned) expect(pinned.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
    expect(gateway.xCalls()).toEqual([
      {
        path: `/2/users/${TWITTER_DEV}/followers`,
        query: {
          max_results: '10',
          'user.fields': 'created_at',
          'tweet.fields': 'created_at',
          expansions: 'pinned_tweet_id',
        },
      },
    ]);
  });
});
