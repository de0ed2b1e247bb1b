import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { execute, parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type EmulatorHandle, startEmulator } from '../../src/emulator/start-emulator.ts';
// The library entry; test/package/ imports it by the package's name from the built, installed package.
import { createGatewaySchema } from '../../src/index.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TWITTER_DEV = '2244994945';
let emulator: EmulatorHandle;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rateLimit: 'off' });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => emulator.clearRequests());

/** A library schema over the emulator with its own X client, the response cache off. */
const librarySchema = () =>
  createGatewaySchema({
    x: { baseUrl: emulator.url, bearerToken: 'emulator-app-token', cacheTtlSeconds: 0, maxRetries: 0 },
  });

describe('createGatewaySchema', () => {
  it('executes with a context of its own: the same planner and loaders as /graphql', async () => {
    const gateway = librarySchema();
    try {
      const result = await execute({
        schema: gateway.schema,
        document: parse(
          `{ a: user(restId: "${TWITTER_DEV}") { name location } b: users(restIds: ["${TWITTER_DEV}"]) { location } }`,
        ),
        contextValue: gateway.createContext(),
      });
      expect(result.errors).toBeUndefined();
      expect(result.data?.a).toEqual({ name: 'Twitter Dev', location: expect.anything() });
      // Both root fields share the request's loaders: one batched lookup with the union of fields.
      expect(emulator.requests.map(({ path, query }) => [path, query])).toEqual([
        ['/2/users', { ids: TWITTER_DEV, 'user.fields': 'location' }],
      ]);
    } finally {
      await gateway.close();
    }
  });

  it('publishes the subgraph SDL and the stitching SDL', () => {
    const gateway = librarySchema();
    expect(gateway.subgraphSdl).toBe(readFileSync(resolve(ROOT, 'subgraph.graphql'), 'utf8'));
    expect(gateway.stitchingSdl).toContain(
      'type User implements Node @key(selectionSet: "{ restId }") @canonical',
    );
    expect(gateway.stitchingSdl).toContain(
      'users(restIds: [ID!]!): [User]! @merge(keyField: "restId", keyArg: "restIds")',
    );
    expect(gateway.stitchingSdl).not.toContain('_entities');
    expect(gateway.stitchingSdl).not.toContain('_Any');
  });

  it('makes contexts from HTTP requests, refusing a malformed Authorization header', () => {
    const gateway = librarySchema();
    const request = new Request('http://gateway.test/graphql', { headers: { authorization: 'Basic abc' } });
    expect(() => gateway.contextFromRequest(request)).toThrow(/Bearer/);
    const context = gateway.contextFromRequest(new Request('http://gateway.test/graphql'));
    expect(context.session.principal.kind).toBe('app');
  });

  it('refuses a delegated operation that plans more calls than allowed, before any call', async () => {
    const gateway = createGatewaySchema({
      x: { baseUrl: emulator.url, bearerToken: 'emulator-app-token', cacheTtlSeconds: 0, maxRetries: 0 },
      maxUpstreamCalls: 2,
    });
    try {
      const ids = Array.from({ length: 250 }, (_, index) => `"${index + 1}"`).join(',');
      const refused = await gateway.executor({ document: parse(`{ users(restIds: [${ids}]) { name } }`) });
      expect(refused.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
      expect(emulator.requests).toHaveLength(0);
      const allowed = await gateway.executor({
        document: parse(`{ users(restIds: ["${TWITTER_DEV}"]) { name } }`),
      });
      expect(allowed.data).toEqual({ users: [{ name: 'Twitter Dev' }] });
    } finally {
      await gateway.close();
    }
  });

  it('sends the user token the outer context names upstream from its executor', async () => {
    const gateway = createGatewaySchema({
      x: { baseUrl: emulator.url, bearerToken: 'emulator-app-token', cacheTtlSeconds: 0, maxRetries: 0 },
      userTokenOf: (outer) => (outer as { token?: string }).token,
    });
    try {
      const result = await gateway.executor({
        document: parse(`{ users(restIds: ["${TWITTER_DEV}"]) { username } }`),
        context: { token: emulator.issueUserToken(TWITTER_DEV) },
      });
      expect(result.errors).toBeUndefined();
      expect(emulator.requests[0]?.principal?.kind).toBe('user');
    } finally {
      await gateway.close();
    }
  });
});
