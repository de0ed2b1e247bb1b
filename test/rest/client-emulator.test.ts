import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type EmulatorHandle, startEmulator } from '../../src/emulator/start-emulator.ts';
import { createXClient, type XClient } from '../../src/rest/client.ts';
import {
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  UnauthenticatedError,
  UpstreamError,
  UpstreamTimeoutError,
} from '../../src/rest/errors.ts';
import type { UpstreamCallEvent } from '../../src/rest/events.ts';
import type { XClientOptions } from '../../src/rest/options.ts';

const NO_FIELDS = { userFields: [], tweetFields: [], expansions: [] } as const;
const PINNED = {
  userFields: ['pinned_tweet_id'],
  tweetFields: ['created_at'],
  expansions: ['pinned_tweet_id'],
} as const;
const TWITTER_DEV = '2244994945';

const clock = { now: Date.UTC(2026, 5, 1) };
let emulator: EmulatorHandle;
const clients: XClient[] = [];

/** A client of the emulator sharing its clock, with no real waits between attempts. */
function emulatorClient(options: Partial<XClientOptions> = {}): {
  client: XClient;
  events: UpstreamCallEvent[];
} {
  const events: UpstreamCallEvent[] = [];
  const client = createXClient({
    baseUrl: emulator.url,
    bearerToken: 'emulator-app-token',
    now: () => clock.now,
    sleep: async () => {},
    onCall: (event) => events.push(event),
    ...options,
  });
  clients.push(client);
  return { client, events };
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 1, clock: () => clock.now, rateLimit: 'off' });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await emulator.close();
});
beforeEach(() => {
  emulator.clearRequests();
  emulator.faults.clear();
});

describe('createXClient against the emulator', () => {
  it('reads a followers page with the app token', async () => {
    const { client } = emulatorClient();
    const page = await client.session().userList('followers', TWITTER_DEV, { ...PINNED, maxResults: 5 });
    expect(page.users).toHaveLength(5);
    expect(page.users.every((u) => typeof u.id === 'string' && /^[0-9]{1,19}$/.test(u.id))).toBe(true);
    expect(page.nextToken).toEqual(expect.any(String));
    expect(emulator.requests.map((r) => r.principal?.kind)).toEqual(['app']);
  });

  it("forwards a user token and keeps each token's answers apart", async () => {
    const { client } = emulatorClient();
    const token = emulator.issueUserToken(TWITTER_DEV);
    const viewer = await client.session({ userToken: token }).me(NO_FIELDS);
    expect([...viewer.items.keys()]).toEqual([TWITTER_DEV]);
    await client.session({ userToken: token }).usersByIds([TWITTER_DEV], NO_FIELDS);
    await client.session().usersByIds([TWITTER_DEV], NO_FIELDS);
    await client.session({ userToken: token }).usersByIds([TWITTER_DEV], NO_FIELDS);
    expect(emulator.requests.map((r) => [r.path, r.principal?.kind])).toEqual([
      ['/2/users/me', 'user'],
      ['/2/users', 'user'],
      ['/2/users', 'app'],
    ]);
  });

  it('reports a token the emulator does not know as UNAUTHENTICATED with X problem', async () => {
    const { client } = emulatorClient();
    const error = await client
      .session({ userToken: 'not-a-token-the-emulator-issued' })
      .usersByIds([TWITTER_DEV], NO_FIELDS)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnauthenticatedError);
    expect((error as UnauthenticatedError).upstream).toMatchObject({ title: 'Unauthorized', status: 401 });
    expect((error as Error).message).not.toContain('not-a-token-the-emulator-issued');
  });

  it('signs OAuth 1.0a requests the emulator accepts', async () => {
    const [credentials] = emulator.oauth1;
    if (!credentials) throw new Error('the emulator has no OAuth 1.0a credentials');
    const { client } = emulatorClient({ bearerToken: undefined, oauth1: credentials });
    const session = client.session();
    const viewer = await session.me({ ...NO_FIELDS, userFields: ['created_at'] });
    expect(session.principal.kind).toBe('oauth1');
    expect([...viewer.items.keys()]).toEqual([credentials.userId]);
    const page = await session.userList('following', TWITTER_DEV, { ...NO_FIELDS, maxResults: 3 });
    expect(page.users).toHaveLength(3);
    expect(emulator.requests.map((r) => r.principal?.kind)).toEqual(['oauth1', 'oauth1']);
  });

  it('passes pagination tokens back verbatim and walks the list in order', async () => {
    const { client } = emulatorClient();
    const session = client.session();
    const first = await session.userList('followers', TWITTER_DEV, { ...NO_FIELDS, maxResults: 4 });
    const second = await session.userList('followers', TWITTER_DEV, {
      ...NO_FIELDS,
      maxResults: 4,
      ...(first.nextToken ? { paginationToken: first.nextToken } : {}),
    });
    expect(emulator.requests[1]?.query.pagination_token).toBe(first.nextToken);
    expect(second.previousToken).toEqual(expect.any(String));
    const back = await session.userList('followers', TWITTER_DEV, {
      ...NO_FIELDS,
      maxResults: 4,
      ...(second.previousToken ? { paginationToken: second.previousToken } : {}),
    });
    expect(back.users.map((u) => u.id)).toEqual(first.users.map((u) => u.id));
    const ids = [...first.users, ...second.users].map((u) => u.id);
    expect(new Set(ids).size).toBe(8);
  });

  it('puts partial errors on the resource they concern', async () => {
    const { client } = emulatorClient();
    const notable = emulator.store.notable;
    const session = client.session();
    const result = await session.usersByIds(
      [TWITTER_DEV, notable.suspended, notable.deletedPinned, '999'],
      PINNED,
    );
    expect(result.items.has(TWITTER_DEV)).toBe(true);
    expect(result.items.has(notable.deletedPinned)).toBe(true);
    expect([...result.errors.keys()].sort()).toEqual(['999', notable.suspended].sort());
    expect(result.otherErrors.some((e) => e.parameter === 'pinned_tweet_id')).toBe(true);
    await expect(session.userList('followers', '999', NO_FIELDS)).rejects.toBeInstanceOf(NotFoundError);
    await expect(session.userList('followers', notable.protectedAccount, NO_FIELDS)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('retries an injected 503 and a dropped connection', async () => {
    const { client, events } = emulatorClient();
    emulator.faults.inject({ kind: 'status', status: 503, times: 1 });
    emulator.faults.inject({ kind: 'drop', times: 1 });
    const session = client.session();
    const result = await session.usersByIds([TWITTER_DEV], NO_FIELDS);
    expect(result.items.get(TWITTER_DEV)?.username).toBe('TwitterDev');
    expect(events.map((e) => [e.attempt, e.status ?? null, e.error ?? null])).toEqual([
      [1, 503, 'UPSTREAM_ERROR'],
      [2, null, 'UPSTREAM_ERROR'],
      [3, 200, null],
    ]);
    expect(session.stats.upstreamCalls).toBe(1);
  });

  it('ends a hang at the timeout and reports a truncated body as UPSTREAM_ERROR', async () => {
    const { client } = emulatorClient({ timeoutMs: 200, maxRetries: 0 });
    emulator.faults.inject({ kind: 'hang', times: 1 });
    await expect(client.session().usersByIds(['783214'], NO_FIELDS)).rejects.toBeInstanceOf(
      UpstreamTimeoutError,
    );
    emulator.faults.inject({ kind: 'malformed', times: 1 });
    await expect(client.session().usersByIds(['783214'], NO_FIELDS)).rejects.toThrow(/malformed JSON/);
  });
});

describe('createXClient against the rate-limited emulator', () => {
  let limited: EmulatorHandle;
  beforeAll(async () => {
    limited = await startEmulator({ port: 0, store: emulator.store, clock: () => clock.now, rateLimit: 2 });
  });
  afterAll(async () => {
    await limited.close();
  });

  it('tracks the budget, fails fast once it is spent, and serves stale answers meanwhile', async () => {
    const client = createXClient({
      baseUrl: limited.url,
      bearerToken: 'emulator-app-token',
      now: () => clock.now,
      sleep: async () => {},
      cacheTtlSeconds: 60,
    });
    clients.push(client);
    const session = client.session();
    await session.userList('followers', TWITTER_DEV, { ...NO_FIELDS, maxResults: 2 });
    expect(session.rateLimits()).toEqual([
      expect.objectContaining({ endpoint: 'GET /2/users/:id/followers', limit: 2, remaining: 1 }),
    ]);
    await session.userList('followers', TWITTER_DEV, { ...NO_FIELDS, maxResults: 3 });
    expect(session.rateLimits()[0]?.remaining).toBe(0);
    const error = await session
      .userList('followers', TWITTER_DEV, { ...NO_FIELDS, maxResults: 4 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(limited.requests).toHaveLength(2);
    clock.now += 90_000;
    const stale = await session.userList('followers', TWITTER_DEV, { ...NO_FIELDS, maxResults: 2 });
    expect(stale.meta.source).toBe('stale');
    expect(limited.requests).toHaveLength(2);
    expect(error).not.toBeInstanceOf(UpstreamError);
  });
});
