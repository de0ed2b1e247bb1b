/**
 * Field selection and expansions, as X applies them: objects carry their default fields (`id`, `name`,
 * `username` for users; `id`, `text`, `edit_history_tweet_ids` for tweets) plus exactly the fields asked
 * for; expanded objects go to `includes` once each; expanded ids that point nowhere become `errors`.
 */
import type { EmulatedTweet, EmulatedUser, EmulatorStore } from '../store.ts';
import type { Principal } from './auth.ts';
import { listsIn2166 } from './naming-generation.ts';
import { fieldUnauthorized, notAuthorized, notFound } from './problems.ts';

/** What a request asked for, and who asked (some fields depend on the caller). */
export interface Selection {
  readonly userFields: ReadonlySet<string>;
  readonly tweetFields: ReadonlySet<string>;
  readonly expansions: ReadonlySet<string>;
  /** The user of a user-context request; undefined for app-only requests. */
  readonly viewerId?: string;
  /** Does `followerId` follow `targetId`? (for `connection_status`) */
  readonly follows: (followerId: string, targetId: string) => boolean;
}

/**
 * The selection of a request's validated `user.fields`, `tweet.fields` (or `post.fields`) and `expansions`,
 * in 2.166 names whichever generation the request used.
 */
export function selectionOf(
  validLists: Readonly<Record<string, readonly string[]>>,
  store: EmulatorStore,
  principal: Principal,
): Selection {
  const lists = listsIn2166(validLists);
  return {
    userFields: new Set(lists['user.fields'] ?? []),
    tweetFields: new Set(lists['tweet.fields'] ?? []),
    expansions: new Set(lists.expansions ?? []),
    ...(principal.kind === 'app' ? {} : { viewerId: principal.userId }),
    follows: (followerId, targetId) => store.follows(followerId, targetId),
  };
}

/** Tweet fields X shows only to the tweet's author, in user context. */
const PRIVATE_TWEET_FIELDS = new Set(['non_public_metrics', 'organic_metrics', 'promoted_metrics']);

const USER_DEFAULTS = new Set(['id', 'name', 'username']);
const TWEET_DEFAULTS = new Set(['id', 'text', 'edit_history_tweet_ids']);

/** A user object with the default fields and the asked ones (those the user has). */
export function projectUser(user: EmulatedUser, selection: Selection): Record<string, unknown> {
  const out: Record<string, unknown> = { id: user.id, name: user.name, username: user.username };
  for (const field of selection.userFields) {
    if (USER_DEFAULTS.has(field)) continue;
    const value = field === 'connection_status' ? connectionStatus(user, selection) : userField(user, field);
    if (value !== undefined) out[field] = value;
  }
  for (const expansion of ['pinned_tweet_id', 'most_recent_tweet_id']) {
    if (!selection.expansions.has(expansion)) continue;
    const value = userField(user, expansion);
    if (value !== undefined) out[expansion] = value;
  }
  return out;
}

/** One user field's value; `pinned_tweet_id` and `protected` come from the record's own properties. */
function userField(user: EmulatedUser, field: string): unknown {
  if (field === 'pinned_tweet_id') return user.pinnedTweetId;
  if (field === 'protected') return user.fields.protected ?? user.protected;
  return user.fields[field];
}

/** The caller's relation to `user`, as X reports it in user context; absent for app-only requests. */
function connectionStatus(user: EmulatedUser, selection: Selection): string[] | undefined {
  const viewer = selection.viewerId;
  if (viewer === undefined) return undefined;
  const status: string[] = [];
  if (viewer !== user.id && selection.follows(user.id, viewer)) status.push('followed_by');
  if (viewer !== user.id && selection.follows(viewer, user.id)) status.push('following');
  return status;
}

/**
 * A tweet object with the default fields and the asked ones (those the tweet has). Private metrics asked
 * by anyone but the author in user context are left out and reported through `onWithheld`.
 */
export function projectTweet(
  tweet: EmulatedTweet,
  selection: Selection,
  onWithheld: (field: string) => void = () => undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: tweet.id,
    text: tweet.text,
    edit_history_tweet_ids: tweet.fields.edit_history_tweet_ids ?? [tweet.id],
  };
  for (const field of selection.tweetFields) {
    if (TWEET_DEFAULTS.has(field)) continue;
    if (PRIVATE_TWEET_FIELDS.has(field) && selection.viewerId !== tweet.authorId) {
      onWithheld(field);
      continue;
    }
    const value = field === 'author_id' ? tweet.authorId : tweet.fields[field];
    if (value !== undefined) out[field] = value;
  }
  return out;
}

/** Collects expanded objects (each once, in first-seen order) and the errors of dangling references. */
export class Includes {
  private readonly users = new Map<string, Record<string, unknown>>();
  private readonly tweets = new Map<string, Record<string, unknown>>();
  private readonly errors = new Map<string, Record<string, unknown>>();

  constructor(
    private readonly store: EmulatorStore,
    private readonly selection: Selection,
  ) {}

  /** Adds a user by id; unknown and suspended users are left out, as X does in `includes`. */
  addUser(id: string): void {
    if (this.users.has(id)) return;
    const user = this.store.userById(id);
    if (user && !user.suspended) this.users.set(id, projectUser(user, this.selection));
  }

  /** Adds a tweet by id; a tweet that does not exist becomes a resource-not-found error for `parameter`. */
  addTweet(id: string, parameter: string): void {
    if (this.tweets.has(id)) return;
    const tweet = this.store.tweetById(id);
    if (tweet && !this.maySeeTweetsOf(tweet.authorId)) {
      this.errors.set(`${parameter}:${id}`, notAuthorized('tweet', parameter, id, 'includes'));
      return;
    }
    const withheld = (field: string): void => {
      this.errors.set(`${field}:${id}`, fieldUnauthorized('tweet', field, id, 'includes'));
    };
    if (tweet) this.tweets.set(id, projectTweet(tweet, this.selection, withheld));
    else this.errors.set(`${parameter}:${id}`, notFound('tweet', parameter, id));
  }

  /** Tweets of protected accounts are visible to the account itself and its followers only. */
  private maySeeTweetsOf(authorId: string): boolean {
    const author = this.store.userById(authorId);
    if (!author?.protected) return true;
    const viewer = this.selection.viewerId;
    return viewer !== undefined && (viewer === authorId || this.selection.follows(viewer, authorId));
  }

  /** Adds the tweets a user's expansions ask for (`pinned_tweet_id`, `most_recent_tweet_id`, affiliation). */
  expandUser(user: EmulatedUser): void {
    for (const expansion of ['pinned_tweet_id', 'most_recent_tweet_id']) {
      if (!this.selection.expansions.has(expansion)) continue;
      const id = userField(user, expansion);
      if (typeof id === 'string') this.addTweet(id, expansion);
    }
    if (this.selection.expansions.has('affiliation.user_id')) {
      const affiliation = user.fields.affiliation as { user_id?: unknown } | undefined;
      if (Array.isArray(affiliation?.user_id)) {
        for (const id of affiliation.user_id) if (typeof id === 'string') this.addUser(id);
      }
    }
  }

  /** The `includes` object, or undefined when nothing was expanded. */
  includes(): Record<string, unknown> | undefined {
    const out: Record<string, unknown> = {};
    if (this.users.size > 0) out.users = [...this.users.values()];
    if (this.tweets.size > 0) out.tweets = [...this.tweets.values()];
    return Object.keys(out).length > 0 ? out : undefined;
  }

  /** The errors of expanded ids that point nowhere. */
  expansionErrors(): Record<string, unknown>[] {
    return [...this.errors.values()];
  }
}

/** Builds a response body from its parts, leaving out empty ones (X never sends an empty `errors`). */
export function responseBody(parts: {
  data?: unknown;
  includes?: Record<string, unknown> | undefined;
  errors?: readonly Record<string, unknown>[];
  meta?: Record<string, unknown>;
}): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (parts.data !== undefined) body.data = parts.data;
  if (parts.includes) body.includes = parts.includes;
  if (parts.errors && parts.errors.length > 0) body.errors = parts.errors;
  if (parts.meta) body.meta = parts.meta;
  return body;
}
