/**
 * The follow graph, stored compactly: CSR (offsets + Uint32Array of dense user indices) in both directions,
 * each segment ordered most recent follow first, plus a sorted copy of every following segment for O(log n)
 * `follows`. About 12 bytes per edge; nothing per user beyond the offsets.
 *
 * Time order: users act in one seeded global order, each following its targets in a seeded order; a user's
 * followers list is therefore consistent with every follower's own following list.
 */
import { hash32, hashUnit, Rng } from './random.ts';
import { type PopularAccount, Salt } from './world-layout.ts';

/** What the graph needs to know about the world. */
export interface GraphPlan {
  readonly seed: number;
  readonly userCount: number;
  /** Users that follow nobody and whom nobody follows. */
  isIsolated(index: number): boolean;
  /** Accounts each user follows with a fixed probability (the celebrities). */
  readonly popular: readonly PopularAccount[];
  /** The target every `lastFollowers` user follows (self-follows allowed here, as the page shows). */
  readonly lastTarget: number;
  /** Users who act after everyone else, oldest first: the last of them is `lastTarget`'s newest follower. */
  readonly lastFollowers: readonly number[];
}

/** The follow graph of one world. */
export class FollowGraph {
  private constructor(
    private readonly followingOffsets: Uint32Array,
    private readonly followingByTime: Uint32Array,
    private readonly followingSorted: Uint32Array,
    private readonly followerOffsets: Uint32Array,
    private readonly followersByTime: Uint32Array,
  ) {}

  /** The number of follow edges. */
  get edgeCount(): number {
    return this.followingByTime.length;
  }

  /** Indices of the users following `index`, most recent first (a view: do not modify). */
  followers(index: number): Uint32Array {
    return this.followersByTime.subarray(this.followerOffsets[index], this.followerOffsets[index + 1]);
  }

  /** Indices of the users `index` follows, most recent first (a view: do not modify). */
  following(index: number): Uint32Array {
    return this.followingByTime.subarray(this.followingOffsets[index], this.followingOffsets[index + 1]);
  }

  /** How many users follow `index`. */
  followerCount(index: number): number {
    return (this.followerOffsets[index + 1] ?? 0) - (this.followerOffsets[index] ?? 0);
  }

  /** How many users `index` follows. */
  followingCount(index: number): number {
    return (this.followingOffsets[index + 1] ?? 0) - (this.followingOffsets[index] ?? 0);
  }

  /** Does `follower` follow `target`? Binary search in the follower's sorted following segment. */
  follows(follower: number, target: number): boolean {
    let low = this.followingOffsets[follower] ?? 0;
    let high = (this.followingOffsets[follower + 1] ?? 0) - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const value = this.followingSorted[middle] ?? 0;
      if (value === target) return true;
      if (value < target) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }

  /** Builds the graph of a plan; deterministic for the plan's seed. */
  static build(plan: GraphPlan): FollowGraph {
    const { userCount: n, seed } = plan;
    const isolated = new Uint8Array(n);
    for (let i = 0; i < n; i++) isolated[i] = plan.isIsolated(i) ? 1 : 0;
    const targets = new WeightedPicker(attractiveness(plan, isolated));
    const degrees = outDegrees(plan, isolated);
    let capacity = plan.popular.length * n + plan.lastFollowers.length;
    for (const degree of degrees) capacity += degree;

    const offsets = new Uint32Array(n + 1);
    const sorted = new Uint32Array(capacity);
    const byTime = new Uint32Array(capacity);
    const lastSet = new Set(plan.lastFollowers);
    // seen[t] === i: user i already follows t (a repeat draw is dropped).
    const seen = new Int32Array(n).fill(-1);
    const rng = new Rng(0);
    let cursor = 0;
    for (let i = 0; i < n; i++) {
      offsets[i] = cursor;
      if (isolated[i]) continue;
      rng.reseed(hash32(seed, i, Salt.graphOrder));
      // A user follows in the order of the draws (popular accounts first, as new users do), oldest first.
      let end = cursor;
      for (const account of plan.popular) {
        const target = account.index;
        if (target !== i && isolated[target] === 0 && rng.next() < account.share && seen[target] !== i) {
          seen[target] = i;
          byTime[end++] = target;
        }
      }
      if (lastSet.has(i) && seen[plan.lastTarget] !== i) {
        seen[plan.lastTarget] = i;
        byTime[end++] = plan.lastTarget;
      }
      for (let k = degrees[i] ?? 0; k > 0; k--) {
        const target = targets.pick(rng.next());
        if (target !== i && seen[target] !== i) {
          seen[target] = i;
          byTime[end++] = target;
        }
      }
      // Lists are newest first: reverse the segment; the sorted copy serves `follows`.
      byTime.subarray(cursor, end).reverse();
      sorted.set(byTime.subarray(cursor, end), cursor);
      sortRange(sorted, cursor, end);
      cursor = end;
    }
    offsets[n] = cursor;
    const followingSorted = sorted.slice(0, cursor);
    const followingByTime = byTime.slice(0, cursor);
    const [followerOffsets, followersByTime] = invert(plan, offsets, followingByTime);
    return new FollowGraph(offsets, followingByTime, followingSorted, followerOffsets, followersByTime);
  }
}

/** Cumulative Pareto weights: how likely each user is to be picked as a follow target. */
function attractiveness(plan: GraphPlan, isolated: Uint8Array): Float64Array {
  const popular = new Set(plan.popular.map((account) => account.index));
  const cumulative = new Float64Array(plan.userCount);
  let total = 0;
  for (let i = 0; i < plan.userCount; i++) {
    const eligible = isolated[i] === 0 && !popular.has(i) && hashUnit(plan.seed, i, Salt.graphWeight) >= 0.25;
    if (eligible) {
      const u = hashUnit(plan.seed, i, Salt.graphWeight + 100);
      total += Math.min(4000, (1 - u) ** (-1 / 1.15));
    }
    cumulative[i] = total;
  }
  return cumulative;
}

/** How many regular (non-celebrity) accounts each user follows: log-normal, some zero. */
function outDegrees(plan: GraphPlan, isolated: Uint8Array): Uint32Array {
  const cap = Math.min(4000, Math.floor(plan.userCount / 5));
  const degrees = new Uint32Array(plan.userCount);
  for (let i = 0; i < plan.userCount; i++) {
    if (isolated[i]) continue;
    const rng = Rng.for(plan.seed, i, Salt.graphDegree);
    degrees[i] = rng.chance(0.08) ? 0 : Math.min(cap, Math.floor(rng.logNormal(1.9, 1.1)));
  }
  return degrees;
}

/** Picks indices in proportion to their weights: binary search narrowed by a guide table, O(1) on average. */
class WeightedPicker {
  private readonly guide: Uint32Array;
  private readonly total: number;

  constructor(private readonly cumulative: Float64Array) {
    const n = cumulative.length;
    this.total = cumulative[n - 1] ?? 0;
    this.guide = new Uint32Array(n + 1);
    let index = 0;
    for (let bucket = 0; bucket <= n; bucket++) {
      const floor = (bucket / n) * this.total;
      while (index < n - 1 && (cumulative[index] ?? 0) <= floor) index++;
      this.guide[bucket] = index;
    }
  }

  /** The index whose cumulative weight interval holds `u * total`. */
  pick(u: number): number {
    const goal = u * this.total;
    const bucket = Math.floor(u * (this.guide.length - 1));
    let low = this.guide[bucket] ?? 0;
    let high = this.guide[bucket + 1] ?? this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.cumulative[middle] ?? 0) > goal) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}

/** Sorts `values[start..end)` ascending in place: insertion sort for short ranges, native sort otherwise. */
function sortRange(values: Uint32Array, start: number, end: number): void {
  if (end - start > 24) {
    values.subarray(start, end).sort();
    return;
  }
  for (let i = start + 1; i < end; i++) {
    const value = values[i] ?? 0;
    let j = i - 1;
    while (j >= start && (values[j] ?? 0) > value) {
      values[j + 1] = values[j] ?? 0;
      j--;
    }
    values[j + 1] = value;
  }
}

/** Fisher-Yates shuffle of `values[start..end)` in place. */
function shuffleRange(values: Uint32Array, start: number, end: number, rng: Rng): void {
  for (let i = end - 1; i > start; i--) {
    const j = start + rng.int(i - start + 1);
    const swap = values[i] ?? 0;
    values[i] = values[j] ?? 0;
    values[j] = swap;
  }
}

/** Builds the followers CSR by replaying every follow in global time order, newest landing first. */
function invert(plan: GraphPlan, offsets: Uint32Array, byTime: Uint32Array): [Uint32Array, Uint32Array] {
  const n = plan.userCount;
  const followerOffsets = new Uint32Array(n + 1);
  for (const target of byTime) followerOffsets[target + 1] = (followerOffsets[target + 1] ?? 0) + 1;
  for (let i = 0; i < n; i++)
    followerOffsets[i + 1] = (followerOffsets[i + 1] ?? 0) + (followerOffsets[i] ?? 0);
  const fill = followerOffsets.slice(1);
  const followers = new Uint32Array(byTime.length);
  for (const user of actingOrder(plan)) {
    // Within a user's segment index 0 is its newest follow: replay from the segment's end.
    for (let k = (offsets[user + 1] ?? 0) - 1; k >= (offsets[user] ?? 0); k--) {
      const target = byTime[k] ?? 0;
      const slot = (fill[target] ?? 0) - 1;
      fill[target] = slot;
      followers[slot] = user;
    }
  }
  return [followerOffsets, followers];
}

/** Every user once, in the seeded order in which they act; `lastFollowers` act last, in their order. */
function actingOrder(plan: GraphPlan): Uint32Array {
  const last = new Set(plan.lastFollowers);
  const order = new Uint32Array(plan.userCount);
  let count = 0;
  for (let i = 0; i < plan.userCount; i++) if (!last.has(i)) order[count++] = i;
  shuffleRange(order, 0, count, Rng.for(plan.seed, 0, Salt.graphOrder));
  for (const user of plan.lastFollowers) order[count++] = user;
  return order;
}
