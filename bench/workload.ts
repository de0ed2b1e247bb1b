import type { ArmName } from './config.ts';

/**
 * The one workload every arm serves: a page of a user's followers with eight user fields and each
 * follower's pinned tweet with two tweet fields. The REST floor asks X for exactly those fields; the
 * GraphQL arms select them; every arm's answer must name the same followers.
 */

/** TwitterDev in the emulated world: it has far more than 1000 followers. */
export const BENCH_USER_ID = '2244994945';

/** The emulator's app-only token; every arm calls X as the app. */
export const BENCH_APP_TOKEN = 'emulator-app-token';

/** X's `user.fields` of the workload beyond the defaults `id`, `name`, `username` (8 fields in all). */
export const USER_FIELDS = ['created_at', 'description', 'location', 'protected', 'verified'] as const;

/** X's `tweet.fields` of the pinned tweets beyond the default `text` (2 fields in all). */
export const TWEET_FIELDS = ['created_at'] as const;

/** One HTTP request of an arm's client. */
export interface ArmRequest {
  readonly method: 'GET' | 'POST';
  /** Path and query, e.g. `/graphql`. */
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** The gateway's query: the contract's names, eight user fields, the pinned tweet's text and time. */
export const GATEWAY_QUERY = `query BenchFollowers($id: ID!, $first: Int!) {
  user(restId: $id) {
    followers(first: $first) {
      nodes {
        restId name username createdAt description location protected verified
        pinnedTweet { text createdAt }
      }
    }
  }
}`;

/** The Mesh peer's query: its generated operation, with X's field lists passed by hand. */
export const MESH_QUERY = `query BenchFollowers($id: UserId!, $first: Int!) {
  getUsersFollowers(
    id: $id
    max_results: $first
    user_fields: [${[...USER_FIELDS, 'pinned_tweet_id'].join(', ')}]
    expansions: [pinned_tweet_id]
    tweet_fields: [${TWEET_FIELDS.join(', ')}]
  ) {
    ... on Get2UsersIdFollowersResponse {
      data { id name username created_at description location protected verified pinned_tweet_id }
      includes { tweets { id text created_at } }
    }
  }
}`;

/** The X query string of the floor's upstream call (and what the floor's client asks the floor for). */
export function xFollowersQuery(size: number): string {
  const params = new URLSearchParams({
    max_results: String(size),
    'user.fields': [...USER_FIELDS, 'pinned_tweet_id'].join(','),
    expansions: 'pinned_tweet_id',
    'tweet.fields': TWEET_FIELDS.join(','),
  });
  return params.toString();
}

/** The request an arm's client sends for a page of `size` followers. */
export function armRequest(arm: ArmName, size: number): ArmRequest {
  if (arm === 'floor') {
    return { method: 'GET', path: `/followers/${BENCH_USER_ID}?max_results=${size}`, headers: {} };
  }
  const query = arm === 'mesh' ? MESH_QUERY : GATEWAY_QUERY;
  return {
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables: { id: BENCH_USER_ID, first: size } }),
  };
}

/** One follower as every arm must report it: its id and its pinned tweet's text (or null). */
export interface FollowerDigest {
  readonly id: string;
  readonly pinnedText: string | null;
}

/** The followers in an arm's answer body; throws naming what is missing or wrong. */
export function followersOf(arm: ArmName, body: string): FollowerDigest[] {
  const json = JSON.parse(body) as Record<string, unknown>;
  if (arm === 'floor') return fromXBody(json, 'floor');
  // X reports deleted and withheld pinned tweets as partial errors; the gateway puts each on its
  // follower's `pinnedTweet` (null), as the contract says. Any other error fails the check.
  const errors = (json.errors ?? []) as { message: string; path?: (string | number)[] }[];
  const fatal = errors.filter((error) => error.path?.at(-1) !== 'pinnedTweet');
  if (fatal.length > 0) {
    throw new Error(`${arm} answered errors: ${fatal.map((e) => e.message).join('; ')}`);
  }
  if (arm === 'mesh') return fromXBody(field(json, 'data', 'getUsersFollowers'), arm);
  const nodes = field(json, 'data', 'user', 'followers', 'nodes') as
    | { restId: string; pinnedTweet: { text: string } | null }[]
    | undefined;
  if (!Array.isArray(nodes)) throw new Error(`${arm} answered no data.user.followers.nodes`);
  return nodes.map((node) => ({ id: node.restId, pinnedText: node.pinnedTweet?.text ?? null }));
}

/** Followers of an X-shaped body: `data` users joined with `includes.tweets` on `pinned_tweet_id`. */
function fromXBody(body: unknown, arm: string): FollowerDigest[] {
  const users = field(body, 'data') as { id: string; pinned_tweet_id?: string }[] | undefined;
  if (!Array.isArray(users)) throw new Error(`${arm} answered no followers (no data array)`);
  const tweets = new Map<string, string>();
  for (const tweet of (field(body, 'includes', 'tweets') ?? []) as { id: string; text: string }[]) {
    tweets.set(tweet.id, tweet.text);
  }
  return users.map((user) => ({
    id: user.id,
    pinnedText: user.pinned_tweet_id ? (tweets.get(user.pinned_tweet_id) ?? null) : null,
  }));
}

/** The value at `keys` in parsed JSON, or undefined where a step is missing. */
function field(value: unknown, ...keys: string[]): unknown {
  let at = value;
  for (const key of keys) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}
