import type { Fault } from '../../src/emulator/http/faults.ts';

/**
 * The soak's workload: a seeded mix of the queries clients send (lists, lookups, nested lists, pinned
 * tweets, rate-limit and dry-run pricing) and of abuse (bad ids and cursors, too-costly, too deep, invalid
 * documents), and the faults injected into the emulator: every kind it offers.
 */

/** A small deterministic PRNG (mulberry32), so a soak run is reproducible from its seed. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** One of the items, picked by `random`. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** A GraphQL request of the workload. */
export interface SoakRequest {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
}

/** Builds the next request from the ids of the world. */
export function nextRequest(random: () => number, ids: readonly string[]): SoakRequest {
  const id = pick(random, ids);
  const n = 1 + Math.floor(random() * 50);
  const kind = Math.floor(random() * 12);
  switch (kind) {
    case 0:
    case 1:
      return {
        query: `query ($id: ID!, $n: Int) { user(restId: $id) { name followers(first: $n) {
          edges { cursor node { restId username pinnedTweet { text } } } pageInfo { endCursor hasNextPage } } } }`,
        variables: { id, n },
      };
    case 2:
      return {
        query: `query ($id: ID!) { user(restId: $id) { following(first: 3) { nodes { followers(first: 2) {
          totalCount nodes { name } } } } } }`,
        variables: { id },
      };
    case 3:
      return {
        query:
          'query ($ids: [ID!]!) { users(restIds: $ids) { restId name publicMetrics { followersCount } } }',
        variables: { ids: [id, pick(random, ids), pick(random, ids)] },
      };
    case 4:
      return { query: '{ rateLimit { endpoint limit remaining used resetAt } }' };
    case 5:
      return {
        query: `query ($id: ID!) { cost(dryRun: true) { estimatedUpstreamCalls allowed }
          user(restId: $id) { followers(first: 100) { nodes { following(first: 1) { nodes { id } } } } } }`,
        variables: { id },
      };
    case 6:
      // Too costly: refused before any call.
      return {
        query: `query ($id: ID!) { user(restId: $id) { followers(first: 40) { nodes { following(first: 1) {
          nodes { id } } } } } }`,
        variables: { id },
      };
    case 7:
      return { query: '{ user(restId: "12345678901234567890") { name } }' };
    case 8:
      return {
        query:
          'query ($c: String) { user(restId: "2244994945") { followers(first: 2, after: $c) { nodes { id } } } }',
        variables: { c: Math.floor(random() * 1e9).toString(36) },
      };
    case 9: {
      let deep = 'id';
      for (let level = 0; level < 8; level++) deep = `followers(first: 1) { nodes { ${deep} } }`;
      return { query: `{ user(restId: "${id}") { ${deep} } }` };
    }
    case 10:
      return { query: `{ user(restId: "${id}") { nam` };
    default:
      return {
        query: 'query ($u: [String!]!) { usersByUsername(usernames: $u) { restId location } }',
        variables: { u: ['TwitterDev', 'no_such_user_x'] },
      };
  }
}

/** Every kind of fault the emulator injects, with the settings the soak uses. */
export const FAULT_KINDS: readonly Fault[] = [
  { kind: 'latency', ms: 150 },
  { kind: 'status', status: 500 },
  { kind: 'status', status: 503 },
  { kind: 'status', status: 429 },
  { kind: 'drop' },
  { kind: 'malformed' },
  { kind: 'hang' },
];
