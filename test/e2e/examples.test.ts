import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FollowersWithPinnedTweetsDocument,
  NodeByIdDocument,
  RateLimitDocument,
  UserByUsernameDocument,
  UsersByRestIdsDocument,
  ViewerDocument,
} from '../../src/generated/operations.ts';
import { runTyped, startTestGateway, type TestGateway } from '../fixtures/server-gateway.ts';

/**
 * The README's example operations (`documents/*.graphql`), run through their typed documents against
 * a gateway serving from the embedded emulator, whose first followers of TwitterDev are those of X's
 * documentation page.
 */

const TWITTER_DEV = '2244994945';

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(async () => {
  await gateway.close();
});

describe('README examples', () => {
  it('lists the followers of TwitterDev with their pinned tweets, page after page', async () => {
    const first = await runTyped(gateway.url, FollowersWithPinnedTweetsDocument, {});
    expect(first.errors).toBeUndefined();
    const followers = first.data?.user?.followers;
    expect(first.data?.user).toMatchObject({ name: 'Twitter Dev', username: 'TwitterDev' });
    expect(followers?.edges.map((edge) => edge.node.username)).toEqual([
      'TwitterAPI',
      'TwitterDev',
      'Twitter',
      'TwitterSafety',
      'TwitterMoments',
    ]);
    expect(followers?.edges[0]?.node.pinnedTweet).toMatchObject({
      restId: '1293595870563381249',
      createdAt: '2020-08-12T17:11:04.000Z',
    });
    expect(followers?.edges[0]?.node.pinnedTweet?.text).toMatch(/^Twitter API v2: Early Access released/);
    expect(followers?.edges[2]?.node.pinnedTweet).toBeNull();
    expect(followers?.pageInfo).toEqual({ hasNextPage: true, endCursor: followers?.edges[4]?.cursor });

    const second = await runTyped(gateway.url, FollowersWithPinnedTweetsDocument, {
      after: followers?.pageInfo.endCursor ?? null,
    });
    const next = second.data?.user?.followers.edges.map((edge) => edge.node.restId) ?? [];
    expect(next).toHaveLength(5);
    for (const restId of next) {
      expect(followers?.edges.map((edge) => edge.node.restId)).not.toContain(restId);
      expect(restId).toMatch(/^[0-9]{1,19}$/);
    }
  });

  it('finds a user by username, with a Relay id that node() resolves', async () => {
    const { data, errors } = await runTyped(gateway.url, UserByUsernameDocument, { username: 'twitterdev' });
    expect(errors).toBeUndefined();
    expect(data?.user).toMatchObject({
      restId: TWITTER_DEV,
      username: 'TwitterDev',
      createdAt: '2013-12-14T04:35:55.000Z',
      verifiedType: 'BUSINESS',
    });
    const node = await runTyped(gateway.url, NodeByIdDocument, { id: data?.user?.id ?? '' });
    expect(node.data?.node).toEqual({
      id: data?.user?.id,
      __typename: 'User',
      restId: TWITTER_DEV,
      username: 'TwitterDev',
    });
  });

  it('looks users up by id in the order asked, null with NOT_FOUND where X has none', async () => {
    const { data, errors } = await runTyped(gateway.url, UsersByRestIdsDocument, {
      restIds: ['6253282', '1', TWITTER_DEV],
    });
    expect(data?.users.map((user) => user?.username ?? null)).toEqual(['TwitterAPI', null, 'TwitterDev']);
    expect(errors).toHaveLength(1);
    expect(errors?.[0]).toMatchObject({ path: ['users', 1], extensions: { code: 'NOT_FOUND' } });
  });

  it('answers viewer for a user token, and UNAUTHENTICATED without one', async () => {
    const anonymous = await runTyped(gateway.url, ViewerDocument, {});
    expect(anonymous.data?.viewer).toBeNull();
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const token = gateway.emulator?.issueUserToken(TWITTER_DEV) ?? '';
    const { data } = await runTyped(gateway.url, ViewerDocument, {}, { authorization: `Bearer ${token}` });
    expect(data?.viewer).toEqual({ restId: TWITTER_DEV, name: 'Twitter Dev', username: 'TwitterDev' });
  });

  it("reports X's rate-limit budget of the endpoints called", async () => {
    const { data } = await runTyped(gateway.url, RateLimitDocument, {});
    const followers = data?.rateLimit.find((entry) => entry.endpoint === 'GET /2/users/:id/followers');
    expect(followers).toMatchObject({ limit: 15 });
    expect((followers?.remaining ?? 0) + (followers?.used ?? 0)).toBe(15);
    expect(Number.isNaN(Date.parse(followers?.resetAt ?? ''))).toBe(false);
  });
});
