import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/node.ts';
import { startTestGateway, type TestGateway } from '../fixtures/gateway.ts';

/**
 * Lists of an interface or union keep the length asked, one item per id, when an item is not found: a
 * router matches `_entities` answers to its representations by position.
 */

const MISSING_TWEET = '1913073786223027009';
let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(async () => {
  await gateway.close();
});

/** Posts a query with variables; the answer's data and error paths with codes. */
async function run(query: string, variables: Record<string, unknown>) {
  const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as {
    data: Record<string, ({ restId: string } | null)[]>;
    errors?: { path: (string | number)[]; extensions: { code: string } }[];
  };
  return { data: body.data, errors: body.errors?.map((e) => [e.path.join('.'), e.extensions.code]) };
}

describe('lists of abstract types', () => {
  it('answers _entities with one entry per representation when a tweet after a user is missing', async () => {
    const { data, errors } = await run(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { restId } ... on Tweet { restId } } }',
      {
        r: [
          { __typename: 'User', restId: '2244994945' },
          { __typename: 'Tweet', restId: MISSING_TWEET },
          { __typename: 'User', restId: '783214' },
        ],
      },
    );
    expect(data._entities).toEqual([{ restId: '2244994945' }, null, { restId: '783214' }]);
    expect(errors).toEqual([['_entities.1', 'NOT_FOUND']]);
  });

  it('answers nodes with one entry per id when a tweet between users is missing', async () => {
    const ids = [
      encodeGlobalId('User', '2244994945'),
      encodeGlobalId('Tweet', MISSING_TWEET),
      encodeGlobalId('User', '783214'),
    ];
    const { data } = await run(
      'query ($ids: [ID!]!) { nodes(ids: $ids) { ... on User { restId } ... on Tweet { restId } } }',
      { ids },
    );
    expect(data.nodes).toHaveLength(3);
    expect(data.nodes?.[0]).toEqual({ restId: '2244994945' });
    expect(data.nodes?.[2]).toEqual({ restId: '783214' });
  });
});
