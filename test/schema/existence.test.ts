import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/node.ts';
import { dataField, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';

const TWITTER_DEV = '2244994945';
const UNKNOWN_USER = '999';
const UNKNOWN_TWEET = '1';
let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(async () => {
  await gateway.close();
});
beforeEach(() => gateway.emulator.clearRequests());

/** The path and code of each error of a result. */
const codes = (result: Awaited<ReturnType<TestGateway['query']>>) =>
  (result.errors ?? []).map((error) => [error.path?.join('.'), error.extensions?.code]);

/** The calls the emulator saw: path and parameters. */
const calls = () => gateway.emulator.requests.map(({ path, query }) => [path, query]);

describe('existence of objects named by id', () => {
  it('answers users(restIds:) read for ids alone with null and NOT_FOUND for an unknown id, one call', async () => {
    const result = await gateway.query(
      `{ users(restIds: ["${TWITTER_DEV}", "${UNKNOWN_USER}"]) { restId id } }`,
    );
    expect(result.data).toEqual({
      users: [{ restId: TWITTER_DEV, id: encodeGlobalId('User', TWITTER_DEV) }, null],
    });
    expect(codes(result)).toEqual([['users.1', 'NOT_FOUND']]);
    expect(calls()).toEqual([['/2/users', { ids: `${UNKNOWN_USER},${TWITTER_DEV}` }]]);
  });

  it('verifies 250 ids in 3 calls of at most 100', async () => {
    const ids = Array.from({ length: 250 }, (_, index) => String(index + 1));
    const result = await gateway.query('query ($ids: [ID!]!) { users(restIds: $ids) { restId } }', { ids });
    expect(dataField<unknown[]>(result, 'users')).toHaveLength(250);
    expect(
      calls().map(([path, query]) => [path, String((query as { ids: string }).ids).split(',').length]),
    ).toEqual([
      ['/2/users', 100],
      ['/2/users', 100],
      ['/2/users', 50],
    ]);
  });

  it('answers tweet, node and nodes read for ids alone with null and NOT_FOUND for unknown ids', async () => {
    const userId = encodeGlobalId('User', UNKNOWN_USER);
    const tweetId = encodeGlobalId('Tweet', UNKNOWN_TWEET);
    const known = encodeGlobalId('User', TWITTER_DEV);
    const result = await gateway.query(`{
      tweet(restId: "${UNKNOWN_TWEET}") { restId }
      node(id: "${userId}") { id }
      nodes(ids: ["${tweetId}", "${known}"]) { id }
    }`);
    expect(result.data).toEqual({ tweet: null, node: null, nodes: [null, { id: known }] });
    expect(codes(result).sort()).toEqual([
      ['node', 'NOT_FOUND'],
      ['nodes.0', 'NOT_FOUND'],
      ['tweet', 'NOT_FOUND'],
    ]);
    expect(calls().sort()).toEqual([
      ['/2/tweets', { ids: UNKNOWN_TWEET }],
      ['/2/users', { ids: `${UNKNOWN_USER},${TWITTER_DEV}` }],
    ]);
  });

  it('keeps user(restId:) lazy when only its followers are read', async () => {
    const result = await gateway.query(
      `{ user(restId: "${TWITTER_DEV}") { restId followers(first: 2) { nodes { restId } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(calls().map(([path]) => path)).toEqual([`/2/users/${TWITTER_DEV}/followers`]);
  });
});
