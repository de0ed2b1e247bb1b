import { executionAsyncId } from 'node:async_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './fixtures/server-gateway.ts';

const FOLLOWERS = '{ user(username: "TwitterDev") { followers(first: 3) { nodes { username } } } }';

/** The async id a promise continuation runs in: 0 unless something enabled async_hooks' promise hooks. */
async function continuationAsyncId(): Promise<number> {
  await null;
  return executionAsyncId();
}

/** POSTs a query with a request id. */
async function graphql(gateway: TestGateway, query: string, requestId: string) {
  return gateway.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': requestId },
    body: JSON.stringify({ query }),
  });
}

describe('request context (server wiring, tracing off)', () => {
  let gateway: TestGateway;
  let hooksOffBefore: number;

  beforeAll(async () => {
    hooksOffBefore = await continuationAsyncId();
    gateway = await startTestGateway({ X_CACHE_TTL_SECONDS: '0' });
  });
  afterAll(() => gateway.close());

  it('names the request id on its upstream lines and counts its calls on its access line', async () => {
    const response = await graphql(gateway, FOLLOWERS, 'ctx-a');
    expect(response.headers.get('x-request-id')).toBe('ctx-a');
    expect((await response.json()).errors).toBeUndefined();
    const upstream = (id: string) =>
      gateway.lines.filter((l) => String(l.msg).startsWith('upstream') && l.requestId === id);
    const access = (id: string) => gateway.lines.find((l) => l.msg === 'request' && l.requestId === id);
    // The user lookup and the page of followers: each a call to X made for ctx-a.
    expect(upstream('ctx-a').map((l) => [l.endpoint, l.cache])).toEqual([
      ['GET /2/users/by', 'miss'],
      ['GET /2/users/:id/followers', 'miss'],
    ]);
    expect(access('ctx-a')).toMatchObject({ upstreamCalls: 2, cacheHits: 0 });
    expect(gateway.lines.filter((l) => String(l.msg).startsWith('upstream') && !l.requestId)).toEqual([]);
  });

  it('reports a call another request joined (same principal, cache off) on the joining request', async () => {
    const responses = await Promise.all(['ctx-c', 'ctx-d'].map((id) => graphql(gateway, FOLLOWERS, id)));
    for (const response of responses) expect((await response.json()).errors).toBeUndefined();
    const lines = (id: string) =>
      gateway.lines.filter((l) => String(l.msg).startsWith('upstream') && l.requestId === id);
    expect(lines('ctx-c').map((l) => l.cache)).toEqual(['miss', 'miss']);
    expect(lines('ctx-d').map((l) => l.cache)).toEqual(['coalesced', 'coalesced']);
    expect(gateway.lines.find((l) => l.msg === 'request' && l.requestId === 'ctx-c')).toMatchObject({
      upstreamCalls: 2,
      cacheHits: 0,
    });
    expect(gateway.lines.find((l) => l.msg === 'request' && l.requestId === 'ctx-d')).toMatchObject({
      upstreamCalls: 0,
      cacheHits: 2,
    });
  });

  it('serves requests without enabling promise hooks (no AsyncLocalStorage is run)', async () => {
    await (await graphql(gateway, FOLLOWERS, 'ctx-e')).json();
    expect(hooksOffBefore).toBe(0);
    expect(await continuationAsyncId()).toBe(0);
  });
});
