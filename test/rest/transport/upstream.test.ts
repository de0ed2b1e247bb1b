import { afterEach, describe, expect, it } from 'vitest';
import { RateLimitedError } from '../../../src/rest/errors.ts';
import { backoffMs, isRetryableFailure, isRetryableStatus } from '../../../src/rest/transport/upstream.ts';
import {
  jsonHeaders,
  type MockedX,
  mockedX,
  pathIs,
  rateLimitHeaders,
  T0,
  TOO_MANY_REQUESTS,
} from '../../fixtures/rest-mock.ts';

const NO_FIELDS = { tweetFields: [] } as const;
const TWEETS = pathIs('/2/tweets');

let x: MockedX | undefined;
afterEach(async () => {
  x?.agent.assertNoPendingInterceptors();
  await x?.agent.close();
  x = undefined;
});

describe('backoffMs', () => {
  it('doubles the ceiling per retry from 100 ms, capped at 2 s, and draws below it', () => {
    const top = () => 0.9999999;
    expect([1, 2, 3, 4, 5, 6, 10].map((retry) => backoffMs(retry, top))).toEqual([
      99, 199, 399, 799, 1599, 1999, 1999,
    ]);
    expect(backoffMs(3, () => 0)).toBe(0);
    expect(backoffMs(3, () => 0.5)).toBe(200);
  });

  it('honours custom base and cap', () => {
    expect(backoffMs(4, () => 0.5, { baseMs: 10, capMs: 50 })).toBe(25);
  });
});

describe('isRetryableStatus', () => {
  it('retries 5xx only', () => {
    expect([500, 502, 503, 504, 599].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 429, 200, 600].some(isRetryableStatus)).toBe(false);
  });
});

describe('isRetryableFailure', () => {
  it('retries timeouts and dropped connections, not oversized answers', () => {
    expect(isRetryableFailure('timeout')).toBe(true);
    expect(isRetryableFailure('connection')).toBe(true);
    expect(isRetryableFailure('too-large')).toBe(false);
  });
});

describe('callUpstream on a 429 without rate-limit headers', () => {
  it('takes the reset from retry-after and remembers the spent budget', async () => {
    x = mockedX();
    x.pool.intercept({ path: TWEETS }).reply(429, TOO_MANY_REQUESTS, { headers: { 'retry-after': '120' } });
    const session = x.client.session();
    const first = await session.tweetsByIds(['1'], NO_FIELDS).catch((e: unknown) => e);
    expect((first as RateLimitedError).retryAfterSeconds).toBe(120);
    const second = await session.tweetsByIds(['2'], NO_FIELDS).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(RateLimitedError);
    expect(session.rateLimits()).toEqual([
      // The limit is the documented one of posts lookup per app: X's answer gave none.
      { endpoint: 'GET /2/tweets', limit: 300, remaining: 0, resetAt: new Date(T0 + 120_000) },
    ]);
    expect(session.stats.upstreamCalls).toBe(1);
  });

  it('assumes a full 15-minute window when X gives no reset at all', async () => {
    x = mockedX();
    x.pool.intercept({ path: TWEETS }).reply(429, TOO_MANY_REQUESTS);
    const error = await x.client
      .session()
      .tweetsByIds(['1'], NO_FIELDS)
      .catch((e: unknown) => e);
    expect((error as RateLimitedError).resetAt).toEqual(new Date(T0 + 900_000));
  });

  it('asks X again once the remembered window has passed', async () => {
    x = mockedX();
    x.pool.intercept({ path: TWEETS }).reply(429, TOO_MANY_REQUESTS, { headers: { 'retry-after': '60' } });
    x.pool.intercept({ path: TWEETS }).reply(200, { data: [{ id: '1', text: 't' }] }, jsonHeaders());
    const session = x.client.session();
    await expect(session.tweetsByIds(['1'], NO_FIELDS)).rejects.toBeInstanceOf(RateLimitedError);
    x.clock.advance(60_000);
    expect((await session.tweetsByIds(['1'], NO_FIELDS)).items.get('1')?.text).toBe('t');
  });

  it('waits a backoff before asking again when the reset X names is already past', async () => {
    x = mockedX();
    const past = { headers: rateLimitHeaders(0, T0 - 10_000) };
    x.pool.intercept({ path: TWEETS }).reply(429, TOO_MANY_REQUESTS, past);
    x.pool.intercept({ path: TWEETS }).reply(200, { data: [{ id: '1', text: 't' }] }, jsonHeaders());
    const result = await x.client.session().tweetsByIds(['1'], NO_FIELDS);
    expect(result.items.size).toBe(1);
    expect(x.sleeps).toEqual([0, 50]);
  });
});
