import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as enums from '../../src/emulator/http/spec-enums.ts';
import type { EmulatorHandle } from '../../src/emulator/start-emulator.ts';
import { startFakeEmulator, xGet } from '../fixtures/emulator-client.ts';

const TWITTER_DEV = '2244994945';
const INVALID_REQUEST = {
  title: 'Invalid Request',
  detail: 'One or more parameters to your request was invalid.',
  type: 'https://api.twitter.com/2/problems/invalid-request',
};

let emulator: EmulatorHandle;
beforeAll(async () => {
  emulator = await startFakeEmulator();
});
afterAll(() => emulator.close());

/** GETs a path that must answer X's 400 and returns its `errors`. */
async function invalid(
  path: string,
): Promise<Array<{ parameters: Record<string, string[]>; message: string }>> {
  const answer = await xGet(emulator, path);
  expect(answer.status).toBe(400);
  expect(answer.body).toMatchObject(INVALID_REQUEST);
  return answer.body.errors;
}

describe('parameter validation', () => {
  it('answers the exact 400 body of SOURCE.md for max_results 0', async () => {
    const answer = await xGet(emulator, `/2/users/${TWITTER_DEV}/followers?max_results=0`);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      errors: [
        {
          parameters: { max_results: ['0'] },
          message: 'The `max_results` query parameter value [0] is not between 1 and 1000',
        },
      ],
      ...INVALID_REQUEST,
    });
  });

  it('rejects max_results 1001 and non-numbers', async () => {
    expect(await invalid(`/2/users/${TWITTER_DEV}/following?max_results=1001`)).toEqual([
      {
        parameters: { max_results: ['1001'] },
        message: 'The `max_results` query parameter value [1001] is not between 1 and 1000',
      },
    ]);
    const [error] = await invalid(`/2/users/${TWITTER_DEV}/followers?max_results=ten`);
    expect(error?.message).toContain('[ten]');
  });

  it('accepts max_results 1 and 1000', async () => {
    for (const max of [1, 1000]) {
      const answer = await xGet(emulator, `/2/users/${TWITTER_DEV}/followers?max_results=${max}`);
      expect(answer.status).toBe(200);
      expect(answer.body.data).toHaveLength(max);
    }
  });

  it('rejects an id that is not 1 to 19 digits', async () => {
    for (const id of ['abc', '12345678901234567890', '-1']) {
      expect(await invalid(`/2/users/${id}/followers`)).toEqual([
        { parameters: { id: [id] }, message: `The \`id\` query parameter value [${id}] is not valid` },
      ]);
    }
    expect(await invalid('/2/users/x1')).toHaveLength(1);
    expect(await invalid('/2/tweets/1.5')).toHaveLength(1);
  });

  it('rejects a username outside ^[A-Za-z0-9_]{1,15}$', async () => {
    expect(await invalid('/2/users/by/username/way_too_long_username')).toEqual([
      {
        parameters: { username: ['way_too_long_username'] },
        message:
          'The `username` query parameter value [way_too_long_username] does not match ^[A-Za-z0-9_]{1,15}$',
      },
    ]);
    expect(await invalid('/2/users/by?usernames=TwitterDev,bad-name')).toHaveLength(1);
  });

  it('names an unknown field value and lists every accepted one', async () => {
    const [error] = await invalid(`/2/users/${TWITTER_DEV}/followers?user.fields=created_at,foo`);
    expect(error?.parameters).toEqual({ 'user.fields': ['created_at,foo'] });
    expect(error?.message).toMatch(
      /^The `user.fields` query parameter value \[foo\] is not one of \[affiliation,/,
    );
    expect(error?.message).toContain(',verified_type,withheld,subscribes_to_you]');
    const [tweetError] = await invalid(`/2/tweets/1500000000000000000?tweet.fields=bar`);
    expect(tweetError?.message).toMatch(/value \[bar\] is not one of \[article,attachments,author_id,/);
  });

  it('rejects an unknown expansion with the endpoint’s expansion list', async () => {
    const [error] = await invalid(`/2/users/${TWITTER_DEV}?expansions=author_id`);
    expect(error?.message).toBe(
      'The `expansions` query parameter value [author_id] is not one of [affiliation.user_id,most_recent_tweet_id,pinned_tweet_id,affiliation,most_recent_post_id,pinned_post_id]',
    );
  });

  it('accepts every value the spec lists for each fields parameter', async () => {
    const answer = await xGet(
      emulator,
      `/2/users/${TWITTER_DEV}/followers?max_results=5&expansions=affiliation.user_id,most_recent_tweet_id,pinned_tweet_id` +
        '&user.fields=affiliation,confirmed_email,connection_status,created_at,description,entities,id,is_identity_verified,location,most_recent_tweet_id,name,parody,pinned_tweet_id,profile_banner_url,profile_image_url,protected,public_metrics,receives_your_dm,subscription,subscription_type,url,username,verified,verified_followers_count,verified_type,withheld',
    );
    expect(answer.status).toBe(200);
  });

  it('rejects an unknown query parameter naming the accepted ones', async () => {
    expect(await invalid(`/2/users/${TWITTER_DEV}/followers?foo=1`)).toEqual([
      {
        parameters: { foo: ['1'] },
        message:
          'The query parameter [foo] is not one of [id,max_results,pagination_token,expansions,tweet.fields,user.fields,post.fields]',
      },
    ]);
  });

  it('rejects missing, empty and more than 100 ids', async () => {
    const [missing] = await invalid('/2/users');
    expect(missing?.message).toBe('The `ids` query parameter can not be empty');
    const [empty] = await invalid('/2/tweets?ids=');
    expect(empty?.message).toBe('The `ids` query parameter can not be empty');
    const ids = Array.from({ length: 101 }, (_, i) => String(i + 1)).join(',');
    const [tooMany] = await invalid(`/2/users?ids=${ids}`);
    expect(tooMany?.message).toContain('[101] is not between 1 and 100');
    const usernames = Array.from({ length: 101 }, (_, i) => `u${i}`).join(',');
    expect(await invalid(`/2/users/by?usernames=${usernames}`)).toHaveLength(1);
  });

  it('rejects a malformed or unknown pagination token', async () => {
    for (const token of ['abc', 'DFEDBNRFT3MHCZZZ', 'ZZZZZZZZZZZZZZZZZZZZZ']) {
      expect(await invalid(`/2/users/${TWITTER_DEV}/followers?pagination_token=${token}`)).toEqual([
        {
          parameters: { pagination_token: [token] },
          message: `The \`pagination_token\` query parameter value [${token}] is not a valid token.`,
        },
      ]);
    }
  });

  it('rejects a duplicated parameter', async () => {
    const [error] = await invalid(`/2/users/${TWITTER_DEV}/followers?max_results=5&max_results=6`);
    expect(error).toEqual({
      parameters: { max_results: ['5', '6'] },
      message: 'Duplicate parameters are not allowed: the `max_results` query parameter',
    });
  });

  it('reports every problem of a request, one entry each', async () => {
    const errors = await invalid(
      '/2/users/abc/followers?max_results=0&user.fields=nope&expansions=nah&foo=1',
    );
    expect(errors.map((e) => Object.keys(e.parameters)[0])).toEqual([
      'id',
      'max_results',
      'user.fields',
      'expansions',
      'foo',
    ]);
  });
});

describe('spec-enums', () => {
  it('holds exactly the enum values of the 2.166 spec’s fields and expansions parameters', () => {
    const spec = JSON.parse(readFileSync(new URL('../../spec/openapi-2.166.json', import.meta.url), 'utf8'));
    const enumOf = (name: string): string[] => spec.components.parameters[name].schema.items.enum;
    expect(enums.USER_FIELD_VALUES).toEqual(enumOf('UserFieldsParameter'));
    expect(enums.TWEET_FIELD_VALUES).toEqual(enumOf('TweetFieldsParameter'));
    expect(enums.USER_EXPANSION_VALUES).toEqual(enumOf('UserExpansionsParameter'));
    expect(enums.TWEET_EXPANSION_VALUES).toEqual(enumOf('TweetExpansionsParameter'));
    expect(enums.MEDIA_FIELD_VALUES).toEqual(enumOf('MediaFieldsParameter'));
    expect(enums.POLL_FIELD_VALUES).toEqual(enumOf('PollFieldsParameter'));
    expect(enums.PLACE_FIELD_VALUES).toEqual(enumOf('PlaceFieldsParameter'));
  });
});

describe('spec-enums of 2.167', () => {
  it('holds exactly the enum values of the 2.167 spec’s renamed parameters', () => {
    const spec = JSON.parse(readFileSync(new URL('../../spec/openapi-2.167.json', import.meta.url), 'utf8'));
    const enumOf = (name: string): string[] => spec.components.parameters[name].schema.items.enum;
    expect(enums.POST_FIELD_VALUES).toEqual(enumOf('PostFieldsParameter'));
    expect(enums.USER_FIELD_VALUES_2167).toEqual(enumOf('UserFieldsParameter'));
    expect(enums.USER_EXPANSION_VALUES_2167).toEqual(enumOf('UserExpansionsParameter'));
    expect(enums.POST_EXPANSION_VALUES).toEqual(enumOf('PostExpansionsParameter'));
  });

  it('merges two generations keeping the first’s order and each value once', () => {
    expect(enums.bothGenerations(['a', 'b'], ['b', 'c'])).toEqual(['a', 'b', 'c']);
  });
});
