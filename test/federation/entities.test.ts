import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { planOperation } from '../../src/plan/build-plan.ts';
import { estimateUpstreamCalls } from '../../src/plan/estimate.ts';
import { schema } from '../../src/schema/index.ts';
import { dataField, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';

const TWITTER_DEV = '2244994945';
const ENTITIES_QUERY = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on User { restId name location }
    ... on Tweet { restId lang }
  }
}`;

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(async () => {
  await gateway.close();
});
beforeEach(() => gateway.emulator.clearRequests());

/** User representations of ids. */
const users = (ids: readonly string[]) => ids.map((restId) => ({ __typename: 'User', restId }));

/** Each call the gateway made to X: path, number of ids, and the fields it asked. */
const calls = () =>
  gateway.emulator.requests.map(({ path, query }) => ({
    path,
    ids: String(query.ids).split(',').length,
    fields: query['user.fields'] ?? query['tweet.fields'],
  }));

describe('federation _entities', () => {
  it('resolves 250 user representations with 3 lookups of at most 100, asking only the fields selected', async () => {
    const followers = gateway.emulator.store.followers(TWITTER_DEV);
    const ids = Array.from({ length: 250 }, (_, index) => followers.idAt(index));
    const result = await gateway.query(ENTITIES_QUERY, { representations: users(ids) });
    expect(result.errors).toBeUndefined();
    const entities = dataField<{ restId: string; name: string }[]>(result, '_entities');
    expect(entities.map((entity) => entity.restId)).toEqual(ids);
    expect(entities[7]?.name).toBe(gateway.emulator.store.userById(ids[7] as string)?.name);
    expect(calls()).toEqual([
      { path: '/2/users', ids: 100, fields: 'location' },
      { path: '/2/users', ids: 100, fields: 'location' },
      { path: '/2/users', ids: 50, fields: 'location' },
    ]);
  });

  it('answers a representation of an unknown id with null and NOT_FOUND at its index', async () => {
    const result = await gateway.query(ENTITIES_QUERY, {
      representations: users([TWITTER_DEV, '999']),
    });
    expect(dataField<unknown[]>(result, '_entities')).toEqual([
      { __typename: 'User', restId: TWITTER_DEV, name: 'Twitter Dev', location: expect.anything() },
      null,
    ]);
    expect(result.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['_entities', 1], 'NOT_FOUND'],
    ]);
    expect(calls()).toEqual([{ path: '/2/users', ids: 2, fields: 'location' }]);
  });

  it('looks representations up even when only their keys are read', async () => {
    const result = await gateway.query(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { restId } } }',
      { r: users(['999']) },
    );
    expect(dataField<unknown[]>(result, '_entities')).toEqual([null]);
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(calls()).toEqual([{ path: '/2/users', ids: 1, fields: undefined }]);
  });

  it('resolves tweet representations through the tweet loader', async () => {
    const pinned = gateway.emulator.store.userById(TWITTER_DEV)?.pinnedTweetId as string;
    const result = await gateway.query(ENTITIES_QUERY, {
      representations: [{ __typename: 'Tweet', restId: pinned }],
    });
    expect(result.errors).toBeUndefined();
    expect(dataField<unknown[]>(result, '_entities')).toEqual([
      { __typename: 'Tweet', restId: pinned, lang: expect.any(String) },
    ]);
    expect(calls()).toEqual([{ path: '/2/tweets', ids: 1, fields: 'lang' }]);
  });

  it('rejects representations that are not a User or Tweet with an X id as a string, before any call', async () => {
    for (const [representation, message] of [
      [
        { __typename: 'User', restId: 12 },
        '`representations[1].restId` must be an X id as a decimal string.',
      ],
      [{ __typename: 'User', restId: '12x' }, '`representations[1].restId` must be an X id'],
      [
        { __typename: 'Query', restId: '12' },
        '`representations[1]` must have `__typename` "User" or "Tweet".',
      ],
    ] as const) {
      const result = await gateway.query(ENTITIES_QUERY, {
        representations: [{ __typename: 'User', restId: TWITTER_DEV }, representation],
      });
      expect(result.data).toBeUndefined();
      expect(result.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
        [['_entities'], 'BAD_USER_INPUT'],
      ]);
      expect(result.errors?.[0]?.message).toContain(message);
    }
    expect(gateway.emulator.requests).toHaveLength(0);
  });

  it('plans _entities like a root lookup: the fields selected, priced at one call per 100 representations', () => {
    const representations = users(Array.from({ length: 250 }, (_, index) => String(index + 1)));
    const plan = planOperation({
      schema,
      document: gateway.yoga.getEnveloped().parse(ENTITIES_QUERY),
      variables: { representations },
    });
    expect(plan.nodes.get('_entities')).toMatchObject({
      multiplicity: 250,
      user: { lookup: true, query: { userFields: ['location'] } },
      tweet: { lookup: true, query: { tweetFields: ['lang'] } },
      upstream: [{ endpoint: 'GET /2/users', calls: 1, batched: true, instances: 250 }],
    });
    expect(estimateUpstreamCalls(plan).byEndpoint).toEqual({ 'GET /2/users': 3 });
  });

  it('serves its subgraph SDL as _service { sdl }, the same as the committed subgraph.graphql', async () => {
    const { readFileSync } = await import('node:fs');
    const committed = readFileSync(new URL('../../subgraph.graphql', import.meta.url), 'utf8');
    const result = await gateway.query('{ _service { sdl } }');
    expect(dataField<{ sdl: string }>(result, '_service').sdl).toBe(committed);
    expect(committed).toContain('type User implements Node\n  @key(fields: "restId")');
    expect(committed).toContain('_sdl: String! @inaccessible');
  });
});
