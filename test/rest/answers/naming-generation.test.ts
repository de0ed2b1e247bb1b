import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../../src/emulator/start-emulator.ts';
import { userListPage } from '../../../src/rest/answers/lookup-results.ts';
import { problemKind } from '../../../src/rest/answers/map-errors.ts';
import { answerIn2166 } from '../../../src/rest/answers/naming-generation.ts';
import { parseBody, type ResponseShape } from '../../../src/rest/answers/parse-response.ts';
import { startFakeEmulator } from '../../fixtures/emulator-client.ts';
import { FAKE_INDEX, fakeTweetId, fakeUserId } from '../../fixtures/emulator-fake-store.ts';

const PAGE: ResponseShape = { resource: 'user', data: 'page' };
const USERS: ResponseShape = { resource: 'user', data: 'array' };
const E = 'GET /2/users/:id/followers';

describe('answerIn2166', () => {
  it('reads a 2.167 page in 2.166 names', () => {
    const body = {
      data: [
        {
          id: '1',
          name: 'n',
          username: 'u',
          pinned_post_id: '9',
          most_recent_post_id: '8',
          public_metrics: { followers_count: 1, following_count: 2, post_count: 3, listed_count: 4 },
        },
      ],
      includes: { posts: [{ id: '9', text: 't', edit_history_post_ids: ['9'], note_post: { text: 'x' } }] },
      errors: [
        {
          type: 'https://api.x.com/2/problems/resource-not-found',
          title: 'Not Found Error',
          parameter: 'pinned_post_id',
          resource_type: 'post',
          value: '7',
        },
      ],
      meta: { result_count: 1 },
    };
    expect(answerIn2166(body)).toEqual({
      data: [
        {
          id: '1',
          name: 'n',
          username: 'u',
          pinned_tweet_id: '9',
          most_recent_tweet_id: '8',
          public_metrics: { followers_count: 1, following_count: 2, tweet_count: 3, listed_count: 4 },
        },
      ],
      includes: {
        tweets: [{ id: '9', text: 't', edit_history_tweet_ids: ['9'], note_tweet: { text: 'x' } }],
      },
      errors: [
        {
          type: 'https://api.x.com/2/problems/resource-not-found',
          title: 'Not Found Error',
          parameter: 'pinned_tweet_id',
          resource_type: 'tweet',
          value: '7',
        },
      ],
      meta: { result_count: 1 },
    });
  });

  it('renames each 2.167 key of a user or tweet, even when it is the only one', () => {
    const renamed: Record<string, string> = {
      pinned_post_id: 'pinned_tweet_id',
      most_recent_post_id: 'most_recent_tweet_id',
      edit_history_post_ids: 'edit_history_tweet_ids',
      note_post: 'note_tweet',
      referenced_posts: 'referenced_tweets',
    };
    for (const [from, to] of Object.entries(renamed)) {
      // A page whose first item has only 2.166 names: each item is looked at on its own.
      const body = {
        data: [
          { id: '1', text: 't' },
          { id: '2', text: 't', [from]: null },
        ],
      };
      expect(answerIn2166(body)).toEqual({
        data: [
          { id: '1', text: 't' },
          { id: '2', text: 't', [to]: null },
        ],
      });
    }
  });

  it('leaves 2.166 answers untouched, and keeps a 2.166 member over its 2.167 twin', () => {
    const plain = {
      data: [
        {
          id: '1',
          name: 'posting',
          username: 'u',
          description: 'pinned_post_id "posts"',
          pinned_tweet_id: '9',
        },
      ],
    };
    const text = JSON.stringify(plain);
    expect(answerIn2166(plain)).toEqual(JSON.parse(text));
    const both = { data: { id: '1', pinned_tweet_id: '9', pinned_post_id: '8' } };
    expect(answerIn2166(both)).toEqual({ data: { id: '1', pinned_tweet_id: '9' } });
  });
});

describe('reading both generations', () => {
  let emulator: EmulatorHandle;
  beforeAll(async () => {
    emulator = await startFakeEmulator();
  });
  afterAll(() => emulator.close());

  /** The raw text of an emulator answer. */
  async function text(pathAndQuery: string): Promise<string> {
    const response = await fetch(`${emulator.url}${pathAndQuery}`, {
      headers: { authorization: `Bearer ${emulator.appTokens[0]}` },
    });
    return response.text();
  }

  it('parses X’s 2.167 answer to the same body as its 2.166 answer', async () => {
    const path = `/2/users/${fakeUserId(FAKE_INDEX.twitterDev)}/followers?max_results=20&user.fields=public_metrics`;
    const newer = await text(
      `${path}&post.fields=created_at,lang&expansions=pinned_post_id,most_recent_post_id`,
    );
    const older = await text(
      `${path}&tweet.fields=created_at,lang&expansions=pinned_tweet_id,most_recent_tweet_id`,
    );
    expect(newer).toContain('"pinned_post_id"');
    expect(newer).toContain('"post_count"');
    expect(newer).toContain('"posts"');
    expect(parseBody(newer, E, PAGE)).toEqual(parseBody(older, E, PAGE));
  });

  it('keeps a deleted pinned post of a 2.167 answer as a page error, not a refusal of the list', async () => {
    const deleted = fakeUserId(FAKE_INDEX.deletedPinned);
    const body = parseBody(await text(`/2/users?ids=${deleted}&expansions=pinned_post_id`), E, USERS);
    expect(body.errors?.[0]).toMatchObject({
      parameter: 'pinned_tweet_id',
      resource_type: 'tweet',
      type: 'https://api.x.com/2/problems/resource-not-found',
    });
    const page = userListPage({ body: { errors: body.errors ?? [] }, meta: {} } as never, E);
    expect(page.errors).toHaveLength(1);
    expect(Array.isArray(body.data) && body.data[0]?.pinned_tweet_id).toBe(
      fakeTweetId(FAKE_INDEX.deletedPinned),
    );
  });

  it('classifies problems under both problem hosts alike', async () => {
    const unknown = parseBody(await text('/2/users/9/followers?post.fields=lang'), E, PAGE);
    const known = parseBody(await text('/2/users/9/followers?tweet.fields=lang'), E, PAGE);
    expect(unknown.errors?.[0]?.type).toBe('https://api.x.com/2/problems/resource-not-found');
    expect(known.errors?.[0]?.type).toBe('https://api.twitter.com/2/problems/resource-not-found');
    expect(problemKind(unknown.errors?.[0] ?? { type: '', title: '' })).toBe('not-found');
    expect(problemKind(known.errors?.[0] ?? { type: '', title: '' })).toBe('not-found');
  });
});
