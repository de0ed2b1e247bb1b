import { execute, parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type EmulatorHandle, startEmulator } from '../src/emulator/start-emulator.ts';
import { createGatewaySchema } from '../src/index.ts';
import { planRequest } from '../src/pipeline.ts';
import { PlanCache } from '../src/plan/plan-cache.ts';
import { schema as gatewaySchema } from '../src/schema/index.ts';
import { createGatewayYoga } from '../src/yoga.ts';

const TWITTER_DEV = '2244994945';
let emulator: EmulatorHandle;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, rateLimit: 'off' });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => emulator.clearRequests());

/** A library schema over the emulator, the response cache off. */
const librarySchema = (maxUpstreamCalls?: number) =>
  createGatewaySchema({
    x: { baseUrl: emulator.url, bearerToken: 'emulator-app-token', cacheTtlSeconds: 0, maxRetries: 0 },
    ...(maxUpstreamCalls === undefined ? {} : { maxUpstreamCalls }),
  });

// 1 page + 100 nested pages: the 101 calls, over the default 15.
const NESTED = `{ user(restId: "${TWITTER_DEV}") {
  followers(first: 100) { nodes { followers(first: 10) { nodes { username } } } }
} }`;

describe('pipeline', () => {
  it('refuses a too costly operation run by graphql execute over the exported schema, with no call', async () => {
    const gateway = librarySchema();
    try {
      const result = await execute({
        schema: gateway.schema,
        document: parse(NESTED),
        contextValue: gateway.createContext(),
      });
      expect(result.data).toEqual({ user: null });
      expect(result.errors?.map((error) => [error.extensions.code, error.path])).toEqual([
        ['QUERY_TOO_COSTLY', ['user']],
      ]);
      expect(result.errors?.[0]?.message).toContain('101 upstream calls');
      expect(emulator.requests).toEqual([]);
    } finally {
      await gateway.close();
    }
  });

  it('refuses the same operation on the server with the same code and no call', async () => {
    const gateway = librarySchema();
    const yoga = createGatewayYoga({
      client: { session: (auth) => gateway.createContext(auth).session },
      admission: false,
    });
    try {
      const response = await yoga.fetch('http://gateway/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: NESTED }),
      });
      const body = (await response.json()) as { errors?: { extensions: { code: string } }[] };
      expect(body.errors?.map((error) => error.extensions.code)).toEqual(['QUERY_TOO_COSTLY']);
      expect(emulator.requests).toEqual([]);
    } finally {
      await gateway.close();
    }
  });

  it('applies the library maxUpstreamCalls to graphql execute', async () => {
    const gateway = librarySchema(1);
    try {
      const result = await execute({
        schema: gateway.schema,
        document: parse(`{ user(restId: "${TWITTER_DEV}") { name followers(first: 2) { nodes { id } } } }`),
        contextValue: gateway.createContext(),
      });
      expect(result.errors?.map((error) => error.extensions.code)).toEqual(['QUERY_TOO_COSTLY']);
      expect(emulator.requests).toEqual([]);
    } finally {
      await gateway.close();
    }
  });

  it('refuses bad arguments at their field with BAD_USER_INPUT and no call', async () => {
    const gateway = librarySchema();
    try {
      const result = await execute({
        schema: gateway.schema,
        document: parse(`{ user(restId: "${TWITTER_DEV}") { followers(first: 5000) { nodes { id } } } }`),
        contextValue: gateway.createContext(),
      });
      expect(result.errors?.map((error) => [error.extensions.code, error.path])).toEqual([
        ['BAD_USER_INPUT', ['user', 'followers']],
      ]);
    } finally {
      await gateway.close();
    }
  });

  it('runs an affordable operation once planned, with the calls it planned', async () => {
    const gateway = librarySchema();
    try {
      const result = await execute({
        schema: gateway.schema,
        document: parse(`{ user(restId: "${TWITTER_DEV}") { followers(first: 2) { nodes { id } } } }`),
        contextValue: gateway.createContext(),
      });
      expect(result.errors).toBeUndefined();
      expect(emulator.requests.map(({ path }) => path)).toEqual([`/2/users/${TWITTER_DEV}/followers`]);
    } finally {
      await gateway.close();
    }
  });
});

describe('planRequest', () => {
  const document = parse(
    `query ($id: ID!, $n: Int) { user(restId: $id) { followers(first: $n) { nodes { id } } } }`,
  );
  const plan = (variableValues: Record<string, unknown>, cache: PlanCache) =>
    planRequest({ schema: gatewaySchema, document, variableValues }, { cache });

  it('serves the same values sent again from the cache, undeclared ones aside', () => {
    const cache = new PlanCache();
    const first = plan({ id: TWITTER_DEV, n: 5 }, cache);
    expect('nodes' in first).toBe(true);
    expect(plan({ id: TWITTER_DEV, n: 5, extra: 'ignored' }, cache)).toBe(first);
    expect(plan({ id: TWITTER_DEV, n: 6 }, cache)).not.toBe(first);
    expect(cache.size).toBe(2);
  });

  it('still refuses values that do not fit their types once the document is planned', () => {
    const cache = new PlanCache();
    plan({ id: TWITTER_DEV, n: 5 }, cache);
    for (const n of ['5', Number.NaN, 2 ** 40]) {
      const errors = plan({ id: TWITTER_DEV, n }, cache);
      expect(Array.isArray(errors)).toBe(true);
      expect((errors as readonly { extensions: { code?: unknown } }[])[0]?.extensions.code).toBe(
        'BAD_USER_INPUT',
      );
    }
  });

  it('plans values JSON cannot write as themselves without keeping them', () => {
    const cache = new PlanCache();
    plan({ id: TWITTER_DEV, n: null }, cache);
    // NaN would be written as null: it must not be served the plan of null.
    expect(Array.isArray(plan({ id: TWITTER_DEV, n: Number.NaN }, cache))).toBe(true);
    expect('nodes' in plan({ id: TWITTER_DEV, n: undefined }, cache)).toBe(true);
    expect(cache.size).toBe(1);
  });
});
