import type { FollowerDigest } from './workload.ts';

/**
 * The check that every arm served the same data: the same followers, in the same order, each with the
 * same pinned tweet text (or none), as the floor did. A fast wrong answer must not win the table.
 */

/** The outcome of comparing one arm's followers with the floor's. */
export interface Verdict {
  readonly same: boolean;
  /** How many followers the arm returned. */
  readonly count: number;
  /** The first difference, when not the same. */
  readonly difference?: string;
}

/** Compares an arm's followers with the floor's (the reference). */
export function compareFollowers(
  reference: readonly FollowerDigest[],
  actual: readonly FollowerDigest[],
): Verdict {
  const count = actual.length;
  if (reference.length !== count) {
    return { same: false, count, difference: `${count} followers where the floor has ${reference.length}` };
  }
  for (let i = 0; i < count; i++) {
    const want = reference[i] as FollowerDigest;
    const got = actual[i] as FollowerDigest;
    if (want.id !== got.id) {
      return { same: false, count, difference: `follower ${i} is ${got.id} where the floor has ${want.id}` };
    }
    if (want.pinnedText !== got.pinnedText) {
      return {
        same: false,
        count,
        difference: `follower ${got.id}'s pinned tweet text differs (${describe(got.pinnedText)} vs ${describe(want.pinnedText)})`,
      };
    }
  }
  return { same: true, count };
}

/** A short description of a pinned text for a difference message. */
function describe(text: string | null): string {
  if (text === null) return 'none';
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** How many followers have a pinned tweet: the workload must exercise the join. */
export function pinnedCount(followers: readonly FollowerDigest[]): number {
  return followers.filter((follower) => follower.pinnedText !== null).length;
}
