import { beforeAll, describe, expect, it } from 'vitest';
import { createStore, type SeededEmulatorStore } from '../../../src/emulator/data/create-store.ts';
import { FollowGraph } from '../../../src/emulator/data/graph.ts';
import type { UserIdList } from '../../../src/emulator/store.ts';

/** Every id of a list, in order. */
function idsOf(list: UserIdList): string[] {
  return Array.from({ length: list.length }, (_, i) => list.idAt(i));
}

describe('FollowGraph', () => {
  let store: SeededEmulatorStore;
  const followerSets = new Map<string, Set<string>>();
  /** The followers of `id` as a set (memoised: celebrities have tens of thousands). */
  const followerSet = (id: string): Set<string> => {
    let set = followerSets.get(id);
    if (!set) {
      set = new Set(idsOf(store.followers(id)));
      followerSets.set(id, set);
    }
    return set;
  };
  beforeAll(() => {
    store = createStore();
  });

  it('has a heavy-tailed follower distribution: celebrities, a long tail of small accounts, and zeros', () => {
    let celebrities = 0;
    let fewerThanTen = 0;
    let none = 0;
    let hundredsOrMore = 0;
    for (let index = 0; index < store.userCount; index++) {
      const count = store.followers(store.userIdAt(index)).length;
      if (count >= 50_000) celebrities++;
      if (count < 10) fewerThanTen++;
      if (count === 0) none++;
      if (count >= 100) hundredsOrMore++;
    }
    expect(celebrities).toBeGreaterThanOrEqual(3);
    expect(fewerThanTen).toBeGreaterThan(store.userCount / 2);
    expect(none).toBeGreaterThan(store.userCount / 20);
    expect(hundredsOrMore).toBeGreaterThan(100);
  });

  it('reports followers_count and following_count equal to the lists’ lengths', () => {
    for (let index = 0; index < store.userCount; index += 37) {
      const user = store.userAt(index);
      const metrics = user.fields.public_metrics as { followers_count: number; following_count: number };
      expect(metrics.followers_count).toBe(store.followers(user.id).length);
      expect(metrics.following_count).toBe(store.following(user.id).length);
    }
    for (const id of store.notable.celebrities) {
      const metrics = store.userById(id)?.fields.public_metrics as { followers_count: number };
      expect(metrics.followers_count).toBe(store.followers(id).length);
    }
  });

  it('agrees with itself: follows(), followers lists and following lists describe the same edges', () => {
    for (let index = 10; index < store.userCount; index += 997) {
      const user = store.userAt(index);
      const following = idsOf(store.following(user.id));
      expect(new Set(following).size).toBe(following.length);
      for (const target of following) {
        expect(store.follows(user.id, target)).toBe(true);
        expect(followerSet(target).has(user.id)).toBe(true);
      }
      for (const follower of idsOf(store.followers(user.id)).slice(0, 50)) {
        expect(store.follows(follower, user.id)).toBe(true);
      }
    }
  });

  it('answers false for pairs that do not follow each other', () => {
    const loner = store.notable.loner;
    expect(store.follows(loner, store.notable.twitterDev)).toBe(false);
    expect(store.follows(store.notable.twitterDev, loner)).toBe(false);
    let checked = 0;
    for (let index = 10; index < 3000; index++) {
      const user = store.userAt(index);
      const other = store.userAt(index + 1);
      const listed = idsOf(store.following(user.id)).includes(other.id);
      expect(store.follows(user.id, other.id)).toBe(listed);
      checked++;
    }
    expect(checked).toBe(2990);
  });

  it('leaves suspended accounts out of every list', () => {
    const suspended: string[] = [];
    for (let index = 0; index < store.userCount; index += 7) {
      const user = store.userAt(index);
      if (user.suspended) suspended.push(user.id);
    }
    suspended.push(store.notable.suspended);
    expect(suspended.length).toBeGreaterThan(10);
    for (const id of suspended) {
      expect(store.followers(id).length).toBe(0);
      expect(store.following(id).length).toBe(0);
      for (const celebrity of store.notable.celebrities) {
        expect(followerSet(celebrity).has(id)).toBe(false);
        expect(store.follows(id, celebrity)).toBe(false);
      }
    }
    for (let index = 10; index < store.userCount; index += 1009) {
      const user = store.userAt(index);
      for (const other of [...idsOf(store.following(user.id)), ...idsOf(store.followers(user.id))]) {
        expect(store.userById(other)?.suspended).toBe(false);
      }
    }
  });

  it('orders a user’s followers newest first, consistently with each follower’s own following order', () => {
    const graph = FollowGraph.build({
      seed: 5,
      userCount: 50,
      isIsolated: (index) => index === 49,
      popular: [{ index: 0, share: 0.9 }],
      lastTarget: 0,
      lastFollowers: [3, 2, 1],
    });
    expect(Array.from(graph.followers(0).subarray(0, 3))).toEqual([1, 2, 3]);
    expect(graph.followerCount(49)).toBe(0);
    expect(graph.followingCount(49)).toBe(0);
    expect(graph.follows(1, 0)).toBe(true);
    let edges = 0;
    for (let user = 0; user < 50; user++) {
      edges += graph.followingCount(user);
      for (const target of graph.following(user)) expect(graph.follows(user, target)).toBe(true);
    }
    expect(edges).toBe(graph.edgeCount);
  });
});
