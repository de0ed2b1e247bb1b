import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedGateway, startLoggedGateway } from '../fixtures/logged-gateway.ts';

/**
 * Hostile clients, root types: the schema only reads, so a mutation or a subscription is a request error
 * refused at validation (GraphQL over HTTP: 400 for `application/graphql-response+json`, 200 without data
 * for `application/json`), never a 500, never an error-level log line, never an upstream call.
 */

let gateway: LoggedGateway;
beforeAll(async () => {
  gateway = await startLoggedGateway();
});
afterAll(async () => {
  await gateway.close();
});

describe('operations without a root type', () => {
  for (const kind of ['mutation', 'subscription']) {
    it(`refuses \`${kind} { __typename }\` at validation with 400 GRAPHQL_VALIDATION_FAILED`, async () => {
      gateway.emulator.clearRequests();
      const { status, body } = await gateway.post({ query: `${kind} { __typename }` });
      expect(status).toBe(400);
      expect(body.data ?? undefined).toBeUndefined();
      expect(body.errors).toHaveLength(1);
      expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(body.errors?.[0]?.message).toBe(
        `This schema has no ${kind} type, so a ${kind} operation cannot run: the gateway only reads. Send a \`query\`.`,
      );
      const legacy = await gateway.post({ query: `${kind} M { __typename }` }, 'application/json');
      expect(legacy.status).toBe(200);
      expect(legacy.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(gateway.xCalls()).toEqual([]);
      expect(gateway.errorLines()).toEqual([]);
    });
  }

  it('refuses a mutation named beside a query in one document, and still runs the query', async () => {
    const query = 'query Q { __typename } mutation M { __typename }';
    const refused = await gateway.post({ query, operationName: 'Q' });
    // Validation covers the whole document, so the query of a document with a mutation is refused too.
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const ok = await gateway.post({ query: 'query Q { __typename }' });
    expect(ok).toMatchObject({ status: 200, body: { data: { __typename: 'Query' } } });
    expect(gateway.errorLines()).toEqual([]);
  });
});
