import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { emitEvent } from '../../src/rest/events.ts';
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
const USER_TOKEN = 'user-token-SECRET-7f3a9c';
const OAUTH1 = {
  consumerKey: 'consumer-key-SECRET',
  consumerSecret: 'consumer-secret-SECRET',
  accessToken: 'access-token-SECRET',
  accessTokenSecret: 'access-secret-SECRET',
};
const SECRETS = [USER_TOKEN, APP_TOKEN, ...Object.values(OAUTH1)];

let x: MockedX;
afterEach(async () => {
  await x.agent.close();
});

/** Every way an event or error could be turned into a log line or a response. */
function renderings(value: unknown): string[] {
  const out = [inspect(value, { depth: 10, showHidden: true }), JSON.stringify(value) ?? ''];
  if (value instanceof Error)
    out.push(value.message, String(value.stack), inspect(value.cause, { depth: 10 }));
  return out;
}

describe('emitEvent', () => {
  it('reports every attempt and every answer served without one', async () => {
    x = mockedX();
    x.pool.intercept({ path: pathIs('/2/users') }).reply(503, 'down');
    x.pool.intercept({ path: pathIs('/2/users') }).reply(200, { data: [xUser('42')] }, jsonHeaders());
    const session = x.client.session();
    await session.usersByIds(['42'], NO_FIELDS);
    await session.usersByIds(['42'], NO_FIELDS);
    expect(x.events.map(({ durationMs, ...e }) => ({ ...e, durationMs: typeof durationMs }))).toEqual([
      {
        endpoint: 'GET /2/users',
        principalKind: 'app',
        principalKey: session.principal.key,
        status: 503,
        attempt: 1,
        cache: 'miss',
        error: 'UPSTREAM_ERROR',
        willRetry: true,
        // Before X's headers, the budget is the documented one (300 per app), less the attempt.
        rateLimit: { limit: 300, remaining: 299, resetAt: new Date(T0 + 900_000).toISOString() },
        durationMs: 'number',
      },
      {
        endpoint: 'GET /2/users',
        principalKind: 'app',
        principalKey: session.principal.key,
        status: 200,
        attempt: 2,
        cache: 'miss',
        // X counted one request; the gateway counts both attempts against the window (the first one
        // may still reach X's count), the safe side of the budget.
        rateLimit: { limit: 15, remaining: 13, resetAt: new Date(T0 + 900_000).toISOString() },
        durationMs: 'number',
      },
      {
        endpoint: 'GET /2/users',
        principalKind: 'app',
        principalKey: session.principal.key,
        attempt: 0,
        cache: 'hit',
        durationMs: 'number',
      },
    ]);
  });

  it('keeps a throwing listener from failing the call', () => {
    x = mockedX();
    expect(() =>
      emitEvent(
        () => {
          throw new Error('listener bug');
        },
        {
          endpoint: 'GET /2/users',
          principalKind: 'app',
          principalKey: 'k',
          durationMs: 0,
          attempt: 0,
          cache: 'hit',
        },
      ),
    ).not.toThrow();
  });

  it('never lets a token or secret reach an event, an error or a principal', async () => {
    x = mockedX({ maxRetries: 1, oauth1: undefined });
    const seen: unknown[] = [];
    const fail = (path: string, reply: (p: ReturnType<MockedX['pool']['intercept']>) => void) =>
      reply(x.pool.intercept({ path: (p: string) => p.startsWith(path) }));
    fail('/2/users?ids=1', (i) => i.reply(401, UNAUTHORIZED, jsonHeaders()));
    fail('/2/users?ids=2', (i) =>
      i.reply(429, TOO_MANY_REQUESTS, { headers: rateLimitHeaders(0, T0 + 900_000) }),
    );
    fail('/2/users?ids=3', (i) => i.reply(503, 'down').times(2));
    fail('/2/users?ids=4', (i) =>
      i.replyWithError(Object.assign(new Error('socket closed'), { code: 'UND_ERR_SOCKET' })).times(2),
    );
    fail('/2/users?ids=5', (i) => i.reply(200, '{not json'));
    fail('/2/users?ids=6', (i) => i.reply(403, { title: 'Forbidden', type: 'about:blank', status: 403 }));
    for (const session of [x.client.session({ userToken: USER_TOKEN }), x.client.session()]) {
      seen.push(session.principal, session);
    }
    const user = x.client.session({ userToken: USER_TOKEN });
    for (const id of ['1', '2', '3', '4', '5', '6']) {
      seen.push(await user.usersByIds([id], NO_FIELDS).catch((e: unknown) => e));
    }
    seen.push(
      await x.client
        .session({ userToken: `${USER_TOKEN}\r\nx` })
        .usersByIds(['1'], NO_FIELDS)
        .catch((e: unknown) => e),
    );
    const signed = mockedX({ oauth1: OAUTH1, bearerToken: undefined });
    signed.pool.intercept({ path: pathIs('/2/users/me') }).reply(401, UNAUTHORIZED, jsonHeaders());
    const oauthSession = signed.client.session();
    seen.push(
      oauthSession.principal,
      await oauthSession.me(NO_FIELDS).catch((e: unknown) => e),
      ...signed.events,
    );
    await signed.agent.close();
    seen.push(...x.events, x.client);
    expect(seen.filter((v) => v instanceof Error)).toHaveLength(8);
    for (const text of seen.flatMap(renderings)) {
      for (const secret of SECRETS) expect(text).not.toContain(secret);
    }
  });
});
