import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/loaders/list-cursor.ts';
import { dataField, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';

const TWITTER_DEV = '2244994945';
let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(async () => {
  await gateway.close();
});
beforeEach(() => gateway.emulator.clearRequests());

/** Runs a query that must fail with BAD_USER_INPUT before any upstream call; returns the messages. */
async function rejected(query: string, variables?: Record<string, unknown>) {
  const result = await gateway.query(query, variables);
  expect(result.data ?? null).toBeNull();
  expect(result.errors?.length).toBeGreaterThan(0);
  for (const error of result.errors ?? []) expect(error.extensions?.code).toBe('BAD_USER_INPUT');
  expect(gateway.emulator.requests).toEqual([]);
  return (result.errors ?? []).map((error) => [error.path?.join('.'), error.message]);
}

const followers = (args: string) =>
  `{ user(restId: "${TWITTER_DEV}") { name followers(${args}) { nodes { name } } } }`;

describe('bad input', () => {
  it('rejects out-of-range first and last, with variables too', async () => {
    expect(await rejected(followers('first: 0'))).toEqual([
      ['user.followers', '`first` must be between 1 and 1000; got 0.'],
    ]);
    expect(await rejected(followers('first: 1001'))).toEqual([
      ['user.followers', '`first` must be between 1 and 1000; got 1001.'],
    ]);
    const query = `query ($n: Int) { user(restId: "${TWITTER_DEV}") { following(last: $n, before: "x") { totalCount } } }`;
    expect((await rejected(query, { n: -5 }))[0]?.[1]).toBe('`last` must be between 1 and 1000; got -5.');
  });

  it('rejects unsupported combinations of first, last, after and before', async () => {
    expect((await rejected(followers('first: 5, last: 5')))[0]?.[1]).toBe(
      'Give `first` or `last`, not both.',
    );
    expect((await rejected(followers('last: 5')))[0]?.[1]).toContain('`last` needs `before`');
  });

  it('rejects malformed and foreign cursors', async () => {
    expect(await rejected(followers('after: "bm90IGEgY3Vyc29y"'))).toEqual([
      ['user.followers', '`after` is not a cursor this gateway returned.'],
    ]);
    const page = {
      token: undefined,
      maxResults: 5,
      count: 5,
      nextToken: undefined,
      previousToken: undefined,
    };
    const cursor = { page, index: 3, userId: '783214' } as const;
    const ofOtherUser = encodeCursor({ list: 'followers', ownerId: '783214', ...cursor });
    expect((await rejected(followers(`after: "${ofOtherUser}"`)))[0]?.[1]).toBe(
      '`after` is a cursor of another list, not of followers of 2244994945.',
    );
    const ofFollowing = encodeCursor({ list: 'following', ownerId: TWITTER_DEV, ...cursor });
    expect((await rejected(followers(`last: 2, before: "${ofFollowing}"`)))[0]?.[1]).toContain(
      '`before` is a cursor of another list',
    );
  });

  it("checks at run time the owner of a cursor whose list's owner only a list names", async () => {
    const first = await gateway.query(
      `{ user(restId: "${TWITTER_DEV}") { followers(first: 2) { edges { cursor } } } }`,
    );
    const cursor = dataField<{ followers: { edges: { cursor: string }[] } }>(first, 'user').followers.edges[0]
      ?.cursor;
    gateway.emulator.clearRequests();
    const result = await gateway.query(
      `query ($c: String) { user(restId: "${TWITTER_DEV}") { followers(first: 1) { nodes { followers(after: $c) { nodes { name } } } } } }`,
      { c: cursor },
    );
    expect(result.data).toEqual({ user: null });
    expect(result.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
      ['user.followers.nodes.0.followers', 'BAD_USER_INPUT'],
    ]);
    expect(gateway.emulator.requests.map((r) => r.path)).toEqual([`/2/users/${TWITTER_DEV}/followers`]);
  });

  it('rejects malformed ids, usernames and global ids', async () => {
    expect(await rejected('{ user(restId: "12a") { name } }')).toEqual([
      ['user', '`restId` must be an X id, a decimal string of 1 to 19 digits; got "12a".'],
    ]);
    expect((await rejected('{ user(restId: "12345678901234567890") { name } }'))[0]?.[1]).toContain(
      '`restId`',
    );
    expect((await rejected('{ user(username: "no-dashes") { name } }'))[0]?.[1]).toContain('`username`');
    expect((await rejected('{ user(restId: "1", username: "a") { name } }'))[0]?.[1]).toBe(
      '`user` takes exactly one of `restId` and `username`.',
    );
    expect((await rejected('{ users(restIds: ["1", "x"]) { name } }'))[0]?.[1]).toContain('`restIds[1]`');
    expect(
      (await rejected('{ usersByUsername(usernames: ["ok", "waytoolongusername"]) { name } }'))[0]?.[1],
    ).toContain('`usernames[1]`');
    expect((await rejected('{ tweet(restId: "-1") { text } }'))[0]?.[1]).toContain('`restId`');
    expect((await rejected('{ node(id: "VXNlcjp4") { id } }'))[0]?.[1]).toBe(
      '`id` is not a global id of a User or a Tweet.',
    );
    expect((await rejected('{ nodes(ids: ["VXNlcjoxMg==", "bad"]) { id } }'))[0]?.[1]).toContain('`ids[1]`');
  });

  it('reports every bad argument of an operation at once', async () => {
    const messages = await rejected(`{ a: user(restId: "x") { name } b: tweet(restId: "y") { text } }`);
    expect(messages.map(([path]) => path)).toEqual(['a', 'b']);
  });

  it('answers a malformed Authorization header with UNAUTHENTICATED and no upstream call', async () => {
    const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic dXNlcjpwYXNz' },
      body: JSON.stringify({ query: `{ user(restId: "${TWITTER_DEV}") { name } }` }),
    });
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(response.status).toBe(401);
    expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors[0]?.message).not.toContain('dXNlcjpwYXNz');
    expect(gateway.emulator.requests).toEqual([]);
  });
});
