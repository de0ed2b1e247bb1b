import { afterEach, describe, expect, it } from 'vitest';
import type { CostExtension } from '../../src/cost/cost-extensions.ts';
import { encodeGlobalId } from '../../src/schema/node.ts';
import type { GraphQLResponse } from '../fixtures/gateway.ts';
import { type LoggedGateway, startLoggedGateway } from '../fixtures/logged-gateway.ts';

/**
 * Hostile clients: `nodes(ids:)` and `_entities(representations:)` mixing users and tweets. Each type is
 * looked up on its own endpoint (100 ids a call), so each is priced, and rate-limit checked, on its own:
 * the estimate stays an upper bound and a query over the limit is refused before any call.
 */

/** TwitterDev, the emulator's documented account. */
const TWITTER_DEV = '2244994945';

/** `count` tweet ids from `from` on (unknown to the emulator: each is still asked for). */
const tweetIds = (count: number, from = 1_000_000) =>
  Array.from({ length: count }, (_, index) => String(from + index));

/** The global ids of one user and `tweets` tweets. */
const mixedIds = (tweets: number, from?: number) => [
  encodeGlobalId('User', TWITTER_DEV),
  ...tweetIds(tweets, from).map((id) => encodeGlobalId('Tweet', id)),
];

/** The reported repro: two `nodes` fields, 1 user + 799 tweets and 1 user + 699 tweets. */
const TWO_NODES = `query ($a: [ID!]!, $b: [ID!]!) { a: nodes(ids: $a) { id } b: nodes(ids: $b) { id } }`;
const TWO_NODES_VARIABLES = { a: mixedIds(799), b: mixedIds(699, 2_000_000) };

let open: LoggedGateway[] = [];
afterEach(async () => {
  await Promise.all(open.map((gateway) => gateway.close()));
  open = [];
});

/** Starts a logged gateway over the emulator and closes it after the test. */
async function gateway(options: Parameters<typeof startLoggedGateway>[0] = {}) {
  const started = await startLoggedGateway(options);
  open.push(started);
  return started;
}

/** Posts a query; the HTTP status and the body. */
async function post(gw: LoggedGateway, query: string, variables: Record<string, unknown>) {
  const response = await gw.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
}

/** `extensions.cost` of an answer. */
const costOf = (body: GraphQLResponse) => body.extensions?.cost as CostExtension;

describe('mixed user and tweet ids', () => {
  it('refuses two nodes fields of 1 user + 799 tweets and 1 user + 699 tweets (17 calls) with zero calls', async () => {
    const gw = await gateway();
    const { status, body } = await post(gw, TWO_NODES, TWO_NODES_VARIABLES);
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['QUERY_TOO_COSTLY']);
    expect(body.errors?.[0]?.extensions).toMatchObject({ estimatedUpstreamCalls: 17, maxUpstreamCalls: 15 });
    expect(body.errors?.[0]?.message).toContain('GET /2/tweets: 15');
    expect(costOf(body)).toMatchObject({
      estimatedUpstreamCalls: 17,
      actualUpstreamCalls: 0,
      byEndpoint: { 'GET /2/users': 2, 'GET /2/tweets': 15 },
    });
    expect(gw.xCalls()).toHaveLength(0);
    // The refusal is logged (the request line), never at error level.
    expect(gw.lines.length).toBeGreaterThan(0);
    expect(gw.errorLines()).toEqual([]);
  });

  it('makes no more calls than it estimated for the same query when the limit allows it', async () => {
    const gw = await gateway({ maxUpstreamCalls: 20 });
    const { status, body } = await post(gw, TWO_NODES, TWO_NODES_VARIABLES);
    expect(status).toBe(200);
    const cost = costOf(body);
    expect(cost.estimatedUpstreamCalls).toBe(17);
    expect(cost.actualUpstreamCalls).toBe(gw.xCalls().length);
    expect(cost.actualUpstreamCalls).toBeGreaterThan(15);
    expect(cost.actualUpstreamCalls).toBeLessThanOrEqual(cost.estimatedUpstreamCalls);
    const tweetCalls = gw.xCalls().filter((call) => call.path === '/2/tweets');
    expect(tweetCalls.length).toBeLessThanOrEqual(cost.byEndpoint['GET /2/tweets'] ?? 0);
    expect(gw.errorLines()).toEqual([]);
  });

  it('prices _entities per type: 150 users and 250 tweets are 2 user and 3 tweet lookups', async () => {
    const gw = await gateway();
    const followers = gw.emulator.store.followers(TWITTER_DEV);
    const representations = [
      ...Array.from({ length: 150 }, (_, index) => ({ __typename: 'User', restId: followers.idAt(index) })),
      ...tweetIds(250).map((restId) => ({ __typename: 'Tweet', restId })),
    ];
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) {
      ... on User { name } ... on Tweet { text } } }`;
    const { body } = await post(gw, query, { r: representations });
    const cost = costOf(body);
    expect(cost.byEndpoint).toEqual({ 'GET /2/users': 2, 'GET /2/tweets': 3 });
    expect(cost.actualUpstreamCalls).toBe(5);
    expect(gw.xCalls().map((call) => call.path)).toEqual([
      '/2/users',
      '/2/users',
      '/2/tweets',
      '/2/tweets',
      '/2/tweets',
    ]);
    expect(gw.errorLines()).toEqual([]);
  });

  it('checks the tweets endpoint budget: RATE_LIMITED with zero calls when X has too little left', async () => {
    const gw = await gateway({ rateLimit: 3 });
    // One tweet lookup teaches the gateway that 2 calls are left on GET /2/tweets.
    await post(gw, 'query ($id: ID!) { node(id: $id) { id } }', { id: encodeGlobalId('Tweet', '1') });
    expect(gw.xCalls()).toHaveLength(1);
    gw.emulator.clearRequests();
    const { status, body } = await post(gw, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
      ids: mixedIds(300),
    });
    expect(status).toBe(200);
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      endpoint: 'GET /2/tweets',
      remaining: 2,
      estimatedUpstreamCalls: 4,
    });
    expect(gw.xCalls()).toHaveLength(0);
    expect(gw.errorLines()).toEqual([]);
  });

  it('prices a dry run of mixed ids on both endpoints, making no call', async () => {
    const gw = await gateway();
    const query = `query ($ids: [ID!]!) { cost(dryRun: true) { estimatedUpstreamCalls allowed
      endpoints { endpoint calls } } nodes(ids: $ids) { id } }`;
    const { body } = await post(gw, query, { ids: [...mixedIds(101), ...mixedIds(101)] });
    expect(body.data).toEqual({
      cost: {
        estimatedUpstreamCalls: 4,
        allowed: true,
        endpoints: [
          { endpoint: 'GET /2/users', calls: 1 },
          { endpoint: 'GET /2/tweets', calls: 3 },
        ],
      },
    });
    expect(gw.xCalls()).toHaveLength(0);
  });

  it('prices a field selected on one type for that type only: a tweet id with User connections costs one lookup', async () => {
    const gw = await gateway();
    const query = `query ($id: ID!) { node(id: $id) { ... on User { followers(first: 5) { nodes { name } } }
      ... on Tweet { text } } }`;
    const { body } = await post(gw, query, { id: encodeGlobalId('Tweet', '1') });
    expect(costOf(body)).toMatchObject({ estimatedUpstreamCalls: 1, byEndpoint: { 'GET /2/tweets': 1 } });
    expect(costOf(body).actualUpstreamCalls).toBeLessThanOrEqual(1);
  });
});
