import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlanCache } from '../../src/plan/plan-cache.ts';
import { documentCaches } from '../../src/plugins/document-cache.ts';
import { type LoggedGateway, startLoggedGateway } from '../fixtures/logged-gateway.ts';

/**
 * Hostile clients, caches keyed by request content: the plan cache is keyed by document, operation and
 * the variables the operation declares, so variables it does not declare never grow it, and it stays
 * within its bounds in entries and bytes whatever values arrive.
 */

const planCache = new PlanCache({ maxEntries: 8, maxBytes: 64 * 1024, maxEntryBytes: 16 * 1024 });
const parsed = documentCaches({ maxEntries: 100, maxBytes: 512 * 1024 });
let gateway: LoggedGateway;
beforeAll(async () => {
  // The request bounds are lifted here (test/hostile/request-size.test.ts covers them): these caches must
  // stay bounded even for requests the bounds would let through.
  gateway = await startLoggedGateway({
    planCache,
    parserAndValidationCache: parsed,
    maxRequestBodySize: 32 * 1024 * 1024,
    limits: { maxInputDepth: 200_000, maxInputValues: 1_000_000 },
  });
});
afterAll(async () => {
  await gateway.close();
});

/** A query reading TwitterDev's followers, with `$n` declared; no other variable. */
const FOLLOWERS =
  'query ($n: Int) { user(username: "TwitterDev") { followers(first: $n) { nodes { username } } } }';

describe('caches keyed by request content', () => {
  it('keeps one plan for 16 requests each with a distinct 1 MB undeclared variable', async () => {
    const before = planCache.size;
    for (let i = 0; i < 16; i++) {
      const { status, body } = await gateway.post({
        query: FOLLOWERS,
        variables: { n: 1, [`junk${i}`]: `${i}`.padEnd(1024 * 1024, 'x') },
      });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
    }
    expect(planCache.size).toBe(before + 1);
    expect(planCache.calculatedSize).toBeLessThan(8 * 1024);
    expect(gateway.errorLines()).toEqual([]);
  });

  it('keeps at most its entry bound of plans for distinct declared values, within its byte bound', async () => {
    for (let n = 1; n <= 20; n++) {
      const { body } = await gateway.post({ query: FOLLOWERS, variables: { n } });
      expect(body.errors).toBeUndefined();
    }
    expect(planCache.size).toBe(8);
    expect(planCache.calculatedSize).toBeLessThanOrEqual(64 * 1024);
  });

  it('does not keep the plan of an oversized declared variable, and answers it as bad input', async () => {
    const keys = planCache.calculatedSize;
    gateway.emulator.clearRequests();
    const { status, body } = await gateway.post({
      query: 'query ($u: String) { user(username: $u) { id } }',
      variables: { u: 'x'.repeat(1024 * 1024) },
    });
    expect(status).toBe(200);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(gateway.xCalls()).toEqual([]);
    expect(planCache.calculatedSize).toBeLessThanOrEqual(keys + 2 * 1024);
    expect(gateway.errorLines()).toEqual([]);
  });

  it('answers variables nested 100,000 deep, declared or not, without a 500', async () => {
    const deep = `${'['.repeat(100_000)}1${']'.repeat(100_000)}`;
    const undeclared = await gateway.post(`{"query":"{ __typename }","variables":{"deep":${deep}}}`);
    expect(undeclared).toMatchObject({ status: 200, body: { data: { __typename: 'Query' } } });
    gateway.emulator.clearRequests();
    const declared = await gateway.post(
      `{"query":"query ($ids: [ID!]!) { users(restIds: $ids) { id } }","variables":{"ids":${deep}}}`,
    );
    // A variable of the wrong type is a request error (GraphQL over HTTP: 400), before any call.
    expect(declared.status).toBe(400);
    expect(declared.body.data ?? undefined).toBeUndefined();
    expect(declared.body.errors?.[0]?.message).toMatch(/Variable "\$ids" got invalid value/);
    expect(gateway.xCalls()).toEqual([]);
    expect(gateway.errorLines()).toEqual([]);
  });

  it('keeps parsed documents within their byte bound however many distinct documents arrive', async () => {
    for (let i = 0; i < 40; i++) {
      // 2,000 characters each: about 200 KB of estimated AST.
      const { status, body } = await gateway.post({
        query: `query Q${i} { __typename } # ${'x'.repeat(2000)}`,
      });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      const broken = await gateway.post({ query: `query Broken${i} {` });
      expect(broken.status).toBe(400);
    }
    expect(parsed.documentCache.calculatedSize).toBeLessThanOrEqual(512 * 1024);
    expect(parsed.documentCache.size).toBeLessThan(40);
    expect(parsed.errorCache.size).toBe(40);
    expect(gateway.errorLines()).toEqual([]);
  });
});
