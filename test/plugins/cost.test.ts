import { afterEach, describe, expect, it } from 'vitest';
import type { CostExtension } from '../../src/cost/cost-extensions.ts';
import type { XSession } from '../../src/rest/x-api.ts';
import { createGatewayYoga } from '../../src/yoga.ts';
import { type CachingGateway, startCachingGateway } from '../fixtures/cost-gateway.ts';
import { dataField, type GraphQLResponse, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';
import { FakeSession } from '../fixtures/schema-fake-session.ts';

/** TwitterDev, the emulator's documented account. */
const TWITTER_DEV = '2244994945';

/** `extensions.cost` of an answer. */
const costOf = (result: GraphQLResponse) => result.extensions?.cost as CostExtension;

/** A query whose every follower lists one of its own followings: 1 + `first` list calls. */
const NESTED = `query ($n: Int) { user(restId: "${TWITTER_DEV}") {
  followers(first: $n) { nodes { following(first: 1) { nodes { id } } } }
} }`;

let open: (TestGateway | CachingGateway)[] = [];
afterEach(async () => {
  await Promise.all(open.map((gateway) => gateway.close()));
  open = [];
});

/** Starts a gateway over the emulator (cache off) and closes it after the test. */
async function gateway(rateLimit: number | 'off' = 'off'): Promise<TestGateway> {
  const started = await startTestGateway({ rateLimit });
  open.push(started);
  return started;
}

describe('useCost', () => {
  it('refuses the 101-call query with zero calls, naming its estimate and the limit', async () => {
    const gw = await gateway();
    const result = await gw.query(NESTED, { n: 100 });
    expect(result.data).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COSTLY',
      estimatedUpstreamCalls: 101,
      maxUpstreamCalls: 15,
    });
    expect(result.errors?.[0]?.message).toMatch(/101 upstream calls.*limit is 15/);
    expect(costOf(result)).toMatchObject({ estimatedUpstreamCalls: 101, actualUpstreamCalls: 0 });
    expect(gw.emulator.requests).toHaveLength(0);
  });

  it('prices `first: $n` by the value of $n', async () => {
    const gw = await gateway();
    const priced = `query ($n: Int) { cost(dryRun: true) { estimatedUpstreamCalls allowed } ${NESTED.slice(
      NESTED.indexOf('{') + 1,
    )}`;
    expect((await gw.query(priced, { n: 14 })).data).toEqual({
      cost: { estimatedUpstreamCalls: 15, allowed: true },
    });
    expect((await gw.query(priced, { n: 15 })).data).toEqual({
      cost: { estimatedUpstreamCalls: 16, allowed: false },
    });
    const refused = await gw.query(NESTED, { n: 15 });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COSTLY',
      estimatedUpstreamCalls: 16,
    });
    expect(gw.emulator.requests).toHaveLength(0);
    const ran = await gw.query(NESTED, { n: 2 });
    expect(ran.errors).toBeUndefined();
    expect(costOf(ran)).toMatchObject({ estimatedUpstreamCalls: 3, actualUpstreamCalls: 3 });
    expect(gw.emulator.requests).toHaveLength(3);
  });

  it('honours X_MAX_UPSTREAM_CALLS as configured', async () => {
    const started = await startTestGateway({ maxUpstreamCalls: 2 });
    open.push(started);
    const result = await started.query(NESTED, { n: 2 });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', maxUpstreamCalls: 2 });
    expect(started.emulator.requests).toHaveLength(0);
  });

  it('refuses a query needing 4 calls when X has 1 left, with zero calls and resetAt', async () => {
    const gw = await gateway(3);
    const page = await gw.query(
      `{ user(restId: "${TWITTER_DEV}") { followers(first: 4) { nodes { restId } } } }`,
    );
    const ids = dataField<{ followers: { nodes: { restId: string }[] } }>(page, 'user').followers.nodes.map(
      (node) => node.restId,
    );
    expect(ids).toHaveLength(4);
    await gw.query(`{ user(restId: "${ids[0]}") { followers(first: 1) { nodes { id } } } }`);
    gw.emulator.clearRequests();
    const four = ids.map((id, i) => `u${i}: user(restId: "${id}") { followers(first: 1) { nodes { id } } }`);
    const result = await gw.query(`{ ${four.join(' ')} }`);
    expect(gw.emulator.requests).toHaveLength(0);
    const error = result.errors?.[0];
    expect(error?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      endpoint: 'GET /2/users/:id/followers',
      remaining: 1,
      estimatedUpstreamCalls: 4,
      resetAt: expect.stringMatching(/Z$/),
      retryAfterSeconds: expect.any(Number),
    });
    expect(error?.message).toMatch(/needs up to 4 calls to GET \/2\/users\/:id\/followers.*allows 1 more/);
    // One call still fits.
    expect((await gw.query(four[1] ? `{ ${four[1]} }` : '')).errors).toBeUndefined();
  });

  it('reports extensions.cost and rateLimit that agree with the headers of the emulator', async () => {
    const gw = await gateway(15);
    const result = await gw.query(
      `{ user(restId: "${TWITTER_DEV}") { followers(first: 3) { nodes { pinnedTweet { text } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const upstream = await fetch(`${gw.emulator.url}/2/users/${TWITTER_DEV}/followers?max_results=1`, {
      headers: { authorization: 'Bearer emulator-app-token' },
    });
    const header = (name: string) => Number(upstream.headers.get(name));
    const expected = {
      endpoint: 'GET /2/users/:id/followers',
      limit: header('x-rate-limit-limit'),
      // The direct call above spent one more than the gateway saw.
      remaining: header('x-rate-limit-remaining') + 1,
      resetAt: new Date(header('x-rate-limit-reset') * 1000).toISOString(),
    };
    const cost = costOf(result);
    expect(cost).toMatchObject({ estimatedUpstreamCalls: 1, actualUpstreamCalls: 1, cacheHits: 0 });
    expect(cost.rateLimits).toEqual([{ ...expected, used: expected.limit - expected.remaining }]);
    const listed = await gw.query('{ rateLimit { endpoint limit remaining resetAt used } }');
    expect(listed.data).toEqual({ rateLimit: [{ ...expected, used: expected.limit - expected.remaining }] });
    expect(costOf(listed)).toMatchObject({ estimatedUpstreamCalls: 0, actualUpstreamCalls: 0 });
  });

  it('answers a dry run with its price only, making no call, even over the limit', async () => {
    const gw = await gateway();
    const result = await gw.query(
      `query ($n: Int) { cost(dryRun: true) { estimatedUpstreamCalls maxUpstreamCalls allowed refusal
        endpoints { endpoint calls remaining resetAt } } ${NESTED.slice(NESTED.indexOf('{') + 1)}`,
      { n: 100 },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      cost: {
        estimatedUpstreamCalls: 101,
        maxUpstreamCalls: 15,
        allowed: false,
        refusal: expect.stringContaining('101 upstream calls'),
        endpoints: [
          { endpoint: 'GET /2/users/:id/followers', calls: 1, remaining: null, resetAt: null },
          { endpoint: 'GET /2/users/:id/following', calls: 100, remaining: null, resetAt: null },
        ],
      },
    });
    expect(gw.emulator.requests).toHaveLength(0);
  });

  it('puts extensions.cost on every answer, refused or invalid ones included', async () => {
    const gw = await gateway();
    for (const query of ['{ user(restId: ', '{ nope }', '{ user(restId: "x") { name } }', '{ __typename }']) {
      expect(costOf(await gw.query(query)), query).toMatchObject({
        estimatedUpstreamCalls: 0,
        actualUpstreamCalls: 0,
        cacheHits: 0,
      });
    }
  });
});

describe('useCost with the response cache', () => {
  it('prices a page already cached at zero calls', async () => {
    const gw = await startCachingGateway();
    open.push(gw);
    const query = `{ user(restId: "${TWITTER_DEV}") { followers(first: 5) { nodes { name } } } }`;
    expect(costOf(await gw.query(query))).toMatchObject({
      estimatedUpstreamCalls: 1,
      actualUpstreamCalls: 1,
    });
    const again = await gw.query(query);
    expect(costOf(again)).toMatchObject({
      estimatedUpstreamCalls: 0,
      cachedCalls: 1,
      actualUpstreamCalls: 0,
      cacheHits: 1,
    });
    expect(gw.emulator.requests).toHaveLength(1);
  });

  it('serves a stale page during a 429 and says which fields are stale', async () => {
    const gw = await startCachingGateway({ cacheTtlSeconds: 60, cacheStaleSeconds: 900 });
    open.push(gw);
    const query = `{ user(restId: "${TWITTER_DEV}") { name followers(first: 5) { nodes { name } } } }`;
    const fresh = await gw.query(query);
    expect(fresh.extensions?.stale).toBeUndefined();
    gw.advance(120_000);
    gw.emulator.faults.inject({ kind: 'status', status: 429, path: '/followers' });
    const stale = await gw.query(query);
    expect(stale.errors).toBeUndefined();
    expect(stale.data).toEqual(fresh.data);
    expect(stale.extensions?.stale).toMatchObject({
      endpoints: ['GET /2/users/:id/followers'],
      paths: ['user.followers'],
    });
    expect(gw.emulator.requests.filter((r) => r.status === 429)).toHaveLength(1);
    // X's budget is now known to be spent, but the stale page needs none: served again, with no call.
    const count = gw.emulator.requests.length;
    const again = await gw.query(
      `{ user(restId: "${TWITTER_DEV}") { followers(first: 5) { nodes { name } } } }`,
    );
    expect(again.data).toEqual({
      user: { followers: dataField<{ followers: unknown }>(fresh, 'user').followers },
    });
    expect(again.extensions?.stale).toMatchObject({ paths: ['user.followers'] });
    expect(gw.emulator.requests).toHaveLength(count);
  });

  it('returns every field that completed, with resumable cursors, when a rate limit hits half-way', async () => {
    const gw = await startCachingGateway({ cacheTtlSeconds: 0 });
    open.push(gw);
    const ids = await gw.query(
      `{ user(restId: "${TWITTER_DEV}") { followers(first: 1) { nodes { restId } } } }`,
    );
    const other = dataField<{ followers: { nodes: { restId: string }[] } }>(ids, 'user').followers.nodes[0]
      ?.restId;
    gw.emulator.faults.inject({ kind: 'status', status: 429, path: `/2/users/${other}/followers`, times: 1 });
    const page = '{ edges { cursor node { restId } } pageInfo { endCursor hasNextPage } }';
    const result = await gw.query(`{
      a: user(restId: "${TWITTER_DEV}") { followers(first: 2) ${page} }
      b: user(restId: "${other}") { followers(first: 2) ${page} }
    }`);
    type Page = { edges: { cursor: string }[]; pageInfo: { endCursor: string; hasNextPage: boolean } };
    const done = dataField<{ followers: Page }>(result, 'a').followers;
    expect(done.edges).toHaveLength(2);
    expect(done.pageInfo).toMatchObject({ endCursor: done.edges[1]?.cursor, hasNextPage: true });
    expect(result.data?.b).toBeNull();
    expect(result.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['b', 'followers'], 'RATE_LIMITED'],
    ]);
    // After the window, the completed connection resumes from its cursor.
    gw.advance(16 * 60_000);
    const next = await gw.query(
      `{ user(restId: "${TWITTER_DEV}") { followers(first: 2, after: "${done.pageInfo.endCursor}") ${page} } }`,
    );
    expect(next.errors).toBeUndefined();
    expect(dataField<{ followers: Page }>(next, 'user').followers.edges).toHaveLength(2);
  });
});

describe('useCost with a shared level', () => {
  it('pulls the planned pages from the shared level before pricing them', async () => {
    const session: XSession = new FakeSession({ users: [], tweets: [] });
    const pulled: string[] = [];
    session.loadSharedList = async (kind, userId, query) => {
      pulled.push(`${kind}:${userId}:${query.maxResults}`);
    };
    session.isListCached = (kind, userId, query) => pulled.includes(`${kind}:${userId}:${query.maxResults}`);
    const yoga = createGatewayYoga({ client: { session: () => session } });
    const response = await yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          '{ cost(dryRun: true) { estimatedUpstreamCalls cachedCalls } user(restId: "7") { following(first: 4) { nodes { id } } } }',
      }),
    });
    const body = (await response.json()) as GraphQLResponse;
    expect(pulled).toEqual(['following:7:4']);
    expect(body.data).toEqual({ cost: { estimatedUpstreamCalls: 0, cachedCalls: 1 } });
  });
});
