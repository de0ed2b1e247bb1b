import type { CallOutcome } from '../call.ts';
import type { Endpoint, LookupResult, UserListPage } from '../x-api.ts';
import type { XProblem, XTweet, XUser } from '../x-types.ts';
import { takeBody } from './hand-over.ts';
import { errorForProblem } from './map-errors.ts';

/**
 * From validated X bodies to the typed results of `XSession`, with each partial error put where it
 * belongs: on the key it concerns (`LookupResult.errors`), or beside the answer (`otherErrors`,
 * `UserListPage.errors`) when it concerns something else, such as a deleted pinned tweet.
 */

/** How the keys of one kind of lookup are read. */
export interface LookupKeys<T> {
  /** The key of a found resource (the id, or the lower-cased username). */
  readonly keyOf: (item: T) => string;
  /** The key a partial error concerns, or undefined when it concerns none of the asked keys. */
  readonly keyOfProblem: (problem: XProblem) => string | undefined;
}

/** Keys by id; errors about the `id`/`ids` parameter of the looked-up resource. */
export function idKeys<T extends { id: string }>(resource: 'user' | 'tweet', asked: ReadonlySet<string>) {
  return {
    keyOf: (item: T) => item.id,
    keyOfProblem: (problem: XProblem) => {
      if (!concerns(problem, resource, ['id', 'ids'])) return undefined;
      const key = problem.resource_id ?? problem.value;
      return typeof key === 'string' && asked.has(key) ? key : undefined;
    },
  } satisfies LookupKeys<T>;
}

/** Keys by lower-cased username; errors about the `username`/`usernames` parameter. */
export function usernameKeys(asked: ReadonlySet<string>): LookupKeys<XUser> {
  return {
    keyOf: (user) => user.username.toLowerCase(),
    keyOfProblem: (problem) => {
      if (!concerns(problem, 'user', ['username', 'usernames'])) return undefined;
      const key = problem.value ?? problem.resource_id;
      return typeof key === 'string' && asked.has(key.toLowerCase()) ? key.toLowerCase() : undefined;
    },
  };
}

/** Merges the answers of a lookup's batches into one result, taking each answer's body. */
export function lookupResult<T>(outcomes: readonly CallOutcome[], keys: LookupKeys<T>): LookupResult<T> {
  const items = new Map<string, T>();
  const errors = new Map<string, XProblem>();
  const tweets = new Map<string, XTweet>();
  const otherErrors: XProblem[] = [];
  for (const outcome of outcomes) {
    const body = takeBody(outcome);
    const data = body.data === undefined ? [] : Array.isArray(body.data) ? body.data : [body.data];
    for (const item of data as T[]) items.set(keys.keyOf(item), item);
    for (const tweet of body.includes?.tweets ?? []) tweets.set(tweet.id, tweet);
    for (const problem of body.errors ?? []) {
      const key = keys.keyOfProblem(problem);
      if (key === undefined || items.has(key)) otherErrors.push(problem);
      else if (!errors.has(key)) errors.set(key, problem);
    }
  }
  return {
    items,
    errors,
    includedTweets: [...tweets.values()],
    otherErrors,
    meta: outcomes.map((o) => o.meta),
  };
}

/**
 * One page of a followers/following list. A 200 without `data` or `meta` whose errors refuse the list
 * itself (its user does not exist, or is protected from this caller) fails the whole call with
 * `NOT_FOUND` or `FORBIDDEN`; errors about pinned tweets stay on the page. Takes the answer's body.
 */
export function userListPage(outcome: CallOutcome, endpoint: Endpoint): UserListPage {
  const { meta } = outcome;
  const body = takeBody(outcome);
  const errors = body.errors ?? [];
  if (body.data === undefined && body.meta === undefined) {
    const refusal = errors.find((p) => p.parameter !== 'pinned_tweet_id' && p.resource_type !== 'tweet');
    if (refusal) throw errorForProblem(refusal, endpoint);
  }
  const users = (Array.isArray(body.data) ? body.data : []) as XUser[];
  const tweets = new Map<string, XTweet>();
  for (const tweet of body.includes?.tweets ?? []) tweets.set(tweet.id, tweet);
  return {
    users,
    includedTweets: [...tweets.values()],
    errors,
    resultCount: body.meta?.result_count ?? users.length,
    ...(body.meta?.next_token ? { nextToken: body.meta.next_token } : {}),
    ...(body.meta?.previous_token ? { previousToken: body.meta.previous_token } : {}),
    meta,
  };
}

/** Whether a problem is about `resource` through one of `parameters` (absent members do not disqualify). */
function concerns(problem: XProblem, resource: string, parameters: readonly string[]): boolean {
  const typeMatches = problem.resource_type === undefined || problem.resource_type === resource;
  const parameterMatches = problem.parameter === undefined || parameters.includes(problem.parameter);
  return typeMatches && parameterMatches;
}
