import type { TweetQuery, UserQuery } from '../rest/x-api.ts';
import type { TweetField, UserField, XProblem, XTweet, XUser } from '../rest/x-types.ts';

/**
 * What one request has already learned from X, and with which fields. A later need is served from here
 * when the known copy carries every field it asks for, so a user or tweet is fetched again only for fields
 * no earlier answer brought.
 *
 * Each map is made when it is first filled, not with the request: under load a map made before the
 * request waited for X is old by the time answers arrive, and V8 keeps every table it grew through
 * reachable from its first one (even after `clear()`), so its entries would outlive the request
 * (`src/rest/answers/hand-over.ts`). `release` lets go of them once the request is answered.
 */

/** The key of a user query: two queries with the same key ask X for the same thing. */
export function userQueryKey(query: UserQuery): string {
  return `${[...query.userFields].sort().join(',')}|${[...query.expansions].sort().join(',')}|${[...query.tweetFields].sort().join(',')}`;
}

/** The key of a tweet query. */
export function tweetQueryKey(query: TweetQuery): string {
  return [...query.tweetFields].sort().join(',');
}

/** A user as fetched, with the fields it was fetched with. */
interface KnownUser {
  readonly user: XUser;
  readonly fields: ReadonlySet<UserField>;
  /** The `tweet.fields` its pinned tweet was expanded with; undefined when it was not expanded. */
  readonly expandedWith: ReadonlySet<TweetField> | undefined;
}

/**
 * Users this request has seen, by id. Answers are indexed when a user is first looked for, not when they
 * arrive: a query that reads a page of 1,000 followers and never looks a user up builds no entry per
 * follower.
 */
export class KnownUsers {
  /** Users by id: made by the first lookup. */
  private users: Map<string, KnownUser> | undefined;
  /** Answers recorded since the last lookup, in order, with their queries (emptied in place). */
  private readonly pending: { readonly users: readonly XUser[]; readonly query: UserQuery }[] = [];

  /** Forgets every user, once the request is answered. */
  release(): void {
    this.users = undefined;
    this.pending.length = 0;
  }

  /** Remembers users fetched with `query`, merging with what is already known of each. */
  record(users: Iterable<XUser>, query: UserQuery): void {
    // An iterator (of a lookup's map) is read now; an array (a page's users) is kept as it is.
    this.pending.push({ users: Array.isArray(users) ? users : [...users], query });
  }

  /** A known copy of `id` that answers `query`, if there is one. */
  find(id: string, query: UserQuery): XUser | undefined {
    if (this.pending.length > 0) this.index();
    const known = this.users?.get(id);
    if (!known || !query.userFields.every((field) => known.fields.has(field))) return undefined;
    if (!query.expansions.includes('pinned_tweet_id')) return known.user;
    const expandedWith = known.expandedWith;
    return expandedWith && query.tweetFields.every((field) => expandedWith.has(field))
      ? known.user
      : undefined;
  }

  /** Indexes the answers recorded since the last lookup, in the order they arrived. */
  private index(): void {
    this.users ??= new Map();
    for (const answer of this.pending) this.merge(this.users, answer.users, answer.query);
    this.pending.length = 0;
  }

  /** Indexes users fetched with `query`, merging with what is already known of each. */
  private merge(known: Map<string, KnownUser>, users: readonly XUser[], query: UserQuery): void {
    const expanded = query.expansions.includes('pinned_tweet_id');
    // Users seen for the first time (the common case: a page of 1000) share one set of each kind;
    // the sets are never mutated (a merge makes new ones).
    const fresh: Omit<KnownUser, 'user'> = {
      fields: new Set<UserField>(expanded ? [...query.userFields, 'pinned_tweet_id'] : query.userFields),
      expandedWith: expanded ? new Set<TweetField>(query.tweetFields) : undefined,
    };
    for (const user of users) {
      const seen = known.get(user.id);
      if (!seen) {
        known.set(user.id, { user, ...fresh });
        continue;
      }
      const fields = new Set<UserField>([...seen.fields, ...fresh.fields]);
      const expandedWith = expanded
        ? new Set<TweetField>([...(seen.expandedWith ?? []), ...query.tweetFields])
        : seen.expandedWith;
      known.set(user.id, { user: { ...seen.user, ...user }, fields, expandedWith });
    }
  }
}

/** Tweets this request has seen (fetched or included), and tweets X reported missing. */
export class KnownTweets {
  /** Tweets by id, made by the first record. */
  private tweets: Map<string, { tweet: XTweet; fields: Set<TweetField> }> | undefined;
  /** X's problems of missing tweets by id, made by the first problem. */
  private missing: Map<string, XProblem> | undefined;

  /** Forgets every tweet and problem, once the request is answered. */
  release(): void {
    this.tweets = undefined;
    this.missing = undefined;
  }

  /** Remembers tweets that came with `fields` (as `includes.tweets` or a lookup). */
  record(tweets: Iterable<XTweet>, fields: readonly TweetField[]): void {
    let fresh: Set<TweetField> | undefined;
    for (const tweet of tweets) {
      this.tweets ??= new Map();
      const byId = this.tweets;
      const known = byId.get(tweet.id);
      if (!known) {
        // Tweets seen for the first time share one field set (never mutated: a merge makes a new one).
        fresh ??= new Set<TweetField>(fields);
        byId.set(tweet.id, { tweet, fields: fresh });
        continue;
      }
      if (fields.every((field) => known.fields.has(field))) continue;
      const merged = new Set<TweetField>([...known.fields, ...fields]);
      byId.set(tweet.id, { tweet: { ...known.tweet, ...tweet }, fields: merged });
    }
  }

  /** Remembers X's partial errors about tweets (a deleted pinned tweet). */
  recordProblems(problems: Iterable<XProblem>): void {
    for (const problem of problems) {
      if (problem.resource_type !== 'tweet') continue;
      const id = problem.resource_id ?? problem.value;
      if (typeof id !== 'string') continue;
      this.missing ??= new Map();
      this.missing.set(id, problem);
    }
  }

  /** A known copy of `id` that carries every field of `query`. */
  find(id: string, query: TweetQuery): XTweet | undefined {
    const known = this.tweets?.get(id);
    return known && query.tweetFields.every((field) => known.fields.has(field)) ? known.tweet : undefined;
  }

  /** X's problem for a tweet it reported missing or refused. */
  problemOf(id: string): XProblem | undefined {
    return this.missing?.get(id);
  }
}
