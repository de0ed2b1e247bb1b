import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createXClient } from '../../src/rest/client.ts';
import {
  BadUserInputError,
  RateLimitedError,
  UpstreamError,
  UpstreamTimeoutError,
} from '../../src/rest/errors.ts';
import {
  jsonHeaders,
  type MockedX,
  mockedX,
  pathIs,
  rateLimitHeaders,
  T0,
  TOO_MANY_REQUESTS,
  xUser,
} from '../fixtures/rest-mock.ts';

const NO_FIELDS = { userFields: [], tweetFields: [], expansions: [] } as const;
const FOLLOWERS = pathIs('/2/users/42/followers');
const PAGE = { data: [xUser('1'), xUser('2')], meta: { result_count: 2 } };

let x: MockedX | undefined;
let server: Server | undefined;
afterEach(async () => {
  x?.agent.assertNoPendingInterceptors();
  await x?.agent.close();
  x = undefined;
  if (server) await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe('createXClient retries', () => {
  it('retries one 503 and succeeds', async () => {
    x = mockedX();
    x.pool.intercept({ path: FOLLOWERS }).reply(503, { title: 'Service Unavailable', type: 'about:blank' });
    x.pool.intercept({ path: FOLLOWERS }).reply(200, PAGE, jsonHeaders());
    const session = x.client.session();
    const page = await session.userList('followers', '42', NO_FIELDS);
    expect(page.users.map((u) => u.id)).toEqual(['1', '2']);
    expect(x.events.map((e) => [e.attempt, e.status, e.willRetry])).toEqual([
      [1, 503, true],
      [2, 200, undefined],
    ]);
    expect(x.sleeps).toEqual([50]);
    expect(session.stats.upstreamCalls).toBe(1);
  });

  it('retries one dropped connection and succeeds', async () => {
    x = mockedX();
    const reset = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    x.pool.intercept({ path: FOLLOWERS }).replyWithError(reset);
    x.pool.intercept({ path: FOLLOWERS }).reply(200, PAGE, jsonHeaders());
    const page = await x.client.session().userList('followers', '42', NO_FIELDS);
    expect(page.resultCount).toBe(2);
    expect(x.events.map((e) => e.error)).toEqual(['UPSTREAM_ERROR', undefined]);
  });

  it('gives up after X_MAX_RETRIES with UPSTREAM_ERROR and the status', async () => {
    x = mockedX({ maxRetries: 2 });
    x.pool.intercept({ path: FOLLOWERS }).reply(502, 'bad gateway').times(3);
    const error = await x.client
      .session()
      .userList('followers', '42', NO_FIELDS)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).extensions.status).toBe(502);
    expect(x.events.map((e) => e.attempt)).toEqual([1, 2, 3]);
    expect(x.sleeps).toEqual([50, 100]);
  });

  it('never retries a 4xx', async () => {
    x = mockedX();
    const invalid = {
      errors: [
        {
          parameters: { max_results: ['0'] },
          message: 'The `max_results` query parameter value [0] is not between 1 and 1000',
        },
      ],
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: 'https://api.twitter.com/2/problems/invalid-request',
    };
    x.pool.intercept({ path: FOLLOWERS }).reply(400, invalid, jsonHeaders());
    const error = await x.client
      .session()
      .userList('followers', '42', NO_FIELDS)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadUserInputError);
    expect((error as Error).message).toContain('is not between 1 and 1000');
    expect((error as BadUserInputError).upstream?.type).toBe(invalid.type);
    expect(x.events).toHaveLength(1);
    expect(x.sleeps).toEqual([]);
  });

  it('ends a hang at the timeout with UPSTREAM_TIMEOUT', async () => {
    server = createServer(() => {
      // never answers
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = createXClient({
      baseUrl: `http://127.0.0.1:${port}`,
      bearerToken: 'secret-token-for-hang',
      timeoutMs: 200,
      maxRetries: 1,
      sleep: async () => {},
    });
    const error = await client
      .session()
      .userList('followers', '42', NO_FIELDS)
      .catch((e: unknown) => e);
    server.closeAllConnections();
    await client.close();
    expect(error).toBeInstanceOf(UpstreamTimeoutError);
    expect((error as Error).message).toBe(
      'X did not answer GET /2/users/:id/followers within 200 ms (2 attempts).',
    );
  });

  it('treats malformed JSON as UPSTREAM_ERROR without retrying', async () => {
    x = mockedX();
    x.pool.intercept({ path: FOLLOWERS }).reply(200, '{"data":[{"id":"1",', jsonHeaders());
    const error = await x.client
      .session()
      .userList('followers', '42', NO_FIELDS)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toBe('X answered GET /2/users/:id/followers with malformed JSON.');
    expect(x.events).toHaveLength(1);
  });

  it('names the wrong path of a body that is not the documented shape', async () => {
    x = mockedX();
    x.pool
      .intercept({ path: FOLLOWERS })
      .reply(200, { data: [xUser('1'), { id: 2, name: 'n', username: 'u' }] });
    await expect(x.client.session().userList('followers', '42', NO_FIELDS)).rejects.toThrow(
      'X answered GET /2/users/:id/followers with a body that is not the documented shape: data[1].id is not a string.',
    );
  });

  it('refuses an answer larger than maxResponseBytes', async () => {
    x = mockedX({ maxResponseBytes: 1000 });
    const big = {
      data: Array.from({ length: 50 }, (_, i) => xUser(String(i + 1))),
      meta: { result_count: 50 },
    };
    x.pool.intercept({ path: FOLLOWERS }).reply(200, big, jsonHeaders());
    await expect(x.client.session().userList('followers', '42', NO_FIELDS)).rejects.toThrow(
      /larger than 1000 bytes/,
    );
  });
});

describe('createXClient rate limits', () => {
  it('fails fast on a 429 whose reset is 15 minutes away, without waiting or retrying', async () => {
    x = mockedX();
    const resetAt = T0 + 15 * 60_000;
    x.pool
      .intercept({ path: FOLLOWERS })
      .reply(429, TOO_MANY_REQUESTS, { headers: rateLimitHeaders(0, resetAt) });
    const error = await x.client
      .session()
      .userList('followers', '42', NO_FIELDS)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBe(900);
    expect((error as RateLimitedError).extensions.resetAt).toBe(new Date(resetAt).toISOString());
    expect((error as RateLimitedError).upstream?.title).toBe('Too Many Requests');
    expect(x.sleeps).toEqual([]);
    expect(x.events).toHaveLength(1);
  });

  it('tracks x-rate-limit headers per principal and endpoint', async () => {
    x = mockedX();
    x.pool.intercept({ path: FOLLOWERS }).reply(200, PAGE, { headers: rateLimitHeaders(11, T0 + 600_000) });
    const app = x.client.session();
    await app.userList('followers', '42', NO_FIELDS);
    const expected = {
      endpoint: 'GET /2/users/:id/followers',
      limit: 15,
      remaining: 11,
      resetAt: new Date(T0 + 600_000),
    };
    expect(app.rateLimits()).toEqual([expected]);
    expect(x.client.rateLimitsFor(app.principal.key)).toEqual([expected]);
    expect(x.client.session({ userToken: 'someone-else' }).rateLimits()).toEqual([]);
    expect(x.events[0]?.rateLimit).toEqual({
      limit: 15,
      remaining: 11,
      resetAt: new Date(T0 + 600_000).toISOString(),
    });
    x.clock.advance(600_000);
    expect(app.rateLimits()[0]?.remaining).toBe(15);
  });

  it('fails fast without calling X while the known budget is spent', async () => {
    x = mockedX();
    x.pool.intercept({ path: FOLLOWERS }).reply(200, PAGE, { headers: rateLimitHeaders(0, T0 + 600_000) });
    const session = x.client.session();
    await session.userList('followers', '42', NO_FIELDS);
    const error = await session
      .userList('followers', '42', { ...NO_FIELDS, maxResults: 5 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBe(600);
    expect(session.stats.upstreamCalls).toBe(1);
  });

  it('waits out a 429 whose reset is within rateLimitFailFastSeconds', async () => {
    // The wait moves the clock, as a real one would: the next attempt is taken from the new window.
    x = mockedX({
      rateLimitFailFastSeconds: 2,
      sleep: async (ms) => {
        x?.sleeps.push(ms);
        x?.clock.advance(ms);
      },
    });
    x.pool
      .intercept({ path: FOLLOWERS })
      .reply(429, TOO_MANY_REQUESTS, { headers: rateLimitHeaders(0, T0 + 1000) });
    x.pool.intercept({ path: FOLLOWERS }).reply(200, PAGE, jsonHeaders());
    const page = await x.client.session().userList('followers', '42', NO_FIELDS);
    expect(page.resultCount).toBe(2);
    // The wait, then the backoff that follows every 429 whose reset has passed.
    expect(x.sleeps).toEqual([1000, 50]);
  });
});
