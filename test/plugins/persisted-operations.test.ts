import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentHash } from '../../src/plugins/persisted-operations.ts';
import { type GraphQLResponse, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';

const FOLLOWERS = '{ user(restId: "2244994945") { followers(first: 2) { nodes { name } } } }';
const RATE_LIMIT = '{ rateLimit { endpoint } }';

let dir: string;
let gateway: TestGateway;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'persisted-'));
  const file = join(dir, 'operations.json');
  writeFileSync(
    file,
    JSON.stringify({ followers: FOLLOWERS, [`sha256:${documentHash(RATE_LIMIT)}`]: RATE_LIMIT }),
  );
  gateway = await startTestGateway({ persistedOperationsPath: file });
});
afterAll(async () => {
  await gateway.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Posts a raw GraphQL-over-HTTP body. */
async function post(body: Record<string, unknown>): Promise<GraphQLResponse> {
  const response = await gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as GraphQLResponse;
}

describe('usePersistedOperations', () => {
  it('runs a persisted operation named by documentId, by its sha256 hash, or sent as its exact text', async () => {
    expect((await post({ documentId: 'followers' })).data).toMatchObject({
      user: { followers: { nodes: [{}, {}] } },
    });
    const hash = documentHash(RATE_LIMIT);
    const byHash = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(byHash.errors).toBeUndefined();
    expect(byHash.data).toHaveProperty('rateLimit');
    expect((await post({ query: FOLLOWERS })).errors).toBeUndefined();
  });

  it('refuses any other document and unknown ids before any call', async () => {
    gateway.emulator.clearRequests();
    const other = await post({
      query: '{ user(restId: "2244994945") { followers(first: 3) { nodes { name } } } }',
    });
    expect(other.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    expect(other.errors?.[0]?.message).toContain('X_PERSISTED_OPERATIONS');
    const unknown = await post({ documentId: 'nope' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(gateway.emulator.requests).toHaveLength(0);
  });
});
