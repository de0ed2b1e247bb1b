import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../src/emulator/start-emulator.ts';
import { startFakeEmulator, xGet } from '../fixtures/emulator-client.ts';
import { FAKE_INDEX, fakeReplyId, fakeTweetId, fakeUserId } from '../fixtures/emulator-fake-store.ts';

const TWITTER_DEV = fakeUserId(FAKE_INDEX.twitterDev);

let emulator: EmulatorHandle;
beforeAll(async () => {
  emulator = await startFakeEmulator();
});
afterAll(() => emulator.close());

describe('tweet lookups', () => {
  it('answers GET /2/tweets/:id with id, text and edit_history_tweet_ids by default', async () => {
    const id = fakeTweetId(10);
    const answer = await xGet(emulator, `/2/tweets/${id}`);
    expect(answer.body).toEqual({
      data: { id, text: 'Pinned tweet of fake user 10', edit_history_tweet_ids: [id] },
    });
  });

  it('adds the asked tweet fields, author_id included', async () => {
    const answer = await xGet(
      emulator,
      `/2/tweets/${fakeTweetId(10)}?tweet.fields=author_id,created_at,public_metrics`,
    );
    expect(answer.body.data).toMatchObject({
      author_id: fakeUserId(10),
      created_at: expect.any(String),
      public_metrics: { like_count: 3 },
    });
  });

  it('expands authors, mentions and replied-to users into includes.users once each', async () => {
    const ids = [fakeReplyId(10), fakeReplyId(12), fakeTweetId(10)].join(',');
    const answer = await xGet(
      emulator,
      `/2/tweets?ids=${ids}&expansions=author_id,in_reply_to_user_id,entities.mentions.username&user.fields=created_at`,
    );
    expect(answer.body.data.map((t: { id: string }) => t.id)).toEqual(ids.split(','));
    expect(answer.body.includes.users.map((u: { id: string }) => u.id)).toEqual([
      fakeUserId(10),
      TWITTER_DEV,
      fakeUserId(12),
    ]);
    expect(answer.body.includes.users[1]).toMatchObject({
      username: 'TwitterDev',
      created_at: expect.any(String),
    });
  });

  it('expands referenced tweets and their authors', async () => {
    const answer = await xGet(
      emulator,
      `/2/tweets/${fakeReplyId(10)}?expansions=referenced_tweets.id,referenced_tweets.id.author_id&tweet.fields=lang`,
    );
    expect(answer.body.includes.tweets).toEqual([
      expect.objectContaining({ id: fakeTweetId(FAKE_INDEX.twitterDev), lang: 'en' }),
    ]);
    expect(answer.body.includes.users.map((u: { id: string }) => u.id)).toEqual([TWITTER_DEV]);
  });

  it('reports unknown tweets as resource-not-found errors, beside the tweets found', async () => {
    const answer = await xGet(emulator, `/2/tweets?ids=${fakeTweetId(10)},123`);
    expect(answer.body.data).toHaveLength(1);
    expect(answer.body.errors).toEqual([
      {
        value: '123',
        detail: 'Could not find tweet with ids: [123].',
        title: 'Not Found Error',
        resource_type: 'tweet',
        parameter: 'ids',
        resource_id: '123',
        type: 'https://api.twitter.com/2/problems/resource-not-found',
      },
    ]);
    const single = await xGet(emulator, '/2/tweets/123');
    expect(single.body).toEqual({
      errors: [expect.objectContaining({ detail: 'Could not find tweet with id: [123].' })],
    });
  });

  it('accepts media, poll and place fields the spec lists', async () => {
    const answer = await xGet(
      emulator,
      `/2/tweets/${fakeTweetId(10)}?media.fields=url,alt_text&poll.fields=options&place.fields=country&expansions=attachments.media_keys,geo.place_id`,
    );
    expect(answer.status).toBe(200);
  });

  it('shows private metrics only to the author in user context, reporting a field error to others', async () => {
    const id = fakeTweetId(10);
    const path = `/2/tweets/${id}?tweet.fields=non_public_metrics,lang`;
    const app = await xGet(emulator, path);
    expect(app.body.data).toEqual({ id, text: expect.any(String), edit_history_tweet_ids: [id], lang: 'en' });
    expect(app.body.errors).toEqual([
      {
        value: id,
        detail: "Sorry, you are not authorized to access 'non_public_metrics' on a Tweet.",
        title: 'Field Authorization Error',
        resource_type: 'tweet',
        field: 'non_public_metrics',
        parameter: 'tweet.fields',
        resource_id: id,
        section: 'data',
        type: 'https://api.twitter.com/2/problems/not-authorized-for-field',
      },
    ]);
    const author = await xGet(emulator, path, { token: emulator.issueUserToken(fakeUserId(10)) });
    expect(author.body.errors).toBeUndefined();
    const other = await xGet(emulator, path, { token: emulator.issueUserToken(fakeUserId(12)) });
    expect(other.body.errors).toHaveLength(1);
  });
});
