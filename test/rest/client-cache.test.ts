import { afterEach, describe, expect, it } from 'vitest';
import { ForbiddenError, RateLimitedError } from '../../src/rest/errors.ts';
import {
  APP_TOKEN,
  jsonHeaders,
  type MockedX,
  mockedX,
  pathIs,
  rateLimitHeaders,
  T0,
  TOO_MANY_REQUESTS,
  UNAUTHORIZED,
  xUser,
} from '../fixtures/rest-mock.ts';

const NO_FIELDS = { userFields: [], tweetFields: [], expansions: [] } as const;
const FOLLOWERS = pathIs('/2/users/42/followers');
const PAGE = { data: [xUser('1'), xUser('2')], meta: { result_count: 2 } };

let x: MockedX;
afterEach(async () => {
  x.agent.assertNoPendingInterceptors();
  await x.agent.close();
});

describe('createXClient cache and coalescing', () => {
  it('makes one upstream request for 50 concurrent identical calls', async () => {
    x = mockedX();
    x.pool.intercept({ path: FOLLOWERS }).reply(200, PAGE, jsonHeaders()).delay(20);
    const sessions = Array.from({ length: 50 }, () => x.client.session());
    const pages = await Promise.all(sessions.map((s) => s.userList('followers', '42', NO_FIELDS)));
    expect(pages.every((p) => p.users.length === 2)).toBe(true);
    expect(pages.filter((p) => p.meta.source === 'miss')).toHaveLength(1);
    expect(pages.filter((p) => p.meta.source === 'coalesced')).toHaveLength(49);
    expect(sessions.reduce((sum, s) => sum + s.stats.upstreamCalls, 0)).toBe(1);
    expect(sessions.reduce((sum, s) => sum + s.stats.cacheHits, 0)).toBe(49);
    expect(x.events.filter((e) => e.cache === 'miss')).toHaveLength(1);
    expect(x.events.filter((e) => e.cache === 'coalesced')).toHaveLength(49);
  });

  it('lets a call for fewer fields join a running call for more, but not the reverse', async () => {
    x = mockedX();
    x.pool.intercept({ path: FOLLOWERS }).reply(200, PAGE, jsonHeaders()).delay(20).times(3);
    const session = x.client.session();
    const wide = { ...NO_FIELDS, userFields: ['created_at', 'url'] } as const;
    const narrow = { ...NO_FIELDS, userFields: ['url'] } as const;
    const joined = await Promise.all([
      session.userList('followers', '42', wide),
      session.userList('followers', '42', narrow),
    ]);
    expect(joined.map((p) => p.meta.source)).toEqual(['miss', 'coalesced']);
    const other = x.client.session({ userToken: 'another' });
    const separate = await Promise.all([
      other.userList('followers', '42', narrow),
      other.userList('followers', '42', wide),
    ]);
    expect(separate.map((p) => p.meta.source)).toEqual(['miss', 'miss']);
  });

  it('coalesces identical calls even with the cache off', async () => {
    x = mockedX({ cacheTtlSeconds: 0 });
    x.pool.intercept({ path: FOLLOWERS }).reply(200, PAGE, jsonHeaders()).delay(20).times(2);
    const session = x.client.session();
    const [a, b] = await Promise.all([
      session.userList('followers', '42', NO_FIELDS),
      session.userList('followers', '42', NO_FIELDS),
    ]);
    expect([a.meta.source, b.meta.source]).toEqual(['miss', 'coalesced']);
    const c = await session.userList('followers', '42', NO_FIELDS);
    expect(c.meta.source).toBe('miss');
  });

  it('serves a cached answer for the TTL, then asks X again', async () => {
    x = mockedX({ cacheTtlSeconds: 60 });
    x.pool.intercept({ path: FOLLOWERS }).reply(200, PAGE, jsonHeaders()).times(2);
    const session = x.client.session();
    await session.userList('followers', '42', NO_FIELDS);
    x.clock.advance(59_000);
    expect((await session.userList('followers', '42', NO_FIELDS)).meta.source).toBe('hit');
    x.clock.advance(2_000);
    expect((await session.userList('followers', '42', NO_FIELDS)).meta.source).toBe('miss');
    expect(session.stats).toMatchObject({ upstreamCalls: 2, cacheHits: 1 });
  });

  it('never shares a cached answer between two tokens', async () => {
    x = mockedX();
    const tokens: string[] = [];
    x.pool
      .intercept({ path: FOLLOWERS })
      .reply((opts) => {
        tokens.push(String((opts.headers as Record<string, string>).authorization));
        return { statusCode: 200, data: PAGE, responseOptions: jsonHeaders() };
      })
      .times(3);
    const one = x.client.session({ userToken: 'token-one' });
    const two = x.client.session({ userToken: 'token-two' });
    const app = x.client.session();
    expect(one.principal.key).not.toBe(two.principal.key);
    for (const session of [one, two, app]) {
      expect((await session.userList('followers', '42', NO_FIELDS)).meta.source).toBe('miss');
    }
    expect(tokens).toEqual(['Bearer token-one', 'Bearer token-two', `Bearer ${APP_TOKEN}`]);
    expect(
      (await x.client.session({ userToken: 'token-one' }).userList('followers', '42', NO_FIELDS)).meta.source,
    ).toBe('hit');
  });

  it('serves a request for fewer fields from an answer with more, but not the reverse', async () => {
    x = mockedX();
    x.pool
      .intercept({ path: FOLLOWERS })
      .reply(
        200,
        { ...PAGE, data: PAGE.data.map((u) => ({ ...u, created_at: '2020-01-01T00:00:00.000Z' })) },
        jsonHeaders(),
      );
    x.pool.intercept({ path: FOLLOWERS }).reply(200, PAGE, jsonHeaders());
    const session = x.client.session();
    const wide = { userFields: ['created_at', 'location'], tweetFields: [], expansions: [] } as const;
    await session.userList('followers', '42', wide);
    const narrow = await session.userList('followers', '42', { ...NO_FIELDS, userFields: ['location'] });
    expect(narrow.meta.source).toBe('hit');
    const wider = await session.userList('followers', '42', { ...wide, userFields: ['created_at', 'url'] });
    expect(wider.meta.source).toBe('miss');
    const otherPage = await session.userList('followers', '42', { ...NO_FIELDS }).then((p) => p.meta.source);
    expect(otherPage).toBe('hit');
  });

  it('serves a stale answer, marked stale, while X answers 429', async () => {
    x = mockedX({ cacheTtlSeconds: 60, cacheStaleSeconds: 900 });
    x.pool.intercept({ path: FOLLOWERS }).reply(200, PAGE, jsonHeaders());
    x.pool
      .intercept({ path: FOLLOWERS })
      .reply(429, TOO_MANY_REQUESTS, { headers: rateLimitHeaders(0, T0 + 900_000) });
    await x.client.session().userList('followers', '42', NO_FIELDS);
    x.clock.advance(120_000);
    const session = x.client.session();
    const page = await session.userList('followers', '42', NO_FIELDS);
    expect(page.meta).toEqual({ source: 'stale', fetchedAt: T0 });
    expect(page.users.map((u) => u.id)).toEqual(['1', '2']);
    expect(session.stats.staleEndpoints).toEqual(['GET /2/users/:id/followers']);
    expect(x.events.at(-1)).toMatchObject({ cache: 'stale', error: 'RATE_LIMITED' });
    // The budget is now known to be spent: the next call serves stale without asking X at all.
    expect((await session.userList('followers', '42', NO_FIELDS)).meta.source).toBe('stale');
  });

  it('serves a stale answer when X fails after retries, but not past the stale bound', async () => {
    x = mockedX({ cacheTtlSeconds: 60, cacheStaleSeconds: 300, maxRetries: 1 });
    x.pool.intercept({ path: FOLLOWERS }).reply(200, PAGE, jsonHeaders());
    x.pool.intercept({ path: FOLLOWERS }).reply(503, 'down').times(4);
    await x.client.session().userList('followers', '42', NO_FIELDS);
    x.clock.advance(200_000);
    expect((await x.client.session().userList('followers', '42', NO_FIELDS)).meta.source).toBe('stale');
    x.clock.advance(200_000);
    await expect(x.client.session().userList('followers', '42', NO_FIELDS)).rejects.toThrow(/HTTP 503/);
  });

  it('does not serve stale answers for refusals such as a 401', async () => {
    x = mockedX({ cacheTtlSeconds: 60 });
    x.pool.intercept({ path: FOLLOWERS }).reply(200, PAGE, jsonHeaders());
    x.pool.intercept({ path: FOLLOWERS }).reply(401, UNAUTHORIZED, jsonHeaders());
    await x.client.session().userList('followers', '42', NO_FIELDS);
    x.clock.advance(120_000);
    await expect(x.client.session().userList('followers', '42', NO_FIELDS)).rejects.toThrow(/Unauthorized/);
  });

  it('fails with RATE_LIMITED when there is no stale answer to serve', async () => {
    x = mockedX();
    x.pool
      .intercept({ path: FOLLOWERS })
      .reply(429, TOO_MANY_REQUESTS, { headers: rateLimitHeaders(0, T0 + 900_000) });
    await expect(x.client.session().userList('followers', '42', NO_FIELDS)).rejects.toBeInstanceOf(
      RateLimitedError,
    );
  });

  it('shares a failure only with the calls that overlapped it', async () => {
    x = mockedX({ maxRetries: 0 });
    const refused = {
      errors: [
        {
          title: 'Authorization Error',
          type: 'https://api.twitter.com/2/problems/not-authorized-for-resource',
          detail: 'Sorry, you are not authorized to see the user with id: [42].',
          section: 'data',
          resource_type: 'user',
          resource_id: '42',
          parameter: 'id',
          value: '42',
        },
      ],
    };
    x.pool.intercept({ path: FOLLOWERS }).reply(200, refused, jsonHeaders()).delay(10);
    const session = x.client.session();
    const results = await Promise.allSettled([
      session.userList('followers', '42', NO_FIELDS),
      session.userList('followers', '42', NO_FIELDS),
    ]);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(ForbiddenError);
    }
    expect(session.stats).toMatchObject({ upstreamCalls: 1, cacheHits: 1 });
  });
});
