import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPersistedQueryStore } from '../../src/plugins/automatic-persisted-queries.ts';
import { createGatewayYoga } from '../../src/yoga.ts';
import { FakeSession } from '../fixtures/schema-fake-session.ts';

const session = new FakeSession({ users: [{ id: '12', name: 'Jack', username: 'jack' }], tweets: [] });
const client = { session: () => session };
const USER = gql`
  query User {
    user(restId: "12") {
      name
    }
  }
`;

/** What one HTTP request sent: its query (if any) and its hash. */
interface Sent {
  readonly query?: string;
  readonly hash?: string;
  readonly status: number;
}

/** An Apollo Client with the persisted-query link over `yoga.fetch`, recording what each request sent. */
function apolloOver(yoga: ReturnType<typeof createGatewayYoga>): { apollo: ApolloClient; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetchThrough = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const body = JSON.parse(String(init?.body)) as {
      query?: string;
      extensions?: { persistedQuery?: { sha256Hash?: string } };
    };
    const response = await yoga.fetch(String(input), init ?? {});
    sent.push({
      query: body.query,
      hash: body.extensions?.persistedQuery?.sha256Hash,
      status: response.status,
    });
    return response;
  };
  const link = createPersistedQueryLink({
    sha256: (text: string) => createHash('sha256').update(text).digest('hex'),
  }).concat(new HttpLink({ uri: 'http://gateway.test/graphql', fetch: fetchThrough }));
  return { apollo: new ApolloClient({ link, cache: new InMemoryCache() }), sent };
}

describe('useAutomaticPersistedQueries', () => {
  it("registers a document on Apollo's retry, then runs it from its hash alone", async () => {
    const yoga = createGatewayYoga({ client });
    const { apollo, sent } = apolloOver(yoga);
    const first = await apollo.query({ query: USER, fetchPolicy: 'network-only' });
    expect(first.data).toEqual({ user: { __typename: 'User', name: 'Jack' } });
    // The hash alone, not found; then the document (with the __typename Apollo adds) with its hash.
    const hash = sent[0]?.hash;
    expect(sent).toEqual([
      { hash, status: 404 },
      { query: expect.stringContaining('query User'), hash, status: 200 },
    ]);
    expect(
      createHash('sha256')
        .update(sent[1]?.query ?? '')
        .digest('hex'),
    ).toBe(hash);
    // A second client: the hash alone now runs.
    const other = apolloOver(yoga);
    const again = await other.apollo.query({ query: USER, fetchPolicy: 'network-only' });
    expect(again.data).toEqual(first.data);
    expect(other.sent).toEqual([{ hash, status: 200 }]);
  });

  it('refuses a document sent with a hash that is not its own', async () => {
    const yoga = createGatewayYoga({ client });
    const response = await yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ __typename }',
        extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } },
      }),
    });
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(answer.errors[0]?.extensions.code).toBe('PERSISTED_QUERY_MISMATCH');
  });

  it('keeps its registry within its bounds of entries and bytes', () => {
    const store = createPersistedQueryStore({ maxEntries: 3, maxBytes: 10_000, maxDocumentBytes: 100 });
    for (let i = 0; i < 10; i++) store.set(`h${i}`, `{ a${i}: __typename }`);
    expect([...Array(10).keys()].filter((i) => store.get(`h${i}`) !== undefined)).toEqual([7, 8, 9]);
    store.set('big', `{ __typename } # ${'x'.repeat(200)}`);
    expect(store.get('big')).toBeUndefined();
    const bytes = createPersistedQueryStore({ maxEntries: 1000, maxBytes: 300, maxDocumentBytes: 200 });
    for (let i = 0; i < 10; i++) bytes.set(`h${i}`, `{ __typename } # ${'x'.repeat(80)}${i}`);
    // 99 bytes each (document and hash): three fit in 300.
    expect([...Array(10).keys()].filter((i) => bytes.get(`h${i}`) !== undefined)).toEqual([7, 8, 9]);
  });

  describe('with X_PERSISTED_OPERATIONS', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'apq-persisted-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('registers nothing: a hash runs only an operation of the file', async () => {
      const file = join(dir, 'operations.json');
      writeFileSync(file, JSON.stringify({ rateLimit: '{ rateLimit { endpoint } }' }));
      const yoga = createGatewayYoga({ client, persistedOperationsPath: file });
      const { apollo, sent } = apolloOver(yoga);
      await expect(apollo.query({ query: USER, fetchPolicy: 'network-only' })).rejects.toThrow();
      // The retry with the document is refused too, and nothing was registered.
      expect(sent.map((one) => one.status).every((status) => status === 400)).toBe(true);
      const hash = createHash('sha256').update(print(USER)).digest('hex');
      const byHash = await yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
      });
      const answer = (await byHash.json()) as { errors: { extensions: { code: string } }[] };
      expect(answer.errors[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    });
  });
});
