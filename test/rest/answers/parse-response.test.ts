import { describe, expect, it } from 'vitest';
import { parseBody, type ResponseShape } from '../../../src/rest/answers/parse-response.ts';
import { UpstreamError } from '../../../src/rest/errors.ts';

const PAGE: ResponseShape = { resource: 'user', data: 'page' };
const USERS: ResponseShape = { resource: 'user', data: 'array' };
const TWEET: ResponseShape = { resource: 'tweet', data: 'object' };
const E = 'GET /2/users/:id/followers';

/** The message `parseBody` throws for a body. */
function problemOf(body: unknown, shape: ResponseShape = PAGE): string {
  try {
    parseBody(typeof body === 'string' ? body : JSON.stringify(body), E, shape);
  } catch (error) {
    expect(error).toBeInstanceOf(UpstreamError);
    return (error as Error).message.replace(
      `X answered ${E} with a body that is not the documented shape: `,
      '',
    );
  }
  throw new Error('the body was accepted');
}

describe('parseBody', () => {
  it('accepts the documented shapes and keeps big ids as strings', () => {
    const body = parseBody(
      '{"data":[{"id":"1234567890123456789","name":"n","username":"u","pinned_tweet_id":"9"}],' +
        '"includes":{"tweets":[{"id":"9","text":"t"}]},"meta":{"result_count":1,"next_token":"DFEDBNRFT3MHCZZZ"}}',
      E,
      PAGE,
    );
    expect(Array.isArray(body.data) && body.data[0]?.id).toBe('1234567890123456789');
    expect(parseBody('{"meta":{"result_count":0}}', E, PAGE).meta?.result_count).toBe(0);
    expect(parseBody('{"errors":[{"type":"t","title":"x"}]}', E, USERS).errors).toHaveLength(1);
    expect(parseBody('{"data":{"id":"5","text":"hi","author_id":"6"}}', E, TWEET).data).toMatchObject({
      id: '5',
    });
  });

  it('reports malformed JSON', () => {
    expect(() => parseBody('<html>', E, PAGE)).toThrow(`X answered ${E} with malformed JSON.`);
  });

  it('names the first path that is wrong', () => {
    expect(problemOf([])).toBe('the body is not a JSON object.');
    expect(problemOf({})).toBe('it has none of data, meta and errors.');
    expect(problemOf({ meta: {} }, USERS)).toBe('it has neither data nor errors.');
    expect(problemOf({ data: {} })).toBe('data is not an array.');
    expect(problemOf({ data: [{ id: '1', name: 'n', username: 'u' }, { id: 2 }] })).toBe(
      'data[1].id is not a string.',
    );
    expect(problemOf({ data: [{ id: '01234567890123456789', name: 'n', username: 'u' }] })).toBe(
      'data[0].id is not an id of 1 to 19 digits.',
    );
    expect(problemOf({ data: [{ id: '1', name: 'n' }] })).toBe('data[0].username is not a string.');
    expect(problemOf({ data: [{ id: '1', name: 'n', username: 'u', pinned_tweet_id: 5 }] })).toBe(
      'data[0].pinned_tweet_id is not a string.',
    );
    expect(problemOf({ meta: { result_count: '3' } })).toBe(
      'meta.result_count is not a non-negative integer.',
    );
    expect(problemOf({ meta: { result_count: 1, next_token: 7 } })).toBe('meta.next_token is not a string.');
    expect(problemOf({ meta: { result_count: 0 }, includes: { tweets: [{ id: '1' }] } })).toBe(
      'includes.tweets[0].text is not a string.',
    );
    expect(problemOf({ meta: { result_count: 0 }, errors: [{ title: 'x' }] })).toBe(
      'errors[0].type is not a string.',
    );
    expect(problemOf({ data: { id: '1', text: 't', author_id: 'me' } }, TWEET)).toBe(
      'data.author_id is not an id of 1 to 19 digits.',
    );
  });
});
