/**
 * Who is who in the emulated world: the roles picked once per seed (the loner, the celebrities, the
 * accounts the notable list names) and the per-user traits (suspended, protected, withheld, verification,
 * pinned tweet) derived in O(1) from `(seed, index)` so that nothing per user is stored.
 * Dense indices `0..DOC_ACCOUNTS.length-1` are the documentation page's real accounts.
 */
import { DOC_ACCOUNTS, TWITTER_DEV_INDEX, TWITTER_INDEX } from './doc-page-accounts.ts';
import { hashUnit, Rng } from './random.ts';

/** Salts naming what a per-user hash is for (each trait gets its own independent stream). */
export const Salt = {
  roles: 1,
  suspended: 2,
  protected: 3,
  withheld: 4,
  verified: 5,
  pinned: 6,
  pinnedDeleted: 7,
  profile: 8,
  username: 9,
  graphWeight: 10,
  graphDegree: 11,
  graphOrder: 12,
  tweet: 13,
  recentTweet: 14,
  idMask: 15,
} as const;

/** X's verification kinds (the `verified_type` enum). */
export type VerifiedType = 'blue' | 'business' | 'government' | 'none';

/** An account that a set share of all users follow. */
export interface PopularAccount {
  readonly index: number;
  /** The probability that any given user follows it. */
  readonly share: number;
}

/** The smallest world: enough room for the documentation page's accounts and every notable role. */
export const MIN_USER_COUNT = 1000;

/** Roles and traits of a world of `userCount` users for one seed. */
export class WorldLayout {
  readonly loner: number;
  readonly suspended: number;
  readonly withheld: number;
  readonly deletedPinned: number;
  readonly protectedAccount: number;
  /** Accounts followed by a fixed share of everyone: the celebrities, then the protected account. */
  readonly popular: readonly PopularAccount[];
  /** The generated celebrities, verified as blue, business (the affiliation badge), government and blue. */
  readonly celebrities: readonly number[];
  /** Every index picked for a role: they keep the traits their role implies and no random ones. */
  private readonly roleIndices: ReadonlySet<number>;

  constructor(
    readonly seed: number,
    readonly userCount: number,
  ) {
    const rng = Rng.for(seed, 0, Salt.roles);
    const picked = new Set<number>();
    const pickIndex = (): number => {
      for (;;) {
        const index = DOC_ACCOUNTS.length + rng.int(userCount - DOC_ACCOUNTS.length);
        if (!picked.has(index)) {
          picked.add(index);
          return index;
        }
      }
    };
    this.loner = pickIndex();
    this.suspended = pickIndex();
    this.withheld = pickIndex();
    this.deletedPinned = pickIndex();
    this.protectedAccount = pickIndex();
    this.celebrities = [pickIndex(), pickIndex(), pickIndex(), pickIndex()];
    this.popular = [
      { index: TWITTER_DEV_INDEX, share: 0.6 },
      { index: TWITTER_INDEX, share: 0.72 },
      ...this.celebrities.map((index) => ({ index, share: 0.54 + rng.next() * 0.3 })),
      // About 1,200 followers in the default world, and never so few that a small world might leave it none.
      { index: this.protectedAccount, share: Math.max(0.012, 25 / userCount) },
    ];
    this.roleIndices = picked;
  }

  /** Is `index` one of the documentation page's real accounts? */
  isDocAccount(index: number): boolean {
    return index < DOC_ACCOUNTS.length;
  }

  /** Suspended accounts (about 0.4%) have no follow edges at all, so they appear in no list. */
  isSuspended(index: number): boolean {
    if (index === this.suspended) return true;
    if (this.isDocAccount(index) || this.roleIndices.has(index)) return false;
    return hashUnit(this.seed, index, Salt.suspended) < 0.004;
  }

  /** Users with no follow edges: the suspended ones and the loner. */
  isIsolated(index: number): boolean {
    return index === this.loner || this.isSuspended(index);
  }

  /** Protected accounts (about 6%) keep their lists private. */
  isProtected(index: number): boolean {
    if (index === this.protectedAccount) return true;
    if (this.isDocAccount(index) || this.roleIndices.has(index)) return false;
    return hashUnit(this.seed, index, Salt.protected) < 0.06;
  }

  /** Withheld accounts (about 0.3%) carry `withheld.country_codes`. */
  isWithheld(index: number): boolean {
    if (index === this.withheld) return true;
    if (this.isDocAccount(index) || this.roleIndices.has(index)) return false;
    return hashUnit(this.seed, index, Salt.withheld) < 0.003;
  }

  /** The account's `verified_type`: mostly `none`, some `blue`, few `business` and `government`. */
  verifiedType(index: number): VerifiedType {
    if (this.isDocAccount(index)) return 'business';
    const celebrity = this.celebrities.indexOf(index);
    if (celebrity >= 0) return (['blue', 'business', 'government', 'blue'] as const)[celebrity] ?? 'blue';
    const u = hashUnit(this.seed, index, Salt.verified);
    if (u < 0.003) return 'government';
    if (u < 0.018) return 'business';
    if (u < 0.1) return 'blue';
    return 'none';
  }

  /** About 30% of users pin a tweet (the documentation page's accounts as the page shows). */
  hasPinned(index: number): boolean {
    if (index === this.deletedPinned) return true;
    const doc = DOC_ACCOUNTS[index];
    if (doc) return doc.pinnedTweetId !== undefined;
    return hashUnit(this.seed, index, Salt.pinned) < 0.3;
  }

  /** About 4% of pinned tweets were deleted since: the user keeps the id, the tweet is gone. */
  isPinnedDeleted(index: number): boolean {
    if (index === this.deletedPinned) return true;
    if (this.isDocAccount(index) || !this.hasPinned(index)) return false;
    return hashUnit(this.seed, index, Salt.pinnedDeleted) < 0.04;
  }
}
