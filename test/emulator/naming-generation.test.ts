import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generationOf, inGeneration, listsIn2166 } from '../../src/emulator/http/naming-generation.ts';
import type { EmulatorHandle } from '../../src/emulator/start-emulator.ts';
import { startFakeEmulator, xGet } from '../fixtures/emulator-client.ts';
import { FAKE_INDEX, fakeReplyId, fakeTweetId, fakeUserId } from '../fixtures/emulator-fake-store.ts';

const TWITTER_DEV = fakeUserId(FAKE_INDEX.twitterDev);

describe('generationOf', () => {
  it('reads 2.167 from post.fields or a 2.167 expansion, and 2.166 otherwise', () => {
    expect(generationOf(new URLSearchParams(''))).toBe('2.166');
    expect(generationOf(new URLSearchParams('tweet.fields=lang&expansions=pinned_tweet_id'))).toBe('2.166');
    expect(generationOf(new URLSearchParams('post.fields=lang'))).toBe('2.167');
    expect(generationOf(new URLSearchParams('expansions=affiliation.user_id,pinned_post_id'))).toBe('2.167');
    expect(generationOf(new URLSearchParams('tweet.fields=lang&expansions=pinned_post_id'))).toBe('2.167');
  });
});

describe('listsIn2166', () => {
  it('serves post.fields as tweet.fields and 2.167 expansions as their 2.166 values', () => {
    expect(
      listsIn2166({
        'post.fields': ['note_post', 'lang'],
        'tweet.fields': ['lang'],
        expansions: ['pinned_post_id'],
      }),
    ).toEqual({
      'post.fields': ['note_post', 'lang'],
      'tweet.fields': ['lang', 'note_tweet'],
      expansions: ['pinned_tweet_id'],
    });
  });
});

describe('inGeneration', () => {
  it('leaves 2.166 answers as they are and renames 2.167 ones', () => {
    const body = {
      data: [{ id: '1', pinned_tweet_id: '9', public_metrics: { tweet_count: 3, followers_count: 2 } }],
      includes: { tweets: [{ id: '9', text: 't', edit_history_tweet_ids: ['9'] }] },
      errors: [
        {
          parameter: 'pinned_tweet_id',
          detail: 'Could not find tweet with pinned_tweet_id: [9].',
          type: 'https://api.twitter.com/2/problems/resource-not-found',
        },
      ],
      meta: { result_count: 1 },
    };
    expect(inGeneration(body, '2.166')).toBe(body);
    expect(inGeneration(body, '2.167')).toEqual({
      data: [{ id: '1', pinned_post_id: '9', public_metrics: { post_count: 3, followers_count: 2 } }],
      includes: { posts: [{ id: '9', text: 't', edit_history_post_ids: ['9'] }] },
      errors: [
        {
          parameter: 'pinned_post_id',
          detail: 'Could not find tweet with pinned_post_id: [9].',
          type: 'https://api.x.com/2/problems/resource-not-found',
        },
      ],
      meta: { result_count: 1 },
    });
  });
});

describe('naming generations over HTTP', () => {
  let emulator: EmulatorHandle;
  beforeAll(async () => {
    emulator = await startFakeEmulator();
  });
  afterAll(() => emulator.close());

  it('answers the official SDK’s request (post.fields, expansions=pinned_post_id) in 2.167 names', async () => {
    // @xdevplatform/xdk 0.6.6 encodes the lists with URLSearchParams (commas as %2C).
    const query = new URLSearchParams({
      max_results: '4',
      'user.fields': 'created_at,public_metrics',
      expansions: 'pinned_post_id',
      'post.fields': 'created_at,lang',
    });
    const answer = await xGet(emulator, `/2/users/${TWITTER_DEV}/followers?${query}`, { unchecked: true });
    expect(answer.status).toBe(200);
    expect(answer.body.data[0]).toMatchObject({
      id: fakeUserId(10),
      pinned_post_id: fakeTweetId(10),
      public_metrics: { post_count: expect.any(Number) },
    });
    expect(JSON.stringify(answer.body)).not.toMatch(/tweet_|"tweets"|twitter\.com/);
    expect(answer.body.includes.posts[0]).toMatchObject({
      id: fakeTweetId(10),
      edit_history_post_ids: [fakeTweetId(10)],
      lang: 'en',
      created_at: expect.any(String),
    });
    expect(answer.body.meta.next_token).toBeDefined();
  });

  it('answers the same request in 2.166 names the documentation uses', async () => {
    const answer = await xGet(
      emulator,
      `/2/users/${TWITTER_DEV}/followers?max_results=4&user.fields=created_at,public_metrics&expansions=pinned_tweet_id&tweet.fields=created_at,lang`,
    );
    expect(answer.body.data[0]).toMatchObject({
      pinned_tweet_id: fakeTweetId(10),
      public_metrics: { tweet_count: expect.any(Number) },
    });
    expect(answer.body.includes.tweets[0]).toMatchObject({
      edit_history_tweet_ids: [fakeTweetId(10)],
      lang: 'en',
    });
    expect(JSON.stringify(answer.body)).not.toMatch(/post_/);
  });

  it('reports a deleted pinned post under 2.167 names and the api.x.com problem host', async () => {
    const answer = await xGet(
      emulator,
      `/2/users?ids=${fakeUserId(FAKE_INDEX.deletedPinned)}&expansions=pinned_post_id`,
      { unchecked: true },
    );
    const tweetId = fakeTweetId(FAKE_INDEX.deletedPinned);
    expect(answer.body.data[0].pinned_post_id).toBe(tweetId);
    expect(answer.body.errors).toEqual([
      {
        value: tweetId,
        detail: `Could not find tweet with pinned_post_id: [${tweetId}].`,
        title: 'Not Found Error',
        resource_type: 'tweet',
        parameter: 'pinned_post_id',
        resource_id: tweetId,
        type: 'https://api.x.com/2/problems/resource-not-found',
      },
    ]);
  });

  it('answers a bad 2.167 request with a 400 under the api.x.com host naming the bad value', async () => {
    const answer = await xGet(
      emulator,
      `/2/users/${TWITTER_DEV}/followers?post.fields=author_id&expansions=pinned_post_id`,
      { unchecked: true },
    );
    expect(answer.status).toBe(400);
    expect(answer.body.type).toBe('https://api.x.com/2/problems/invalid-request');
    expect(answer.body.errors).toEqual([
      {
        parameters: { 'post.fields': ['author_id'] },
        message: expect.stringMatching(
          /^The `post.fields` query parameter value \[author_id\] is not one of \[article,/,
        ),
      },
    ]);
  });

  it('accepts a request mixing both generations and answers it in 2.167', async () => {
    const answer = await xGet(
      emulator,
      `/2/users/${TWITTER_DEV}/following?tweet.fields=lang&expansions=pinned_post_id,most_recent_tweet_id`,
      { unchecked: true },
    );
    expect(answer.status).toBe(200);
    const owner = await xGet(
      emulator,
      `/2/users/${TWITTER_DEV}?tweet.fields=lang&post.fields=created_at&expansions=pinned_tweet_id&user.fields=public_metrics`,
      { unchecked: true },
    );
    expect(owner.body.data).toMatchObject({
      pinned_post_id: fakeTweetId(FAKE_INDEX.twitterDev),
      public_metrics: { post_count: expect.any(Number) },
    });
    expect(owner.body.data).not.toHaveProperty('pinned_tweet_id');
    expect(owner.body.includes.posts[0]).toMatchObject({ lang: 'en', created_at: expect.any(String) });
  });

  it('serves the tweet lookups in 2.167 names: the referenced_posts expansion, edit_history_post_ids, includes.posts', async () => {
    const answer = await xGet(
      emulator,
      `/2/tweets?ids=${fakeReplyId(10)}&post.fields=entities&expansions=referenced_posts,author_id`,
      { unchecked: true },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.data[0]).toMatchObject({
      id: fakeReplyId(10),
      edit_history_post_ids: [fakeReplyId(10)],
      entities: { mentions: [expect.objectContaining({ username: 'TwitterDev' })] },
    });
    expect(answer.body.includes.posts.map((t: { id: string }) => t.id)).toEqual([
      fakeTweetId(FAKE_INDEX.twitterDev),
    ]);
    expect(answer.body.includes.users.map((u: { id: string }) => u.id)).toEqual([fakeUserId(10)]);
  });
});
