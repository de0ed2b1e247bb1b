import { describe, expect, it } from 'vitest';
import type { SessionSource } from '../../src/context.ts';
import type { UserQuery } from '../../src/rest/x-api.ts';
import { createGatewayYoga } from '../../src/yoga.ts';
import { FakeSession } from '../fixtures/schema-fake-session.ts';

const world = { users: [{ id: '12', name: 'Jack', username: 'jack', created_at: 'not a date' }], tweets: [] };

/** A client that records the tokens sessions were made for. */
function fakeClient(session: FakeSession) {
  const tokens: (string | undefined)[] = [];
  const client: SessionSource = {
    session: (auth) => {
      tokens.push(auth?.userToken);
      return session;
    },
  };
  return { client, tokens };
}

/** Posts a query to a yoga. */
async function post(
  yoga: ReturnType<typeof createGatewayYoga>,
  query: string,
  headers: Record<string, string> = {},
) {
  const response = await yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as {
    data?: unknown;
    errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
  };
}

describe('createGatewayYoga', () => {
  it("forwards the request's bearer token to the session, and uses the app's credentials without one", async () => {
    const { client, tokens } = fakeClient(new FakeSession(world));
    const yoga = createGatewayYoga({ client });
    await post(yoga, '{ user(restId: "12") { name } }', { authorization: 'Bearer abc.DEF-123' });
    await post(yoga, '{ user(restId: "12") { name } }');
    expect(tokens).toEqual(['abc.DEF-123', undefined]);
  });

  it('masks unexpected errors and keeps gateway errors with their codes', async () => {
    const session = new FakeSession(world);
    session.usersByUsernames = async () => {
      throw new Error('secret internals');
    };
    const yoga = createGatewayYoga({ client: fakeClient(session).client });
    const result = await post(yoga, '{ a: user(username: "jack") { name } b: user(restId: "13") { name } }');
    expect(result.data).toEqual({ a: null, b: null });
    expect(result.errors?.map((e) => [e.message, e.extensions?.code]).sort()).toEqual([
      ['Not Found Error: Could not find user with ids: [13].', 'NOT_FOUND'],
      ['Unexpected error.', 'INTERNAL_SERVER_ERROR'],
    ]);
  });

  it('masks a malformed instant from X as an unexpected error on that field only', async () => {
    const session = new FakeSession(world);
    const yoga = createGatewayYoga({ client: fakeClient(session).client });
    const result = await post(yoga, '{ user(restId: "12") { name createdAt } }');
    expect(result.data).toEqual({ user: { name: 'Jack', createdAt: null } });
    expect(result.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(result.errors?.[0]?.path).toEqual(['user', 'createdAt']);
    // The same through graphql-js (a non-null variable with a default is not compiled).
    const interpreted = await post(yoga, 'query ($id: ID! = "12") { user(restId: $id) { name createdAt } }');
    expect(interpreted.data).toEqual(result.data);
    expect(interpreted.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['user', 'createdAt'], 'INTERNAL_SERVER_ERROR'],
    ]);
    expect((session.calls[0]?.query as UserQuery | undefined)?.userFields).toEqual(['created_at']);
  });

  it('turns introspection off on request', async () => {
    const yoga = createGatewayYoga({
      client: fakeClient(new FakeSession(world)).client,
      introspection: false,
    });
    const result = await post(yoga, '{ __schema { queryType { name } } }');
    expect(result.errors?.[0]?.message).toContain('introspection');
    const allowed = createGatewayYoga({ client: fakeClient(new FakeSession(world)).client });
    expect((await post(allowed, '{ __schema { queryType { name } } }')).data).toEqual({
      __schema: { queryType: { name: 'Query' } },
    });
  });
});
