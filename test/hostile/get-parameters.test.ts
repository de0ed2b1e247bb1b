import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HostileAnswer, jsonPost, sendHostile } from '../fixtures/hostile-request.ts';
import { startTestGateway, type TestGateway } from '../fixtures/server-gateway.ts';

/**
 * Malformed request parameters, by GET query string, form body and JSON body: each is a 4xx request
 * error naming what was wrong, with no upstream call and no error-level log line, never a 500.
 */

/** A query that calls X when it runs, so a refusal's zero calls mean something. */
const CALLING_QUERY = encodeURIComponent('{ user(restId: "2244994945") { name } }');

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway({ EMULATOR_RATE_LIMIT: 'off' });
});
afterAll(async () => {
  await gateway.close();
});

/** A GET of the endpoint with a query string, asking for the GraphQL response media type. */
const get = (queryString: string): Promise<HostileAnswer> =>
  sendHostile(gateway, `?${queryString}`, { headers: { accept: 'application/graphql-response+json' } });

/** Asserts a refusal: the status, the code, a message matching `message`, no call, no error-level line. */
function expectRefused(answer: HostileAnswer, status: number, code: string, message: RegExp): void {
  expect(answer.status).toBe(status);
  expect(answer.codes).toEqual([code]);
  expect(answer.message).toMatch(message);
  expect(answer.body?.data ?? undefined).toBeUndefined();
  expect(answer.upstreamCalls).toBe(0);
  expect(answer.errorLines).toEqual([]);
}

describe('GET parameters', () => {
  it.each([
    ['variables', '%7B'],
    ['extensions', '%7B'],
    ['variables', '%7B%22a%22%3A'],
    ['extensions', 'not-json'],
  ])('answers %s=%s (not JSON) with 400 BAD_REQUEST naming the parameter', async (name, value) => {
    const answer = await get(`query=${CALLING_QUERY}&${name}=${value}`);
    expectRefused(answer, 400, 'BAD_REQUEST', new RegExp(`^The "${name}" parameter is not valid JSON \\(`));
  });

  it.each([
    ['variables', '%5B1%5D', 'array'],
    ['variables', '5', 'number'],
    ['variables', '%22s%22', 'string'],
    ['extensions', '%5B1%5D', 'array'],
    ['extensions', 'true', 'boolean'],
  ])(
    'answers %s=%s (JSON, not an object) with 400 BAD_REQUEST naming the parameter',
    async (name, value, kind) => {
      const answer = await get(`query=${CALLING_QUERY}&${name}=${value}`);
      expectRefused(
        answer,
        400,
        'BAD_REQUEST',
        new RegExp(`"${name}" param to be empty or an object, but given ${kind}`),
      );
    },
  );

  it('takes variables=null and extensions=null, as GraphQL over HTTP allows', async () => {
    const answer = await get('query=%7B__typename%7D&variables=null&extensions=null');
    expect(answer).toMatchObject({ status: 200, body: { data: { __typename: 'Query' } }, errorLines: [] });
  });

  it('answers a GET without a query with 400 BAD_REQUEST', async () => {
    expectRefused(await get('variables=%7B%7D'), 400, 'BAD_REQUEST', /Must provide query string/);
  });

  it('refuses a mutation by GET with 405', async () => {
    const answer = await get(`query=${encodeURIComponent('mutation { __typename }')}`);
    expect(answer.status).toBe(405);
    expect(answer.upstreamCalls).toBe(0);
    expect(answer.errorLines).toEqual([]);
  });

  it('answers a form body whose variables are not JSON with 400 BAD_REQUEST naming them', async () => {
    const answer = await sendHostile(gateway, '', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-graphql-csrf': '1' },
      body: `query=${CALLING_QUERY}&variables=%7B`,
    });
    expectRefused(answer, 400, 'BAD_REQUEST', /^The "variables" parameter is not valid JSON/);
  });
});

describe('POST parameters', () => {
  const query = '{ user(restId: "2244994945") { name } }';

  it.each([
    ['a body that is not JSON', '{"query":', /POST body sent invalid JSON/],
    ['a JSON number', '5', /POST body is expected to be object but received number/],
    ['JSON null', 'null', /POST body is expected to be object but received null/],
    ['a JSON array (a batch)', JSON.stringify([{ query }]), /Batching is not supported/],
    [
      'a query that is not a string',
      JSON.stringify({ query: 5 }),
      /"query" param to be a string, but given number/,
    ],
    ['no query', JSON.stringify({ variables: {} }), /Must provide query string/],
    [
      'variables that are an array',
      JSON.stringify({ query, variables: [1] }),
      /"variables" param .* given array/,
    ],
    [
      'extensions that are a string',
      JSON.stringify({ query, extensions: 'x' }),
      /"extensions" param .* given string/,
    ],
    [
      'an operationName that is not a string',
      JSON.stringify({ query, operationName: 5 }),
      /^The "operationName" parameter must be a string; got a number\.$/,
    ],
    [
      'an operationName that is an object',
      JSON.stringify({ query, operationName: { a: 1 } }),
      /^The "operationName" parameter must be a string; got an object\.$/,
    ],
    ['an unknown parameter', JSON.stringify({ query, other: 1 }), /Unexpected parameter "other"/],
  ])('answers %s with 400 BAD_REQUEST', async (_what, body, message) => {
    expectRefused(await sendHostile(gateway, '', jsonPost(body)), 400, 'BAD_REQUEST', message);
  });

  it('answers a body of another media type with 415, before reading it', async () => {
    const answer = await sendHostile(gateway, '', {
      method: 'POST',
      headers: { 'content-type': 'application/xml', 'x-graphql-csrf': '1' },
      body: '<query/>',
    });
    expect(answer.status).toBe(415);
    expect(answer.upstreamCalls).toBe(0);
    expect(answer.errorLines).toEqual([]);
  });

  it('has written no error-level log line', () => {
    expect(gateway.lines.filter((line) => line.level === 'error')).toEqual([]);
  });
});
