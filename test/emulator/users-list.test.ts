import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../src/emulator/start-emulator.ts';
import { startFakeEmulator, xGet } from '../fixtures/emulator-client.ts';
import { FAKE_INDEX, fakeTweetId, fakeUserId } from '../fixtures/emulator-fake-store.ts';

const TWITTER_DEV = fakeUserId(FAKE_INDEX.twitterDev);
const NOT_FOUND_TYPE = 'https://api.twitter.com/2/problems/resource-not-found';

let emulator: EmulatorHandle;
beforeAll(async () => {
  emulator = await startFakeEmulator();
});
afterAll(() => emulator.close());

describe('GET /2/users/:id/followers and /following', () => {
  it('answers a page of 100 users with only the default fields', async () => {
    const answer = await xGet(emulator, `/2/users/${TWITTER_DEV}/followers`);
    expect(answer.body.data).toHaveLength(100);
    expect(answer.body.data[0]).toEqual({
      id: fakeUserId(10),
      name: 'Fake User 10',
      username: 'fake_user_10',
    });
    expect(Object.keys(answer.body)).toEqual(['data', 'meta']);
    expect(answer.body.meta).toEqual({
      result_count: 100,
      next_token: expect.stringMatching(/^[0-9A-Z]{16,}$/),
    });
  });

  it('answers exactly {"meta":{"result_count":0}} for an empty list', async () => {
    const answer = await xGet(emulator, `/2/users/${fakeUserId(FAKE_INDEX.loner)}/followers`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ meta: { result_count: 0 } });
    const following = await xGet(
      emulator,
      `/2/users/${fakeUserId(FAKE_INDEX.loner)}/following?max_results=5`,
    );
    expect(following.body).toEqual({ meta: { result_count: 0 } });
  });

  it('adds exactly the asked user fields', async () => {
    const answer = await xGet(
      emulator,
      `/2/users/${TWITTER_DEV}/followers?max_results=2&user.fields=created_at,public_metrics`,
    );
    expect(Object.keys(answer.body.data[0]).sort()).toEqual([
      'created_at',
      'id',
      'name',
      'public_metrics',
      'username',
    ]);
    expect(answer.body.includes).toBeUndefined();
  });

  it('shows pinned_tweet_id only when asked, and expands it into includes.tweets once each', async () => {
    const path = `/2/users/${TWITTER_DEV}/followers?max_results=4`;
    const plain = await xGet(emulator, `${path}&tweet.fields=created_at`);
    expect(plain.body.data.some((u: object) => 'pinned_tweet_id' in u)).toBe(false);
    expect(plain.body.includes).toBeUndefined();
    const asked = await xGet(emulator, `${path}&user.fields=pinned_tweet_id`);
    expect(asked.body.data.map((u: { pinned_tweet_id?: string }) => u.pinned_tweet_id)).toEqual([
      fakeTweetId(10),
      undefined,
      fakeTweetId(12),
      undefined,
    ]);
    expect(asked.body.includes).toBeUndefined();
    const expanded = await xGet(
      emulator,
      `${path}&expansions=pinned_tweet_id,most_recent_tweet_id&tweet.fields=created_at,lang`,
    );
    expect(expanded.body.data[0]).toMatchObject({
      pinned_tweet_id: fakeTweetId(10),
      most_recent_tweet_id: fakeTweetId(10),
    });
    expect(expanded.body.includes.tweets).toEqual([
      expect.objectContaining({ id: fakeTweetId(10), edit_history_tweet_ids: [fakeTweetId(10)], lang: 'en' }),
      expect.objectContaining({ id: fakeTweetId(12), created_at: expect.any(String) }),
    ]);
    expect(Object.keys(expanded.body.includes.tweets[0]).sort()).toEqual([
      'created_at',
      'edit_history_tweet_ids',
      'id',
      'lang',
      'text',
    ]);
  });

  it('reports a deleted pinned tweet as a tweet resource-not-found error beside the data', async () => {
    const answer = await xGet(
      emulator,
      `/2/users?ids=${fakeUserId(FAKE_INDEX.deletedPinned)}&expansions=pinned_tweet_id`,
    );
    const tweetId = fakeTweetId(FAKE_INDEX.deletedPinned);
    expect(answer.body.data[0].pinned_tweet_id).toBe(tweetId);
    expect(answer.body.errors).toEqual([
      {
        value: tweetId,
        detail: `Could not find tweet with pinned_tweet_id: [${tweetId}].`,
        title: 'Not Found Error',
        resource_type: 'tweet',
        parameter: 'pinned_tweet_id',
        resource_id: tweetId,
        type: NOT_FOUND_TYPE,
      },
    ]);
  });

  it('answers 200 with only a resource-not-found error for an unknown user', async () => {
    const answer = await xGet(emulator, '/2/users/999/followers');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      errors: [
        {
          value: '999',
          detail: 'Could not find user with id: [999].',
          title: 'Not Found Error',
          resource_type: 'user',
          parameter: 'id',
          resource_id: '999',
          type: NOT_FOUND_TYPE,
        },
      ],
    });
  });

  it('answers 200 with only a "User has been suspended" error for a suspended user', async () => {
    const suspended = fakeUserId(FAKE_INDEX.suspended);
    const answer = await xGet(emulator, `/2/users/${suspended}/following`);
    expect(answer.body).toEqual({
      errors: [
        {
          value: suspended,
          detail: `User has been suspended: [${suspended}].`,
          title: 'Forbidden',
          resource_type: 'user',
          parameter: 'id',
          resource_id: suspended,
          type: NOT_FOUND_TYPE,
        },
      ],
    });
  });

  it('leaves suspended accounts out of lists', async () => {
    const celebrity = fakeUserId(FAKE_INDEX.celebrity);
    const answer = await xGet(emulator, `/2/users/${celebrity}/followers?max_results=20`);
    const ids = answer.body.data.map((u: { id: string }) => u.id);
    expect(ids).toContain(fakeUserId(FAKE_INDEX.withheld));
    expect(ids).not.toContain(fakeUserId(FAKE_INDEX.suspended));
  });

  it('answers the following list of a user in the store’s order', async () => {
    const answer = await xGet(emulator, `/2/users/${fakeUserId(12)}/following`);
    expect(answer.body).toEqual({
      data: [
        expect.objectContaining({ id: TWITTER_DEV, username: 'TwitterDev' }),
        expect.objectContaining({ id: fakeUserId(FAKE_INDEX.celebrity) }),
      ],
      meta: { result_count: 2 },
    });
  });
});
