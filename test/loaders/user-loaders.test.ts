import { describe, expect, it } from 'vitest';
import { createLoaders } from '../../src/loaders/create-loaders.ts';
import type { UserQuery } from '../../src/rest/x-api.ts';
import type { XTweet, XUser } from '../../src/rest/x-types.ts';
import { bigIds } from '../fixtures/schema-fake-list.ts';
import { FakeSession } from '../fixtures/schema-fake-session.ts';

const ids = bigIds(250);
const users: XUser[] = ids.map((id, index) => ({
  id,
  name: `User ${index}`,
  username: `user${index}`,
  ...(index < 3 ? { pinned_tweet_id: `${9000 + index}` } : {}),
}));
const tweets: XTweet[] = [
  { id: '9000', text: 'zero' },
  { id: '9001', text: 'one' },
];
const world = { users, tweets, deletedTweets: ['9002'] };
const plain: UserQuery = { userFields: [], tweetFields: [], expansions: [] };
const withPinned: UserQuery = {
  userFields: ['created_at'],
  tweetFields: ['lang'],
  expansions: ['pinned_tweet_id'],
};

describe('UserLoaders', () => {
  it('batches lookups into calls of at most 100 ids and answers in key order', async () => {
    const session = new FakeSession(world);
    const loaders = createLoaders(session);
    const loaded = await Promise.all(ids.map((id) => loaders.users.byId(id, plain)));
    expect(loaded.map((user) => user.id)).toEqual(ids);
    expect(session.calls.map((call) => call.keys.length)).toEqual([100, 100, 50]);
  });

  it('rejects a missing key with its NOT_FOUND while the others of the batch load', async () => {
    const session = new FakeSession(world);
    const loaders = createLoaders(session);
    const [first, missing] = await Promise.allSettled([
      loaders.users.byId(ids[0] as string, plain),
      loaders.users.byId('999', plain),
    ]);
    expect(first).toMatchObject({ status: 'fulfilled', value: { id: ids[0] } });
    expect(missing).toMatchObject({ status: 'rejected', reason: { code: 'NOT_FOUND' } });
    expect(session.calls).toHaveLength(1);
  });

  it('keeps separate loaders per field set and reuses users already known with enough fields', async () => {
    const session = new FakeSession(world);
    const loaders = createLoaders(session);
    await loaders.users.byId(ids[5] as string, withPinned);
    await loaders.users.byId(ids[5] as string, plain);
    await loaders.users.byId(ids[5] as string, { ...plain, userFields: ['created_at'] });
    expect(session.calls).toHaveLength(1);
    await loaders.users.byId(ids[5] as string, { ...plain, userFields: ['location'] });
    expect(session.calls.map((call) => call.query)).toEqual([
      withPinned,
      { ...plain, userFields: ['location'] },
    ]);
  });

  it('looks usernames up case-insensitively', async () => {
    const session = new FakeSession(world);
    const loaders = createLoaders(session);
    expect((await loaders.users.byUsername('USER7', plain)).id).toBe(ids[7]);
    expect(session.calls[0]?.keys).toEqual(['user7']);
  });
});

describe('TweetLoaders', () => {
  it('serves expanded pinned tweets without a call and a deleted one as NOT_FOUND without a call', async () => {
    const session = new FakeSession(world);
    const loaders = createLoaders(session);
    await Promise.all(ids.slice(0, 3).map((id) => loaders.users.byId(id, withPinned)));
    expect(session.calls).toHaveLength(1);
    expect((await loaders.tweets.byId('9000', { tweetFields: ['lang'] })).text).toBe('zero');
    await expect(loaders.tweets.byId('9002', { tweetFields: [] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(session.calls).toHaveLength(1);
  });

  it('fetches a primed tweet again only for fields it was not primed with, batched by ids', async () => {
    const session = new FakeSession(world);
    const loaders = createLoaders(session);
    await loaders.users.byId(ids[0] as string, withPinned);
    await Promise.all([
      loaders.tweets.byId('9000', { tweetFields: ['lang', 'source'] }),
      loaders.tweets.byId('9001', { tweetFields: ['lang', 'source'] }),
    ]);
    expect(session.calls.slice(1)).toEqual([
      { method: 'tweetsByIds', keys: ['9000', '9001'], query: { tweetFields: ['lang', 'source'] } },
    ]);
  });

  it('peeks at primed tweets without a promise, throws NOT_FOUND for a deleted one, and leaves the rest to load', async () => {
    const session = new FakeSession(world);
    const loaders = createLoaders(session);
    expect(loaders.tweets.peek('9000', { tweetFields: [] })).toBeUndefined();
    await loaders.users.byId(ids[0] as string, withPinned);
    expect(loaders.tweets.peek('9000', { tweetFields: ['lang'] })?.text).toBe('zero');
    expect(loaders.tweets.peek('9000', { tweetFields: ['lang', 'source'] })).toBeUndefined();
    await loaders.users.byId(ids[2] as string, withPinned);
    expect(() => loaders.tweets.peek('9002', { tweetFields: [] })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(session.calls).toHaveLength(2);
  });
});
