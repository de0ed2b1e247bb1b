/**
 * Ids and creation times of the world's users and tweets, computed from `(seed, index)` and mapped back in
 * O(1): a generated id's low 22 bits are its index XOR a per-seed mask, its time part is its creation time.
 * Generated users are created between mid-2018 and late 2025, so their snowflakes have 19 digits (> 2^53).
 * Every user has at most two tweets in the store: a pinned one (even ms) and its most recent one (odd ms).
 */
import { DOC_ACCOUNTS, docAccountIndex } from './doc-page-accounts.ts';
import { docTweet } from './doc-page-tweets.ts';
import { MAX_INDEX_COUNT, NINETEEN_DIGIT_FROM_MS, parseSnowflake, snowflakeId } from './ids.ts';
import { hash32, hashUnit } from './random.ts';
import { Salt } from './world-layout.ts';

/** The emulated "now": every generated time lies before it, so worlds do not depend on the clock. */
export const WORLD_NOW_MS = Date.UTC(2025, 10, 1);

const FIRST_USER_MS = NINETEEN_DIGIT_FROM_MS + 86_400_000;
const LAST_USER_MS = Date.UTC(2025, 8, 1);
const DAY_MS = 86_400_000;

/** Which of a user's tweets an id names. */
export type TweetKind = 'pinned' | 'recent';

/** Ids and times of one world. */
export class WorldIds {
  private readonly userMask: number;
  private readonly tweetMask: number;

  constructor(
    private readonly seed: number,
    private readonly userCount: number,
  ) {
    this.userMask = hash32(seed, 0, Salt.idMask) & (MAX_INDEX_COUNT - 1);
    this.tweetMask = hash32(seed, 1, Salt.idMask) & (MAX_INDEX_COUNT - 1);
  }

  /** When user `index` joined (Unix ms); the real accounts keep their real dates. */
  userCreatedAtMs(index: number): number {
    const doc = DOC_ACCOUNTS[index];
    if (doc) return Date.parse(doc.createdAt);
    return (
      FIRST_USER_MS + Math.floor(hashUnit(this.seed, index, Salt.profile) * (LAST_USER_MS - FIRST_USER_MS))
    );
  }

  /** The id of user `index`. */
  userId(index: number): string {
    const doc = DOC_ACCOUNTS[index];
    if (doc) return doc.id;
    return snowflakeId(this.userCreatedAtMs(index), index ^ this.userMask);
  }

  /** The dense index of a user id; undefined for ids no user has. */
  indexOfUserId(id: string): number | undefined {
    const doc = docAccountIndex(id);
    if (doc !== undefined) return doc;
    const parsed = parseSnowflake(id);
    if (!parsed) return undefined;
    const index = parsed.low ^ this.userMask;
    if (index < DOC_ACCOUNTS.length || index >= this.userCount) return undefined;
    return this.userId(index) === id ? index : undefined;
  }

  /** When user `index` posted its pinned tweet (an even ms, after it joined). */
  pinnedCreatedAtMs(index: number): number {
    const joined = Math.max(this.userCreatedAtMs(index), FIRST_USER_MS);
    const span = WORLD_NOW_MS - 30 * DAY_MS - joined;
    const ms = joined + DAY_MS + Math.floor(hashUnit(this.seed, index, Salt.tweet) * span);
    return ms - (ms % 2);
  }

  /** When user `index` posted its most recent tweet (an odd ms, in the last 30 days). */
  recentCreatedAtMs(index: number): number {
    const ms = WORLD_NOW_MS - 2 - Math.floor(hashUnit(this.seed, index, Salt.recentTweet) * 30 * DAY_MS);
    return ms % 2 === 0 ? ms + 1 : ms;
  }

  /** The id of user `index`'s pinned tweet (the documentation page's for the real accounts). */
  pinnedTweetId(index: number): string {
    const doc = DOC_ACCOUNTS[index];
    if (doc?.pinnedTweetId) return doc.pinnedTweetId;
    return snowflakeId(this.pinnedCreatedAtMs(index), index ^ this.tweetMask);
  }

  /** The id of user `index`'s most recent tweet. */
  recentTweetId(index: number): string {
    return snowflakeId(this.recentCreatedAtMs(index), index ^ this.tweetMask);
  }

  /** Which user's which tweet an id is; undefined when the id is no tweet of this world. */
  tweetRef(id: string): { readonly index: number; readonly kind: TweetKind } | undefined {
    const doc = docTweet(id);
    if (doc) {
      const index = docAccountIndex(doc.authorId);
      return index === undefined ? undefined : { index, kind: 'pinned' };
    }
    const parsed = parseSnowflake(id);
    if (!parsed) return undefined;
    const index = parsed.low ^ this.tweetMask;
    if (index >= this.userCount) return undefined;
    const kind: TweetKind = parsed.createdAtMs % 2 === 0 ? 'pinned' : 'recent';
    const expected = kind === 'pinned' ? this.pinnedTweetId(index) : this.recentTweetId(index);
    return expected === id ? { index, kind } : undefined;
  }
}
