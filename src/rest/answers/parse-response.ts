import { UpstreamError } from '../errors.ts';
import { type Endpoint, ID_PATTERN } from '../x-api.ts';
import type { XProblem, XTweet, XUser } from '../x-types.ts';
import { answerIn2166 } from './naming-generation.ts';

/**
 * A structural check of X's 200 answers against the documented shape, before anything is cached or
 * returned. It checks what the gateway relies on (ids are id strings, names are strings, the list
 * metadata) and names the first path that is wrong; unknown extra members are kept as they are. Answers
 * in 2.167 names (`pinned_post_id`, `post_count`, `includes.posts`) are read as their 2.166 names first.
 */

/** What an endpoint's `data` holds. */
export type ResponseShape =
  | { readonly resource: 'user' | 'tweet'; readonly data: 'array' }
  | { readonly resource: 'user' | 'tweet'; readonly data: 'object' }
  | { readonly resource: 'user'; readonly data: 'page' };

/** A validated X answer. */
export interface XBody {
  readonly data?: readonly (XUser | XTweet)[] | XUser | XTweet;
  readonly includes?: { readonly users?: readonly XUser[]; readonly tweets?: readonly XTweet[] };
  readonly errors?: readonly XProblem[];
  readonly meta?: {
    readonly result_count?: number;
    readonly next_token?: string;
    readonly previous_token?: string;
  };
}

/** A validated answer, with when it was fetched and its size in bytes. */
export interface UpstreamAnswer {
  /** Emptied by the layer that reads it (`takeBody` of `hand-over.ts`). */
  body: XBody;
  readonly fetchedAt: number;
  readonly bytes: number;
}

/** Parses and checks one answer body; throws `UpstreamError` naming what was wrong. */
export function parseBody(text: string, endpoint: Endpoint, shape: ResponseShape): XBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UpstreamError(`X answered ${endpoint} with malformed JSON.`);
  }
  json = answerIn2166(json);
  const problem = checkBody(json, shape);
  if (problem) {
    throw new UpstreamError(
      `X answered ${endpoint} with a body that is not the documented shape: ${problem}.`,
    );
  }
  return json as XBody;
}

/** The first problem with a body, or undefined. */
function checkBody(body: unknown, shape: ResponseShape): string | undefined {
  if (!isObject(body)) return 'the body is not a JSON object';
  const { data, includes, errors, meta } = body;
  if (data === undefined && errors === undefined && (shape.data !== 'page' || meta === undefined)) {
    return shape.data === 'page' ? 'it has none of data, meta and errors' : 'it has neither data nor errors';
  }
  if (data !== undefined) {
    const check = shape.resource === 'user' ? checkUser : checkTweet;
    if (shape.data === 'object') {
      const problem = check(data);
      if (problem) return `data${problem}`;
    } else {
      if (!Array.isArray(data)) return 'data is not an array';
      for (let i = 0; i < data.length; i++) {
        const problem = check(data[i]);
        if (problem) return `data[${i}]${problem}`;
      }
    }
  }
  return (
    checkIncludes(includes) ?? checkErrors(errors) ?? (shape.data === 'page' ? checkMeta(meta) : undefined)
  );
}

/** Checks `includes.users` and `includes.tweets`. */
function checkIncludes(includes: unknown): string | undefined {
  if (includes === undefined) return undefined;
  if (!isObject(includes)) return 'includes is not an object';
  for (const [name, check] of [['users', checkUser] as const, ['tweets', checkTweet] as const]) {
    const list = includes[name];
    if (list === undefined) continue;
    if (!Array.isArray(list)) return `includes.${name} is not an array`;
    for (let i = 0; i < list.length; i++) {
      const problem = check(list[i]);
      if (problem) return `includes.${name}[${i}]${problem}`;
    }
  }
  return undefined;
}

/** Checks the partial `errors` array: each entry a problem with string `type` and `title`. */
function checkErrors(errors: unknown): string | undefined {
  if (errors === undefined) return undefined;
  if (!Array.isArray(errors)) return 'errors is not an array';
  for (const [i, entry] of errors.entries()) {
    if (!isObject(entry)) return `errors[${i}] is not an object`;
    for (const name of ['type', 'title'] as const) {
      if (typeof entry[name] !== 'string') return `errors[${i}].${name} is not a string`;
    }
  }
  return undefined;
}

/** Checks a list page's `meta`. */
function checkMeta(meta: unknown): string | undefined {
  if (meta === undefined) return undefined;
  if (!isObject(meta)) return 'meta is not an object';
  const count = meta.result_count;
  if (count !== undefined && !(Number.isInteger(count) && (count as number) >= 0)) {
    return 'meta.result_count is not a non-negative integer';
  }
  for (const name of ['next_token', 'previous_token'] as const) {
    const token = meta[name];
    if (token !== undefined && (typeof token !== 'string' || token === ''))
      return `meta.${name} is not a string`;
  }
  return undefined;
}

// The checks below return the problem relative to the object checked (" is not an object",
// ".id is not a string"); the caller prefixes the object's path only when there is a problem, so a page
// of 1000 valid users builds no path strings.

/** Checks a user object: `id` an id string, `name` and `username` strings, id-valued fields id strings. */
function checkUser(user: unknown): string | undefined {
  if (!isObject(user)) return ' is not an object';
  return (
    checkId(user.id, '.id') ??
    checkString(user.name, '.name') ??
    checkString(user.username, '.username') ??
    checkOptionalId(user.pinned_tweet_id, '.pinned_tweet_id') ??
    checkOptionalId(user.most_recent_tweet_id, '.most_recent_tweet_id')
  );
}

/** Checks a tweet object: `id` an id string, `text` a string, `author_id` an id string when present. */
function checkTweet(tweet: unknown): string | undefined {
  if (!isObject(tweet)) return ' is not an object';
  return (
    checkId(tweet.id, '.id') ??
    checkString(tweet.text, '.text') ??
    checkOptionalId(tweet.author_id, '.author_id')
  );
}

/** An id must be a decimal string of at most 19 digits. */
function checkId(value: unknown, member: string): string | undefined {
  if (typeof value !== 'string') return `${member} is not a string`;
  return ID_PATTERN.test(value) ? undefined : `${member} is not an id of 1 to 19 digits`;
}

/** An optional id: absent, or a valid id. */
function checkOptionalId(value: unknown, member: string): string | undefined {
  return value === undefined ? undefined : checkId(value, member);
}

/** A required string member. */
function checkString(value: unknown, member: string): string | undefined {
  return typeof value === 'string' ? undefined : `${member} is not a string`;
}

/** A plain JSON object (not an array, not null). */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
