import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayYoga } from '../../src/yoga.ts';
import { startTestGateway, type TestGateway } from '../fixtures/gateway.ts';
import { FakeSession } from '../fixtures/schema-fake-session.ts';

/** TwitterDev, the emulator's documented account. */
const TWITTER_DEV = '2244994945';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(async () => {
  await gateway.close();
});

/** Runs a query and returns its first error message, asserting no upstream call was made. */
async function refusedWithZeroCalls(query: string): Promise<string> {
  gateway.emulator.clearRequests();
  const result = await gateway.query(query);
  expect(result.data ?? undefined).toBeUndefined();
  expect(gateway.emulator.requests).toHaveLength(0);
  return result.errors?.[0]?.message ?? '';
}

/** A query `levels` deep through nested followers lists. */
function deepQuery(levels: number): string {
  let selection = 'id';
  for (let level = 2; level < levels; level += 2)
    selection = `followers(first: 1) { nodes { ${selection} } }`;
  return `{ user(restId: "${TWITTER_DEV}") { ${selection} } }`;
}

describe('useOperationLimits', () => {
  it('refuses a 30-level query with zero calls, naming the depth limit', async () => {
    expect(await refusedWithZeroCalls(deepQuery(30))).toMatch(/depth limit of 12 exceeded, found 30/);
    const result = await gateway.query(deepQuery(30));
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses 500 aliases with zero calls, naming the alias limit', async () => {
    const aliases = Array.from({ length: 500 }, (_, i) => `a${i}: id`).join(' ');
    expect(await refusedWithZeroCalls(`{ user(restId: "${TWITTER_DEV}") { ${aliases} } }`)).toMatch(
      /Aliases limit of 30 exceeded, found 500/,
    );
  });

  it('refuses too many root fields, directives, tokens and bytes, each with its limit', async () => {
    const roots = Array.from({ length: 21 }, (_, i) => `u${i}: user(restId: "${i + 1}") { id }`).join(' ');
    expect(await refusedWithZeroCalls(`{ ${roots} }`)).toMatch(/21 root fields; the limit is 20/);
    const directives = Array.from({ length: 31 }, () => '@include(if: true)').join(' ');
    expect(await refusedWithZeroCalls(`{ __typename ${directives} }`)).toMatch(/Directives limit of 30/);
    const tokens = Array.from({ length: 2100 }, () => 'a').join(' ');
    expect(await refusedWithZeroCalls(`{ ${tokens} }`)).toMatch(/Token limit of 2000 exceeded/);
    const big = `{ __typename } # ${'x'.repeat(20_000)}`;
    expect(await refusedWithZeroCalls(big)).toMatch(/the limit is 16384 bytes/);
  });

  it('runs ordinary queries and the introspection query of GraphiQL', async () => {
    const result = await gateway.query(
      `{ user(restId: "${TWITTER_DEV}") { followers(first: 1) { nodes { pinnedTweet { author { name } } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const { getIntrospectionQuery } = await import('graphql');
    expect((await gateway.query(getIntrospectionQuery())).errors).toBeUndefined();
  });

  it('hides field suggestions when asked (production) and shows them otherwise', async () => {
    const world = { users: [], tweets: [] };
    const post = async (fieldSuggestions: boolean) => {
      const yoga = createGatewayYoga({ client: { session: () => new FakeSession(world) }, fieldSuggestions });
      const response = await yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ user(restId: "1") { nam } }' }),
      });
      return ((await response.json()) as { errors: { message: string }[] }).errors[0]?.message;
    };
    expect(await post(true)).toMatch(/Did you mean "name"\?/);
    expect(await post(false)).not.toMatch(/Did you mean/);
  });
});

describe('useCsrfPrevention', () => {
  /** Posts a body with a content type and extra headers. */
  const post = (contentType: string | undefined, headers: Record<string, string> = {}) =>
    gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { ...(contentType ? { 'content-type': contentType } : {}), ...headers },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

  it('refuses simple cross-site posts with 403 and lets preflighted ones through', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const response = await post(type);
      expect(response.status, type).toBe(403);
      expect(await response.text()).toContain('CSRF_PREVENTED');
    }
    expect((await post('application/json')).status).toBe(200);
    expect((await post('text/plain', { 'x-graphql-csrf': '1' })).status).not.toBe(403);
    const get = await gateway.yoga.fetch('http://gateway.test/graphql?query=%7B__typename%7D', {
      headers: { accept: 'application/json' },
    });
    expect(get.status).toBe(200);
  });
});
