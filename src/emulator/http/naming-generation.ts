/**
 * X's two naming generations. Spec 2.166 and X's prose docs say `tweet.fields`, `pinned_tweet_id`,
 * `public_metrics.tweet_count`, `includes.tweets` and problem types under `https://api.twitter.com/2/problems/`;
 * spec 2.167 (and the official SDK) says `post.fields`, `pinned_post_id`, `post_count`, `includes.posts` and
 * `https://api.x.com/2/problems/`. X accepts both; the emulator answers in the generation a request asks in.
 *
 * A request is 2.167 when it names `post.fields` or a 2.167-only expansion; otherwise 2.166, the
 * generation of X's documentation and example responses. A request mixing both is accepted and answered in
 * 2.167: a client that sends one 2.167 name was written against 2.167 and reads its names.
 */
import { PROBLEM_BASE } from './problems.ts';

/** The generation of a request's names and of its answer. */
export type NamingGeneration = '2.166' | '2.167';

/** The problem type base of 2.167. */
export const PROBLEM_BASE_2167 = 'https://api.x.com/2/problems/';

/** 2.167 expansion values and the 2.166 values the emulator serves them as. */
const EXPANSIONS_2167: Readonly<Record<string, string>> = {
  pinned_post_id: 'pinned_tweet_id',
  most_recent_post_id: 'most_recent_tweet_id',
  affiliation: 'affiliation.user_id',
  edit_history_post_ids: 'edit_history_tweet_ids',
  referenced_posts: 'referenced_tweets.id',
};

/** 2.167 `post.fields` values whose 2.166 `tweet.fields` name differs. */
const POST_FIELDS_2167: Readonly<Record<string, string>> = { note_post: 'note_tweet' };

/** Object keys of users and tweets, 2.166 name to 2.167 name. */
const KEYS_2167: Readonly<Record<string, string>> = {
  pinned_tweet_id: 'pinned_post_id',
  most_recent_tweet_id: 'most_recent_post_id',
  edit_history_tweet_ids: 'edit_history_post_ids',
  note_tweet: 'note_post',
  referenced_tweets: 'referenced_posts',
};

/** Parameter names in `errors[].parameter`, 2.166 name to 2.167 name. */
const PARAMETERS_2167: Readonly<Record<string, string>> = {
  ...KEYS_2167,
  'tweet.fields': 'post.fields',
  'referenced_tweets.id': 'referenced_posts',
};

/** The generation a request's query asks in. */
export function generationOf(query: URLSearchParams): NamingGeneration {
  if (query.has('post.fields')) return '2.167';
  for (const value of query.getAll('expansions')) {
    if (value.split(',').some((item) => item in EXPANSIONS_2167)) return '2.167';
  }
  return '2.166';
}

/**
 * Validated lists with 2.167 names turned into the 2.166 names the projection knows: `post.fields` joins
 * `tweet.fields`, 2.167 expansions become their 2.166 values.
 */
export function listsIn2166(
  lists: Readonly<Record<string, readonly string[]>>,
): Readonly<Record<string, readonly string[]>> {
  const postFields = lists['post.fields'];
  const expansions = lists.expansions;
  if (!postFields && !expansions?.some((item) => item in EXPANSIONS_2167)) return lists;
  const tweetFields = [
    ...(lists['tweet.fields'] ?? []),
    ...(postFields ?? []).map((f) => POST_FIELDS_2167[f] ?? f),
  ];
  return {
    ...lists,
    'tweet.fields': [...new Set(tweetFields)],
    ...(expansions ? { expansions: [...new Set(expansions.map((e) => EXPANSIONS_2167[e] ?? e))] } : {}),
  };
}

/** An answer body in the generation asked: unchanged for 2.166, renamed for 2.167. */
export function inGeneration(body: unknown, generation: NamingGeneration): unknown {
  if (generation === '2.166' || !isRecord(body)) return body;
  const out: Record<string, unknown> = { ...body };
  if (typeof out.type === 'string') out.type = problemType2167(out.type);
  if (Array.isArray(out.data)) out.data = out.data.map(resource2167);
  else if (isRecord(out.data)) out.data = resource2167(out.data);
  if (isRecord(out.includes)) {
    const { tweets, users, ...rest } = out.includes;
    out.includes = {
      ...(Array.isArray(users) ? { users: users.map(resource2167) } : {}),
      ...(Array.isArray(tweets) ? { posts: tweets.map(resource2167) } : {}),
      ...rest,
    };
  }
  if (Array.isArray(out.errors)) out.errors = out.errors.map(problem2167);
  return out;
}

/** A user or tweet object with 2.167 keys (`public_metrics.tweet_count` becomes `post_count`). */
function resource2167(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === 'public_metrics' && isRecord(field) && 'tweet_count' in field) {
      const { tweet_count, ...metrics } = field;
      out[key] = { ...metrics, post_count: tweet_count };
    } else {
      out[KEYS_2167[key] ?? key] = field;
    }
  }
  return out;
}

/** An `errors` entry with its 2.167 type and parameter names (the detail names the parameter as well). */
function problem2167(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = { ...value };
  if (typeof out.type === 'string') out.type = problemType2167(out.type);
  const renamed = typeof out.parameter === 'string' ? PARAMETERS_2167[out.parameter] : undefined;
  if (renamed !== undefined) {
    if (typeof out.detail === 'string') out.detail = out.detail.replace(`${out.parameter}:`, `${renamed}:`);
    out.parameter = renamed;
  }
  return out;
}

/** A problem type under X's 2.167 host. */
function problemType2167(type: string): string {
  return type.startsWith(PROBLEM_BASE) ? PROBLEM_BASE_2167 + type.slice(PROBLEM_BASE.length) : type;
}

/** Is `value` a plain JSON object? */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
