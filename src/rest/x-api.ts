import type { TweetField, UserExpansion, UserField, XProblem, XTweet, XUser } from './x-types.ts';

/**
 * The boundary between the REST layer and everything above it (loaders, schema, planner).
 * `src/rest/client.ts` implements it over undici; tests may implement it with fakes.
 */

/** Who a call is made for. `key` is a one-way hash of the credentials: safe for cache keys and logs. */
export interface Principal {
  /** `app`: the app's bearer token; `user`: a client's own OAuth 2.0 token; `oauth1`: the app's OAuth 1.0a user. */
  readonly kind: 'app' | 'user' | 'oauth1';
  /** A short hex digest of the credentials; never the credentials. */
  readonly key: string;
}

/** The X endpoints the client speaks, named by X's path templates (also the rate-limit buckets). */
export type Endpoint =
  | 'GET /2/users/:id/followers'
  | 'GET /2/users/:id/following'
  | 'GET /2/users/:id'
  | 'GET /2/users'
  | 'GET /2/users/by/username/:username'
  | 'GET /2/users/by'
  | 'GET /2/users/me'
  | 'GET /2/tweets'
  | 'GET /2/tweets/:id';

/** An X id: a decimal string of 1 to 19 digits (ids are strings end to end, never numbers). */
export const ID_PATTERN = /^[0-9]{1,19}$/;

/** An X username: 1 to 15 letters, digits or underscores. */
export const USERNAME_PATTERN = /^[A-Za-z0-9_]{1,15}$/;

/** The most ids or usernames one `ids=`/`usernames=` request may carry (X's limit; a lookup batches by it). */
export const MAX_BATCH_SIZE = 100;

/** The most items one list call may ask X for (`max_results` is 1 to 1000). */
export const MAX_RESULTS = 1000;

/** The field lists of a user request. The client sorts and de-duplicates them. */
export interface UserQuery {
  /** `user.fields`; `id`, `name`, `username` come by default and need not be listed. */
  readonly userFields: readonly UserField[];
  /** `tweet.fields` for expanded tweets. */
  readonly tweetFields: readonly TweetField[];
  /** `expansions`; `pinned_tweet_id` brings the pinned tweets into `includedTweets`. */
  readonly expansions: readonly UserExpansion[];
}

/** The field lists of a tweet request. */
export interface TweetQuery {
  /** `tweet.fields`; `id`, `text`, `edit_history_tweet_ids` come by default. */
  readonly tweetFields: readonly TweetField[];
}

/** Which list of a user: whose followers, or whom they follow. */
export type ListKind = 'followers' | 'following';

/** Parameters of one page of a followers/following list. */
export interface ListQuery extends UserQuery {
  /** `max_results`, 1..1000. @default 100 (X's default when omitted) */
  readonly maxResults?: number;
  /** X's `next_token` or `previous_token`, passed verbatim as `pagination_token`. */
  readonly paginationToken?: string;
}

/** X's rate-limit state for one principal and endpoint, from the last `x-rate-limit-*` headers seen. */
export interface RateLimitState {
  readonly endpoint: Endpoint;
  readonly limit: number;
  readonly remaining: number;
  readonly resetAt: Date;
  /**
   * True while X has not answered this principal and endpoint in the window: the state is the
   * gateway's own, the documented limit less the calls reserved, the window opened by its first call.
   */
  readonly provisional?: boolean;
}

/** How one answer was obtained. */
export interface CallMeta {
  /** `miss`: a fresh upstream call; `hit`: the response cache; `coalesced`: shared an in-flight call; `stale`: an expired cached answer served while X rate limits or fails. */
  readonly source: 'miss' | 'hit' | 'coalesced' | 'stale';
  /** Epoch milliseconds when X produced this answer. */
  readonly fetchedAt: number;
}

/** One page of a followers/following list. */
export interface UserListPage {
  /** The users of the page, in X's order. Empty for an empty list. */
  readonly users: readonly XUser[];
  /** `includes.tweets` (pinned tweets), each once. */
  readonly includedTweets: readonly XTweet[];
  /** X's partial errors (for example a pinned tweet that no longer exists). */
  readonly errors: readonly XProblem[];
  readonly resultCount: number;
  readonly nextToken?: string;
  readonly previousToken?: string;
  readonly meta: CallMeta;
}

/** The arrays an emptied page holds. */
const NOTHING: readonly never[] = Object.freeze([]);

/**
 * Empties a page its request is done with, so that the promises it came through, old by then under load,
 * no longer lead to X's users (see `answers/hand-over.ts`). Its arrays are X's own, possibly shared with the
 * response cache and coalesced calls: they are let go of, never emptied.
 */
export function releaseListPage(page: UserListPage): void {
  const open = page as { -readonly [K in keyof UserListPage]: UserListPage[K] };
  open.users = NOTHING;
  open.includedTweets = NOTHING;
  open.errors = NOTHING;
}

/** The answer of a batched lookup (`ids=`/`usernames=`), merged over its batches of at most 100. */
export interface LookupResult<T> {
  /** Found resources by key: the id, or the lower-cased username for username lookups. */
  readonly items: ReadonlyMap<string, T>;
  /** X's partial error for each key it reported (`resource-not-found`, `not-authorized-for-resource`, ...). */
  readonly errors: ReadonlyMap<string, XProblem>;
  /** `includes.tweets` of every batch (pinned tweets of looked-up users). */
  readonly includedTweets: readonly XTweet[];
  /** Partial errors not tied to one of the keys asked (for example a missing pinned tweet). */
  readonly otherErrors: readonly XProblem[];
  /** One entry per batch. */
  readonly meta: readonly CallMeta[];
}

/** Counters of one session, for `extensions.cost` and logs. */
export interface SessionStats {
  /** Calls that went to X (each retry is not counted again). */
  upstreamCalls: number;
  /** Answers served from the response cache or a coalesced in-flight call. */
  cacheHits: number;
  /** Endpoints whose answer was served stale. */
  staleEndpoints: Endpoint[];
  /** Resources X bills for this request's answers (new to the app this UTC day), by kind; unset before any. */
  billed?: ResourceCounts;
}

/**
 * The X API as one principal sees it. Created once per GraphQL request.
 * Methods reject with `GatewayError` subclasses (`src/rest/errors.ts`) for whole-call failures;
 * per-resource problems come back as values in `errors`.
 */
export interface XSession {
  readonly principal: Principal;
  readonly stats: SessionStats;
  /** The app's daily billing ledger (shared by every session of the client); absent: nothing is billed. */
  readonly ledger?: DailyLedger | undefined;
  /** `GET /2/users/:id/followers` or `/following`: one page. */
  userList(kind: ListKind, userId: string, query: ListQuery): Promise<UserListPage>;
  /** `GET /2/users?ids=`, split into batches of at most 100 ids. */
  usersByIds(ids: readonly string[], query: UserQuery): Promise<LookupResult<XUser>>;
  /** `GET /2/users/by?usernames=`, split into batches of at most 100; keys are lower-cased usernames. */
  usersByUsernames(usernames: readonly string[], query: UserQuery): Promise<LookupResult<XUser>>;
  /** `GET /2/users/me`: needs user context (a client token or OAuth 1.0a). */
  me(query: UserQuery): Promise<LookupResult<XUser>>;
  /** `GET /2/tweets?ids=`, split into batches of at most 100. */
  tweetsByIds(ids: readonly string[], query: TweetQuery): Promise<LookupResult<XTweet>>;
  /** The known rate-limit state of this principal, one entry per endpoint seen. */
  rateLimits(): RateLimitState[];
  /**
   * Would `userList(kind, userId, query)` be answered from the response cache right now, without a call?
   * With `stale`, an answer within the stale bound counts too (served if X rate limits). Read-only and
   * cheap (no call, no counter): the demand planner asks it before pricing a query. Optional: sessions
   * without a cache (fakes) need not implement it.
   */
  isListCached?(kind: ListKind, userId: string, query: ListQuery, stale?: boolean): boolean;
  /**
   * With a shared level (`REDIS_URL`): copies the shared cache's answer for this list call, if it holds
   * one within the stale bound, into the local cache, so `isListCached` also sees pages another instance
   * fetched. Await it for each planned list call before pricing. Never throws; optional (fakes and
   * clients without a shared level need not implement it).
   */
  loadSharedList?(kind: ListKind, userId: string, query: ListQuery): Promise<void>;
  /**
   * Would this lookup (one batch of at most 100 keys) be answered from the response cache right now?
   * As `isListCached`: read-only, cheap, optional.
   */
  isLookupCached?(lookup: LookupCall, stale?: boolean): boolean;
  /**
   * The X id of the user a cached `GET /2/users/by?usernames=<username>` answer (covering `query`)
   * names, if the response cache holds one: how pricing finds the owner of `user(username:)` lists
   * without a call. Read-only, optional.
   */
  cachedUserId?(username: string, query: UserQuery, stale?: boolean): string | undefined;
  /**
   * Resolves once this request has no call in flight and started none for one turn of the event loop:
   * the rest of the operation is done (`rateLimit` and `spend` wait for it). Optional.
   */
  settled?(): Promise<void>;
  /**
   * Ends the session once its request is answered: every later call fails at once, without reaching X (a
   * resolver left running after the answer, by an error elsewhere in the operation, spends no budget and
   * bills nothing). Optional.
   */
  close?(): void;
}

/** One lookup call: a batch of at most 100 ids or usernames on one endpoint, with its fields. */
export interface LookupCall {
  readonly endpoint: 'GET /2/users' | 'GET /2/users/by' | 'GET /2/tweets';
  readonly keys: readonly string[];
  readonly query: UserQuery | TweetQuery;
}

/** The kinds X prices separately: `follows` (a user in a followers/following page), `users` (a user lookup), `posts`. */
export type ResourceKind = 'users' | 'follows' | 'posts';

/** Every resource kind, in a fixed order. */
export const RESOURCE_KINDS: readonly ResourceKind[] = ['users', 'follows', 'posts'];

/** A number per resource kind. */
export type ResourceCounts = Record<ResourceKind, number>;

/** The ids of the resources of one answer, by kind. */
export type BilledResources = Record<ResourceKind, readonly string[]>;

/** The bill of one UTC day. */
export interface DayBill {
  /** The UTC day, `YYYY-MM-DD`. */
  readonly day: string;
  /** Resources billed so far this day, by kind. */
  readonly billed: ResourceCounts;
}

/** The app's daily billing ledger, as sessions and the schema use it (`SpendLedger` in billing/spend-ledger.ts). */
export interface DailyLedger {
  /** Whether every instance records into one shared ledger (`REDIS_URL`). */
  readonly shared: boolean;
  /** Records the resources of one answer; resolves to those new to the app this UTC day (what X bills). */
  record(resources: BilledResources): ResourceCounts | Promise<ResourceCounts>;
  /** The day's bill as this instance knows it, without waiting for a shared level. */
  todayLocal(): DayBill;
  /** The day's bill, from the shared level when there is one. */
  today(): Promise<DayBill>;
}
