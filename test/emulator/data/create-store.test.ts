import { beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../../src/emulator/data/create-store.ts';
import type { EmulatorStore } from '../../../src/emulator/store.ts';

/** Everything observable about a handful of users, their lists and tweets, as one comparable value. */
function snapshot(store: EmulatorStore, indices: number[]): unknown {
  return indices.map((index) => {
    const user = store.userAt(index);
    const followers = store.followers(user.id);
    const following = store.following(user.id);
    return {
      user,
      followers: Array.from({ length: Math.min(20, followers.length) }, (_, i) => followers.idAt(i)),
      following: Array.from({ length: Math.min(20, following.length) }, (_, i) => following.idAt(i)),
      pinned: user.pinnedTweetId === undefined ? null : (store.tweetById(user.pinnedTweetId) ?? 'deleted'),
    };
  });
}

describe('createStore', () => {
  let store: EmulatorStore;
  beforeAll(() => {
    store = createStore();
  });

  it('defaults to seed 42 and 100,000 users', () => {
    expect(store.seed).toBe(42);
    expect(store.userCount).toBe(100_000);
  });

  it('builds the same world for the same seed', () => {
    const indices = [0, 1, 10, 77, 4321, 4999];
    const first = createStore({ seed: 7, userCount: 5000 });
    const second = createStore({ seed: 7, userCount: 5000 });
    expect(snapshot(second, indices)).toEqual(snapshot(first, indices));
    expect(second.notable).toEqual(first.notable);
  });

  it('builds a different world for a different seed', () => {
    const indices = [10, 77, 4321];
    const first = createStore({ seed: 7, userCount: 5000 });
    const other = createStore({ seed: 8, userCount: 5000 });
    expect(snapshot(other, indices)).not.toEqual(snapshot(first, indices));
    expect(other.userAt(10).id).not.toBe(first.userAt(10).id);
  });

  it('rejects bad options with an error naming the option', () => {
    expect(() => createStore({ userCount: 10 })).toThrow(/userCount/);
    expect(() => createStore({ userCount: 1.5 })).toThrow(/userCount/);
    expect(() => createStore({ userCount: 2 ** 23 })).toThrow(/userCount/);
    expect(() => createStore({ seed: Number.NaN })).toThrow(/seed/);
  });

  it('finds every user by id and by username in any case', () => {
    for (const index of [0, 1, 9, 10, 500, 99_999]) {
      const user = store.userAt(index);
      expect(store.userById(user.id)).toEqual(user);
      expect(store.userByUsername(user.username)).toEqual(user);
      expect(store.userByUsername(user.username.toUpperCase())?.id).toBe(user.id);
      expect(store.userByUsername(user.username.toLowerCase())?.id).toBe(user.id);
    }
  });

  it('answers undefined or empty lists for unknown and malformed ids', () => {
    for (const id of ['999', '', 'abc', '12345678901234567890', '-1', '1e5', '9223372036854775808']) {
      expect(store.userById(id)).toBeUndefined();
      expect(store.followers(id).length).toBe(0);
      expect(store.following(id).length).toBe(0);
      expect(store.follows(id, '2244994945')).toBe(false);
      expect(store.tweetById(id)).toBeUndefined();
    }
    expect(store.userByUsername('no_such_user_x')).toBeUndefined();
    expect(store.userByUsername('')).toBeUndefined();
  });

  it('rebuilds evicted users identically', () => {
    const first = structuredClone(store.userAt(4242));
    for (let index = 10_000; index < 17_000; index++) store.userAt(index);
    expect(store.userAt(4242)).toEqual(first);
  });

  it('rejects userAt indices outside the world', () => {
    expect(() => store.userAt(-1)).toThrow(RangeError);
    expect(() => store.userAt(100_000)).toThrow(RangeError);
    expect(() => store.userAt(0.5)).toThrow(RangeError);
  });

  it('names notable accounts that have the properties they are named for', () => {
    const { notable } = store;
    expect(notable.twitterDev).toBe('2244994945');
    expect(notable.celebrities.length).toBeGreaterThanOrEqual(3);
    expect(notable.celebrities).toContain(notable.twitterDev);
    for (const id of notable.celebrities) expect(store.followers(id).length).toBeGreaterThanOrEqual(50_000);

    const loner = store.userById(notable.loner);
    expect(store.followers(notable.loner).length).toBe(0);
    expect(store.following(notable.loner).length).toBe(0);
    expect(loner?.suspended).toBe(false);

    const guarded = store.userById(notable.protectedAccount);
    expect(guarded?.protected).toBe(true);
    expect(guarded?.fields.protected).toBe(true);
    expect(store.followers(notable.protectedAccount).length).toBeGreaterThan(0);
    expect(store.follows(notable.protectedFollower, notable.protectedAccount)).toBe(true);

    expect(store.userById(notable.suspended)?.suspended).toBe(true);
    expect(store.userById(notable.withheld)?.fields.withheld).toMatchObject({ scope: 'user' });

    const deleted = store.userById(notable.deletedPinned);
    expect(deleted?.pinnedTweetId).toMatch(/^[0-9]{19}$/);
    expect(store.tweetById(deleted?.pinnedTweetId ?? '')).toBeUndefined();
  });

  it('keeps the notable roles valid in small worlds of many seeds', () => {
    for (const seed of [0, 1, 2, 3, 99, 2 ** 31, -5, 123_456_789]) {
      const small = createStore({ seed, userCount: 1000 });
      const { notable } = small;
      expect(small.followers(notable.protectedAccount).length).toBeGreaterThan(0);
      expect(small.userById(notable.protectedAccount)?.protected).toBe(true);
      expect(small.follows(notable.protectedFollower, notable.protectedAccount)).toBe(true);
      expect(small.userById(notable.suspended)?.suspended).toBe(true);
      expect(small.userById(notable.withheld)?.fields.withheld).toBeDefined();
      expect(small.tweetById(small.userById(notable.deletedPinned)?.pinnedTweetId ?? '')).toBeUndefined();
      expect(small.followers(notable.loner).length + small.following(notable.loner).length).toBe(0);
      expect(small.followers(notable.twitterDev).length).toBeGreaterThan(10);
      expect(small.followers(notable.twitterDev).idAt(0)).toBe('6253282');
    }
  });
});
