import { afterEach, describe, expect, it } from 'vitest';
import { BadUserInputError, UnauthenticatedError } from '../../src/rest/errors.ts';
import {
  APP_TOKEN,
  jsonHeaders,
  type MockedX,
  mockedX,
  pathIs,
  queryOf,
  UNAUTHORIZED,
  X_ORIGIN,
  xUser,
} from '../fixtures/rest-mock.ts';

const NO_FIELDS = { userFields: [], tweetFields: [], expansions: [] } as const;
const BIG_ID = '1234567890123456789';

let x: MockedX;
afterEach(async () => {
  x.agent.assertNoPendingInterceptors();
  await x.agent.close();
});

describe('createXClient', () => {
  it('sends the app bearer token when the request carries none', async () => {
    x = mockedX();
    let authorization: unknown;
    x.pool.intercept({ path: pathIs('/2/users') }).reply((opts) => {
      authorization = (opts.headers as Record<string, string>).authorization;
      return { statusCode: 200, data: { data: [xUser('42')] }, responseOptions: jsonHeaders() };
    });
    const session = x.client.session();
    const result = await session.usersByIds(['42'], NO_FIELDS);
    expect(authorization).toBe(`Bearer ${APP_TOKEN}`);
    expect(session.principal.kind).toBe('app');
    expect(result.items.get('42')?.name).toBe('User 42');
  });

  it('has no shared level, and no shared step for the planner, without a shared store', () => {
    x = mockedX();
    expect(x.client.shared).toBe(false);
    expect(x.client.session().loadSharedList).toBeUndefined();
  });

  it('forwards a user token to X instead of the app token', async () => {
    x = mockedX();
    let authorization: unknown;
    x.pool.intercept({ path: pathIs('/2/users/me') }).reply((opts) => {
      authorization = (opts.headers as Record<string, string>).authorization;
      return { statusCode: 200, data: { data: xUser('7') }, responseOptions: jsonHeaders() };
    });
    const session = x.client.session({ userToken: 'user-token-one' });
    const result = await session.me(NO_FIELDS);
    expect(authorization).toBe('Bearer user-token-one');
    expect(session.principal.kind).toBe('user');
    expect(session.principal.key).toMatch(/^[0-9a-f]{16}$/);
    expect([...result.items.keys()]).toEqual(['7']);
  });

  it('signs requests with OAuth 1.0a when the four credentials are configured', async () => {
    x = mockedX({
      bearerToken: undefined,
      oauth1: {
        consumerKey: 'ck',
        consumerSecret: 'consumer-secret',
        accessToken: 'at',
        accessTokenSecret: 'token-secret',
      },
    });
    let authorization = '';
    x.pool.intercept({ path: pathIs('/2/users/me') }).reply((opts) => {
      authorization = String((opts.headers as Record<string, string>).authorization);
      return { statusCode: 200, data: { data: xUser('7') }, responseOptions: jsonHeaders() };
    });
    const session = x.client.session();
    await session.me({ ...NO_FIELDS, userFields: ['created_at'] });
    expect(session.principal.kind).toBe('oauth1');
    expect(authorization).toMatch(/^OAuth /);
    expect(authorization).toContain('oauth_consumer_key="ck"');
    expect(authorization).toContain('oauth_signature_method="HMAC-SHA1"');
    expect(authorization).toContain(`oauth_timestamp="${Math.floor(x.clock.now / 1000)}"`);
    // Secrets with a '-', which neither the hex nonce nor the encoded base64 signature can hold by chance.
    expect(authorization).not.toContain('consumer-secret');
    expect(authorization).not.toContain('token-secret');
  });

  it('fails with UNAUTHENTICATED naming what to configure when there are no credentials', async () => {
    x = mockedX({ bearerToken: undefined });
    const error = await x.client
      .session()
      .usersByIds(['42'], NO_FIELDS)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect((error as Error).message).toContain('X_BEARER_TOKEN');
    expect(x.events).toEqual([]);
  });

  it('refuses the viewer for the app principal without calling X', async () => {
    x = mockedX();
    await expect(x.client.session().me(NO_FIELDS)).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(x.events).toEqual([]);
  });

  it('maps a 401 to UNAUTHENTICATED carrying X problem', async () => {
    x = mockedX();
    x.pool.intercept({ path: pathIs('/2/users') }).reply(401, UNAUTHORIZED, jsonHeaders());
    const error = await x.client
      .session({ userToken: 'expired-token' })
      .usersByIds(['42'], NO_FIELDS)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect((error as UnauthenticatedError).upstream).toEqual({
      type: 'about:blank',
      title: 'Unauthorized',
      detail: 'Unauthorized',
      status: 401,
    });
    expect(x.events.map((e) => e.attempt)).toEqual([1]);
  });

  it('validates ids before any call', async () => {
    x = mockedX();
    const session = x.client.session();
    for (const bad of ['', '12a', '12345678901234567890', ' 1', '-1']) {
      await expect(session.usersByIds([bad], NO_FIELDS)).rejects.toBeInstanceOf(BadUserInputError);
    }
    await expect(session.usersByIds(['1', 'x'], NO_FIELDS)).rejects.toThrow(/ids\[1\]/);
    await expect(session.userList('followers', '1', { ...NO_FIELDS, maxResults: 0 })).rejects.toThrow(
      /maxResults/,
    );
    await expect(session.userList('followers', '1', { ...NO_FIELDS, paginationToken: '' })).rejects.toThrow(
      /paginationToken/,
    );
    await expect(session.usersByUsernames(['ok_name', 'not a name'], NO_FIELDS)).rejects.toThrow(
      /usernames\[1\]/,
    );
    expect(session.stats.upstreamCalls).toBe(0);
    expect(x.events).toEqual([]);
  });

  it('keeps 19-digit ids as exact strings', async () => {
    x = mockedX();
    x.pool
      .intercept({ path: pathIs('/2/users') })
      .reply(
        200,
        `{"data":[{"id":"${BIG_ID}","name":"Big","username":"big","pinned_tweet_id":"9007199254740993"}]}`,
        jsonHeaders(),
      );
    const result = await x.client.session().usersByIds([BIG_ID], NO_FIELDS);
    expect(result.items.get(BIG_ID)?.id).toBe(BIG_ID);
    expect(result.items.get(BIG_ID)?.pinned_tweet_id).toBe('9007199254740993');
  });

  it('splits ids= lookups into sorted, de-duplicated batches of at most 100', async () => {
    x = mockedX();
    const seen: string[][] = [];
    x.pool
      .intercept({ path: pathIs('/2/users') })
      .reply((opts) => {
        const ids = (queryOf(opts.path).get('ids') ?? '').split(',');
        seen.push(ids);
        return {
          statusCode: 200,
          data: { data: ids.map((id) => xUser(id)) },
          responseOptions: jsonHeaders(),
        };
      })
      .times(3);
    const ids = Array.from({ length: 250 }, (_, i) => String(1000 + ((i * 37) % 250)));
    const session = x.client.session();
    const result = await session.usersByIds([...ids, ...ids.slice(0, 10)], NO_FIELDS);
    expect(seen.map((batch) => batch.length)).toEqual([100, 100, 50]);
    expect(seen.flat()).toEqual([...new Set(ids)].sort());
    expect(result.items.size).toBe(250);
    expect(result.meta).toHaveLength(3);
    expect(session.stats.upstreamCalls).toBe(3);
  });

  it('sorts and de-duplicates field lists so equal requests share one answer', async () => {
    x = mockedX();
    let query = new URLSearchParams();
    x.pool.intercept({ path: pathIs('/2/users') }).reply((opts) => {
      query = queryOf(opts.path);
      return { statusCode: 200, data: { data: [xUser('42')] }, responseOptions: jsonHeaders() };
    });
    const session = x.client.session();
    await session.usersByIds(['42'], {
      userFields: ['public_metrics', 'created_at', 'public_metrics', 'id'],
      tweetFields: [],
      expansions: ['pinned_tweet_id'],
    });
    expect(query.get('user.fields')).toBe('created_at,public_metrics');
    expect(query.get('expansions')).toBe('pinned_tweet_id');
    expect(query.has('tweet.fields')).toBe(false);
    const again = await session.usersByIds(['42'], {
      userFields: ['created_at', 'public_metrics', 'name'],
      tweetFields: [],
      expansions: ['pinned_tweet_id', 'pinned_tweet_id'],
    });
    expect(again.meta[0]?.source).toBe('hit');
    expect(session.stats).toMatchObject({ upstreamCalls: 1, cacheHits: 1 });
  });

  it('rejects a field X does not know before any call', async () => {
    x = mockedX();
    const query = { ...NO_FIELDS, userFields: ['nonsense'] } as never;
    await expect(x.client.session().usersByIds(['42'], query)).rejects.toThrow(/userFields holds "nonsense"/);
  });

  it('reaches X under a base URL with a path prefix', async () => {
    x = mockedX({ baseUrl: `${X_ORIGIN}/proxy/` });
    x.pool
      .intercept({ path: pathIs('/proxy/2/tweets') })
      .reply(200, { data: [{ id: '5', text: 'hi' }] }, jsonHeaders());
    const result = await x.client.session().tweetsByIds(['5'], { tweetFields: [] });
    expect(result.items.get('5')?.text).toBe('hi');
  });
});
