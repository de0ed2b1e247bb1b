import { memoized } from '../util/memoized.ts';
import { BadUserInputError } from './errors.ts';
import {
  ID_PATTERN,
  MAX_BATCH_SIZE,
  MAX_RESULTS,
  type TweetQuery,
  USERNAME_PATTERN,
  type UserQuery,
} from './x-api.ts';
import { TWEET_FIELDS, USER_EXPANSIONS, USER_FIELDS } from './x-types.ts';

/**
 * The query parameters of an X call, from a session method's arguments: ids, usernames, page size and
 * token checked (BAD_USER_INPUT before any upstream call), field lists turned into field sets, and the
 * canonical query string. Field lists are sorted, de-duplicated and stripped of the fields X sends by
 * default, so that equal requests produce equal cache keys.
 */

/** A pagination token: visible ASCII, passed back verbatim. */
const PAGINATION_TOKEN_PATTERN = /^[\x21-\x7e]{1,512}$/;

/** Field-list parameters by name (`user.fields`, `tweet.fields`, `expansions`), each sorted and unique. */
export type FieldSets = Readonly<Record<string, readonly string[]>>;

/** Fields X returns without being asked, which never need to be requested. */
const DEFAULT_USER_FIELDS = new Set(['id', 'name', 'username']);
const DEFAULT_TWEET_FIELDS = new Set(['id', 'text', 'edit_history_tweet_ids']);

/** Checks one X id; `argument` names it in the error. */
export function validateId(value: unknown, argument: string): string {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
    throw new BadUserInputError(
      `${argument} must be an X id, a decimal string of 1 to 19 digits; got ${describe(value)}.`,
      { extensions: { argument } },
    );
  }
  return value;
}

/** Checks one username. */
export function validateUsername(value: unknown, argument: string): string {
  if (typeof value !== 'string' || !USERNAME_PATTERN.test(value)) {
    throw new BadUserInputError(
      `${argument} must be an X username, 1 to 15 letters, digits or underscores; got ${describe(value)}.`,
      { extensions: { argument } },
    );
  }
  return value;
}

/** Checks `max_results` (1 to 1000). */
export function validateMaxResults(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_RESULTS) {
    throw new BadUserInputError(`maxResults must be an integer from 1 to 1000; got ${describe(value)}.`, {
      extensions: { argument: 'maxResults' },
    });
  }
  return value;
}

/** Checks a pagination token (non-empty, visible ASCII, at most 512 characters). */
export function validatePaginationToken(value: unknown): string {
  if (typeof value !== 'string' || !PAGINATION_TOKEN_PATTERN.test(value)) {
    throw new BadUserInputError(
      'paginationToken must be a token X returned (1 to 512 visible ASCII characters).',
      { extensions: { argument: 'paginationToken' } },
    );
  }
  return value;
}

/** Validates a list of ids and returns them de-duplicated, in numeric order. */
export function normaliseIds(ids: readonly unknown[], argument: string): string[] {
  const unique = new Set(ids.map((id, i) => validateId(id, `${argument}[${i}]`)));
  return [...unique].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
}

/** Validates usernames and returns them lower-cased, de-duplicated and sorted. */
export function normaliseUsernames(usernames: readonly unknown[], argument: string): string[] {
  const unique = new Set(usernames.map((u, i) => validateUsername(u, `${argument}[${i}]`).toLowerCase()));
  return [...unique].sort();
}

/** Splits a list into consecutive batches of at most `size`. */
export function batches<T>(items: readonly T[], size = MAX_BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// Field sets are worked out once per set of field lists. The planner hands out the same (immutable) lists
// for every request of a document; callers copy the query object around them (adding a page size or a
// token), so the lists themselves are the key.
const userFieldSetsOf = new WeakMap<
  readonly string[],
  WeakMap<readonly string[], WeakMap<readonly string[], FieldSets>>
>();
const tweetFieldSetsOf = new WeakMap<readonly string[], FieldSets>();

/** The field parameters of a user request. */
export function userFieldSets(query: UserQuery): FieldSets {
  const byTweetFields = memoized(userFieldSetsOf, query.userFields, () => new WeakMap());
  const byExpansions = memoized(byTweetFields, query.tweetFields, () => new WeakMap());
  return memoized(byExpansions, query.expansions, () =>
    compact({
      'user.fields': fieldList(query.userFields, KNOWN_USER_FIELDS, 'userFields', DEFAULT_USER_FIELDS),
      'tweet.fields': fieldList(query.tweetFields, KNOWN_TWEET_FIELDS, 'tweetFields', DEFAULT_TWEET_FIELDS),
      expansions: fieldList(query.expansions, KNOWN_USER_EXPANSIONS, 'expansions', NO_DEFAULTS),
    }),
  );
}

/** The field parameters of a tweet request. */
export function tweetFieldSets(query: TweetQuery): FieldSets {
  return memoized(tweetFieldSetsOf, query.tweetFields, () =>
    compact({
      'tweet.fields': fieldList(query.tweetFields, KNOWN_TWEET_FIELDS, 'tweetFields', DEFAULT_TWEET_FIELDS),
    }),
  );
}

/** Parameters as one canonical query string: names sorted, values percent-encoded, lists comma-joined. */
export function canonicalQuery(params: Readonly<Record<string, string | readonly string[]>>): string {
  return joinPairs(encodedPairs(params));
}

// The encoded pairs of each field set, worked out once: field sets are memoized above, so a document's
// calls share them.
const fieldPairsOf = new WeakMap<FieldSets, readonly EncodedPair[]>();

/** A call's query string: `canonicalQuery` of its parameters and field lists together. */
export function callQuery(params: Readonly<Record<string, string>>, fields: FieldSets): string {
  const fieldPairs = memoized(fieldPairsOf, fields, () => encodedPairs(fields));
  return joinPairs([...encodedPairs(params), ...fieldPairs]);
}

/** A parameter's name and its `name=value` text, percent-encoded. */
type EncodedPair = readonly [name: string, text: string];

/** The encoded pairs of parameters, lists comma-joined. */
function encodedPairs(params: Readonly<Record<string, string | readonly string[]>>): EncodedPair[] {
  return Object.keys(params).map((name) => {
    const value = params[name] ?? '';
    const text = typeof value === 'string' ? value : value.join(',');
    return [name, `${encodeURIComponent(name)}=${encodeURIComponent(text)}`];
  });
}

/** Pairs sorted by name and joined with `&`. */
function joinPairs(pairs: EncodedPair[]): string {
  return pairs
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map((pair) => pair[1])
    .join('&');
}

const KNOWN_USER_FIELDS: ReadonlySet<string> = new Set(USER_FIELDS);
const KNOWN_TWEET_FIELDS: ReadonlySet<string> = new Set(TWEET_FIELDS);
const KNOWN_USER_EXPANSIONS: ReadonlySet<string> = new Set(USER_EXPANSIONS);
const NO_DEFAULTS: ReadonlySet<string> = new Set();

/** Checks a field list against the spec's values, then sorts, de-duplicates and drops default fields. */
function fieldList(
  values: readonly string[] | undefined,
  known: ReadonlySet<string>,
  argument: string,
  defaults: ReadonlySet<string>,
): string[] {
  const out = new Set<string>();
  for (const value of values ?? []) {
    if (!known.has(value)) {
      throw new BadUserInputError(`${argument} holds ${describe(value)}, which X does not know.`, {
        extensions: { argument },
      });
    }
    if (!defaults.has(value)) out.add(value);
  }
  return [...out].sort();
}

/** Drops empty lists, so that "no fields" and "only default fields" give the same key. */
function compact(sets: Record<string, string[]>): FieldSets {
  return Object.fromEntries(Object.entries(sets).filter(([, values]) => values.length > 0));
}

/** A short, safe rendering of a bad value for an error message. */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === undefined || value === null) return String(value);
  return typeof value === 'number' ? String(value) : `a ${typeof value}`;
}
