import { afterEach, describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError } from '../../src/rest/errors.ts';
import type { ClientSession } from '../../src/rest/session.ts';
import { jsonHeaders, type MockedX, mockedX, pathIs, xTweet, xUser } from '../fixtures/rest-mock.ts';

const NO_FIELDS = { userFields: [], tweetFields: [], expansions: [] } as const;
const PINNED = { userFields: ['pinned_tweet_id'], tweetFields: [], expansions: ['pinned_tweet_id'] } as const;
const P = 'https://api.twitter.com/2/problems';

/** X's resource-not-found entry for one user id (spec/SOURCE.md). */
function userNotFound(id: string, parameter = 'ids') {
  return {
    value: id,
    detail: `Could not find user with ${parameter === 'ids' ? 'ids' : 'id'}: [${id}].`,
    title: 'Not Found Error',
    resource_type: 'user',
    parameter,
    resource_id: id,
    type: `${P}/resource-not-found`,
  };
}

/** X's entry for a pinned tweet that no longer exists. */
function pinnedGone(tweetId: string) {
  return {
    value: tweetId,
    detail: `Could not find tweet with pinned_tweet_id: [${tweetId}].`,
    title: 'Not Found Error',
    resource_type: 'tweet',
    parameter: 'pinned_tweet_id',
    resource_id: tweetId,
    type: `${P}/resource-not-found`,
  };
}

let x: MockedX;
afterEach(async () => {
  x.agent.assertNoPendingInterceptors();
  await x.agent.close();
});

describe('ClientSession partial errors', () => {
  it('keys lookup errors by the id they concern and keeps pinned-tweet errors apart', async () => {
    x = mockedX();
    x.pool.intercept({ path: pathIs('/2/users') }).reply(
      200,
      {
        data: [xUser('1', { pinned_tweet_id: '100' }), xUser('2', { pinned_tweet_id: '200' })],
        includes: { tweets: [xTweet('100')] },
        errors: [userNotFound('3'), pinnedGone('200')],
      },
      jsonHeaders(),
    );
    const result = await x.client.session().usersByIds(['3', '2', '1'], PINNED);
    expect([...result.items.keys()].sort()).toEqual(['1', '2']);
    expect([...result.errors.keys()]).toEqual(['3']);
    expect(result.errors.get('3')?.type).toBe(`${P}/resource-not-found`);
    expect(result.otherErrors.map((e) => e.parameter)).toEqual(['pinned_tweet_id']);
    expect(result.includedTweets.map((t) => t.id)).toEqual(['100']);
  });

  it('keys username lookups by the lower-cased username', async () => {
    x = mockedX();
    x.pool.intercept({ path: pathIs('/2/users/by') }).reply(
      200,
      {
        data: [{ id: '2244994945', name: 'Developers', username: 'XDevelopers' }],
        errors: [
          {
            value: 'GhostUser',
            detail: 'Could not find user with usernames: [GhostUser].',
            title: 'Not Found Error',
            resource_type: 'user',
            parameter: 'usernames',
            resource_id: 'GhostUser',
            type: `${P}/resource-not-found`,
          },
        ],
      },
      jsonHeaders(),
    );
    const result = await x.client.session().usersByUsernames(['xdevelopers', 'ghostuser'], NO_FIELDS);
    expect(result.items.get('xdevelopers')?.id).toBe('2244994945');
    expect([...result.errors.keys()]).toEqual(['ghostuser']);
  });

  it('answers a single lookup of a missing user with an error value, not a throw', async () => {
    x = mockedX();
    x.pool
      .intercept({ path: pathIs('/2/users') })
      .reply(200, { errors: [userNotFound('999', 'id')] }, jsonHeaders());
    const result = await x.client.session().usersByIds(['999'], NO_FIELDS);
    expect(result.items.size).toBe(0);
    expect(result.errors.get('999')?.detail).toBe('Could not find user with id: [999].');
  });

  it('fails the list of a user that does not exist with NOT_FOUND carrying X problem', async () => {
    x = mockedX();
    x.pool
      .intercept({ path: pathIs('/2/users/999/following') })
      .reply(200, { errors: [userNotFound('999', 'id')] }, jsonHeaders());
    const error = await x.client
      .session()
      .userList('following', '999', NO_FIELDS)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).upstream).toEqual({
      type: `${P}/resource-not-found`,
      title: 'Not Found Error',
      detail: 'Could not find user with id: [999].',
    });
  });

  it('fails the list of a protected account with FORBIDDEN', async () => {
    x = mockedX();
    const refusal = {
      title: 'Authorization Error',
      detail: 'Sorry, you are not authorized to see the user with id: [77].',
      type: `${P}/not-authorized-for-resource`,
      section: 'data',
      resource_type: 'user',
      parameter: 'id',
      resource_id: '77',
      value: '77',
    };
    x.pool
      .intercept({ path: pathIs('/2/users/77/followers') })
      .reply(200, { errors: [refusal] }, jsonHeaders());
    await expect(x.client.session().userList('followers', '77', NO_FIELDS)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it('keeps pinned-tweet errors on a list page', async () => {
    x = mockedX();
    x.pool.intercept({ path: pathIs('/2/users/42/followers') }).reply(
      200,
      {
        data: [xUser('1', { pinned_tweet_id: '200' })],
        errors: [pinnedGone('200')],
        meta: { result_count: 1, next_token: 'DFEDBNRFT3MHCZZZ' },
      },
      jsonHeaders(),
    );
    const page = await x.client.session().userList('followers', '42', PINNED);
    expect(page.users.map((u) => u.id)).toEqual(['1']);
    expect(page.errors.map((e) => e.resource_id)).toEqual(['200']);
    expect(page.nextToken).toBe('DFEDBNRFT3MHCZZZ');
    expect(page.previousToken).toBeUndefined();
  });

  it('reads an empty list as a page with no users', async () => {
    x = mockedX();
    x.pool
      .intercept({ path: pathIs('/2/users/42/followers') })
      .reply(200, { meta: { result_count: 0 } }, jsonHeaders());
    const page = await x.client.session().userList('followers', '42', NO_FIELDS);
    expect(page).toMatchObject({ users: [], includedTweets: [], errors: [], resultCount: 0 });
  });

  it('passes the pagination token back verbatim', async () => {
    x = mockedX();
    let seen: string | null = null;
    x.pool.intercept({ path: pathIs('/2/users/42/following') }).reply((opts) => {
      seen = new URL(opts.path, 'http://x').searchParams.get('pagination_token');
      return { statusCode: 200, data: { meta: { result_count: 0 } }, responseOptions: jsonHeaders() };
    });
    await x.client.session().userList('following', '42', {
      ...NO_FIELDS,
      maxResults: 1000,
      paginationToken: '18LAA581J5II7LA00C00ZZZZ',
    });
    expect(seen).toBe('18LAA581J5II7LA00C00ZZZZ');
  });

  it('keys tweet lookup errors by tweet id', async () => {
    x = mockedX();
    x.pool.intercept({ path: pathIs('/2/tweets') }).reply(
      200,
      {
        data: [xTweet('10')],
        errors: [{ ...pinnedGone('11'), parameter: 'ids', detail: 'Could not find tweet with ids: [11].' }],
      },
      jsonHeaders(),
    );
    const result = await x.client.session().tweetsByIds(['10', '11'], { tweetFields: ['created_at'] });
    expect(result.items.get('10')?.text).toBe('Tweet 10');
    expect([...result.errors.keys()]).toEqual(['11']);
    expect(result.otherErrors).toEqual([]);
  });
});

describe('ClientSession cache lookups', () => {
  const page = { data: [xUser('7')], meta: { result_count: 1 } };

  it('finds a page it read once the client keeps answers', async () => {
    x = mockedX({ cacheTtlSeconds: 60 });
    x.pool.intercept({ path: pathIs('/2/users/42/followers') }).reply(200, page, jsonHeaders());
    const session = x.client.session() as ClientSession;
    expect(session.isListCached('followers', '42', NO_FIELDS)).toBe(false);
    await session.userList('followers', '42', NO_FIELDS);
    expect(session.isListCached('followers', '42', NO_FIELDS)).toBe(true);
    expect(session.isListCached('followers', '42', NO_FIELDS, true)).toBe(true);
    x.pool.intercept({ path: pathIs('/2/users/by') }).reply(200, { data: [xUser('7')] }, jsonHeaders());
    await session.usersByUsernames(['user_7'], NO_FIELDS);
    expect(session.cachedUserId('USER_7', NO_FIELDS)).toBe('7');
  });

  it('finds nothing, stale or not, when the client keeps no answers', async () => {
    x = mockedX({ cacheTtlSeconds: 0 });
    x.pool.intercept({ path: pathIs('/2/users/42/followers') }).reply(200, page, jsonHeaders());
    x.pool.intercept({ path: pathIs('/2/users/by') }).reply(200, { data: [xUser('7')] }, jsonHeaders());
    const session = x.client.session() as ClientSession;
    await session.userList('followers', '42', NO_FIELDS);
    await session.usersByUsernames(['user_7'], NO_FIELDS);
    expect(session.isListCached('followers', '42', NO_FIELDS, true)).toBe(false);
    expect(
      session.isLookupCached({ endpoint: 'GET /2/users/by', keys: ['user_7'], query: NO_FIELDS }, true),
    ).toBe(false);
    expect(session.cachedUserId('user_7', NO_FIELDS, true)).toBeUndefined();
  });
});

describe('ClientSession.close', () => {
  it('fails every call once closed, without reaching X', async () => {
    x = mockedX();
    x.pool.intercept({ path: pathIs('/2/users') }).reply(200, { data: [xUser('1')] }, jsonHeaders());
    const session = x.client.session();
    expect((await session.usersByIds(['1'], NO_FIELDS)).items.has('1')).toBe(true);
    session.close?.();
    await expect(session.usersByIds(['1'], NO_FIELDS)).rejects.toThrow(/request is answered/);
    await expect(session.userList('followers', '42', NO_FIELDS)).rejects.toThrow(/request is answered/);
    await expect(session.tweetsByIds(['100'], NO_FIELDS)).rejects.toThrow(/request is answered/);
    expect(x.events.filter((event) => event.cache === 'miss')).toHaveLength(1);
    expect(session.stats.upstreamCalls).toBe(1);
  });

  it('leaves the client and other sessions calling X', async () => {
    x = mockedX();
    x.pool.intercept({ path: pathIs('/2/users') }).reply(200, { data: [xUser('1')] }, jsonHeaders());
    x.client.session().close?.();
    expect((await x.client.session().usersByIds(['1'], NO_FIELDS)).items.has('1')).toBe(true);
  });
});
