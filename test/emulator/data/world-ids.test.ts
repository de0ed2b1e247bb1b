import { describe, expect, it } from 'vitest';
import { NINETEEN_DIGIT_FROM_MS, snowflakeTimeMs } from '../../../src/emulator/data/ids.ts';
import { WORLD_NOW_MS, WorldIds } from '../../../src/emulator/data/world-ids.ts';

describe('WorldIds', () => {
  const ids = new WorldIds(42, 100_000);

  it('maps user ids and dense indices both ways', () => {
    for (const index of [0, 1, 9, 10, 11, 4096, 65_535, 99_999]) {
      const id = ids.userId(index);
      expect(ids.indexOfUserId(id)).toBe(index);
    }
    expect(ids.userId(1)).toBe('2244994945');
  });

  it('refuses ids of other worlds, of other sizes and near misses', () => {
    const id = ids.userId(500);
    expect(new WorldIds(43, 100_000).indexOfUserId(id)).toBeUndefined();
    expect(new WorldIds(42, 400).indexOfUserId(id)).toBeUndefined();
    const bumped = (BigInt(id) + (1n << 22n)).toString();
    expect(ids.indexOfUserId(bumped)).toBeUndefined();
    expect(ids.indexOfUserId('999')).toBeUndefined();
    expect(ids.indexOfUserId('not an id')).toBeUndefined();
  });

  it('creates generated users between mid-2018 and the world’s now, with ids that tell the time', () => {
    for (let index = 10; index < 100_000; index += 997) {
      const created = ids.userCreatedAtMs(index);
      expect(created).toBeGreaterThanOrEqual(NINETEEN_DIGIT_FROM_MS);
      expect(created).toBeLessThan(WORLD_NOW_MS);
      expect(snowflakeTimeMs(ids.userId(index))).toBe(created);
    }
  });

  it('names each user’s pinned and most recent tweets, after the account and in that order', () => {
    for (let index = 10; index < 100_000; index += 1999) {
      const pinned = ids.pinnedTweetId(index);
      const recent = ids.recentTweetId(index);
      expect(pinned).not.toBe(recent);
      expect(ids.tweetRef(pinned)).toEqual({ index, kind: 'pinned' });
      expect(ids.tweetRef(recent)).toEqual({ index, kind: 'recent' });
      expect(ids.pinnedCreatedAtMs(index)).toBeGreaterThan(ids.userCreatedAtMs(index));
      expect(ids.recentCreatedAtMs(index)).toBeGreaterThan(ids.pinnedCreatedAtMs(index));
      expect(ids.recentCreatedAtMs(index)).toBeLessThan(WORLD_NOW_MS);
    }
  });

  it('keeps the documentation page’s pinned tweet ids for its accounts', () => {
    expect(ids.pinnedTweetId(1)).toBe('1293593516040269825');
    expect(ids.tweetRef('1293593516040269825')).toEqual({ index: 1, kind: 'pinned' });
    expect(ids.tweetRef(ids.userId(500))).toBeUndefined();
  });
});
