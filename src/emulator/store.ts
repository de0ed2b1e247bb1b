/**
 * The emulated X world the HTTP layer serves: users, tweets and the follow graph.
 * `src/emulator/data/create-store.ts` builds it from a seed; the HTTP layer only reads it.
 * Records hold every field populated; the HTTP layer picks what a request's `user.fields` ask for.
 */

/** An emulated user, with every user field X knows (as X names them) plus the emulator's own flags. */
export interface EmulatedUser {
  /** Decimal string id (most above 2^53, up to 19 digits). */
  readonly id: string;
  readonly name: string;
  readonly username: string;
  /** The user object fields beyond `id`/`name`/`username`, X's names (`created_at`, `public_metrics`, ...). */
  readonly fields: Readonly<Record<string, unknown>>;
  /** Pinned tweet id, if any (the tweet may be deleted: `tweetById` then answers undefined). */
  readonly pinnedTweetId?: string;
  /** Suspended accounts are reported as errors by lookups and never appear in lists. */
  readonly suspended: boolean;
  /** Protected accounts hide their lists from callers who are neither them nor their followers. */
  readonly protected: boolean;
}

/** An emulated tweet, as X's tweet object with every field X knows. */
export interface EmulatedTweet {
  readonly id: string;
  readonly text: string;
  readonly authorId: string;
  /** Every tweet field beyond `id`/`text` (as X names them, `edit_history_tweet_ids` included). */
  readonly fields: Readonly<Record<string, unknown>>;
}

/** A read-only ordered list of user ids (most recent follow first, as X orders them). */
export interface UserIdList {
  readonly length: number;
  /** The id at `index` (0-based); callers keep `index` within `0..length-1`. */
  idAt(index: number): string;
}

/** Accounts with known properties, for the README, tests and token mapping. */
export interface NotableAccounts {
  /** TwitterDev, `2244994945`: its first 10 followers are the documentation page's example users. */
  readonly twitterDev: string;
  /** Accounts with 50,000 or more followers. */
  readonly celebrities: readonly string[];
  /** An account with no followers and following nobody. */
  readonly loner: string;
  /** A protected account with followers. */
  readonly protectedAccount: string;
  /** One of `protectedAccount`'s followers. */
  readonly protectedFollower: string;
  /** A suspended account. */
  readonly suspended: string;
  /** A withheld account. */
  readonly withheld: string;
  /** An account whose pinned tweet was deleted. */
  readonly deletedPinned: string;
}

/** The emulated world. Deterministic for a given seed. */
export interface EmulatorStore {
  readonly seed: number;
  readonly userCount: number;
  readonly notable: NotableAccounts;
  /** The user with this id, suspended ones included; undefined when no such user exists. */
  userById(id: string): EmulatedUser | undefined;
  /** Case-insensitive username lookup. */
  userByUsername(username: string): EmulatedUser | undefined;
  /** The user at a dense index `0..userCount-1` (for picking users in tests and token mapping). */
  userAt(index: number): EmulatedUser;
  /** Followers of `id`, most recent first, suspended accounts left out. Empty for unknown ids. */
  followers(id: string): UserIdList;
  /** Whom `id` follows, most recent first. */
  following(id: string): UserIdList;
  /** Does `followerId` follow `targetId`? */
  follows(followerId: string, targetId: string): boolean;
  /** A tweet that exists; undefined for unknown and deleted tweets. */
  tweetById(id: string): EmulatedTweet | undefined;
}
