import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_REQUEST_BODY_BYTES } from '../../src/config-defaults.ts';
import { type HostileAnswer, jsonPost, sendHostile } from '../fixtures/hostile-request.ts';
import { startTestGateway, type TestGateway } from '../fixtures/server-gateway.ts';

/**
 * Requests too large or too deep for this API: bodies past `MAX_REQUEST_BODY_BYTES`, variables and
 * extensions nested or numerous past their bounds, documents too large or too deeply bracketed, and GET
 * URLs past Node's header limit. Each is refused before any work (no upstream call) with a client
 * status and code, and never an error-level log line; the largest honest requests still pass.
 */

/** A query that calls X when it runs, so a refusal's zero calls mean something. */
const CALLING_QUERY = '{ user(restId: "2244994945") { name } }';

/** `levels` arrays nested in one another, as JSON text. */
const nestedArrays = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;

/** A body whose `variables` hold `a`: the given JSON text. */
const withVariable = (json: string, query = CALLING_QUERY): string =>
  `{"query":${JSON.stringify(query)},"variables":{"a":${json}}}`;

/** `count` distinct X ids. */
const xIds = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => String(1_234_567_890_123_456_789n + BigInt(i)));

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway({ EMULATOR_RATE_LIMIT: 'off' });
});
afterAll(async () => {
  await gateway.close();
});

/** Asserts a refusal before any work: the status, the code, no upstream call, no error-level line. */
function expectRefused(answer: HostileAnswer, status: number, code: string | undefined): void {
  expect(answer.status).toBe(status);
  if (code) expect(answer.codes).toEqual([code]);
  expect(answer.body?.data ?? undefined).toBeUndefined();
  expect(answer.upstreamCalls).toBe(0);
  expect(answer.errorLines).toEqual([]);
}

describe('request size', () => {
  it('serves 1,000 restIds in variables (about 22 KB) by POST', async () => {
    const body = {
      query: 'query ($ids: [ID!]!) { users(restIds: $ids) { restId } }',
      variables: { ids: xIds(1000) },
    };
    expect(JSON.stringify(body).length).toBeGreaterThan(20_000);
    const answer = await sendHostile(gateway, '', jsonPost(body));
    expect(answer.status).toBe(200);
    expect((answer.body?.data as { users: unknown[] } | undefined)?.users).toHaveLength(1000);
    expect(answer.codes).not.toContain('REQUEST_ENTITY_TOO_LARGE');
    expect(answer.codes).not.toContain('BAD_USER_INPUT');
    expect(answer.errorLines).toEqual([]);
  });

  it('serves 1,000 federation representations pretty-printed (about 87 KB), under the default bound', async () => {
    const representations = xIds(1000).map((restId) => ({ __typename: 'User', restId }));
    const body = JSON.stringify(
      {
        query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { restId } } }',
        variables: { r: representations },
      },
      null,
      2,
    );
    expect(body.length).toBeGreaterThan(80_000);
    expect(body.length).toBeLessThan(DEFAULT_MAX_REQUEST_BODY_BYTES);
    const answer = await sendHostile(gateway, '', jsonPost(body));
    expect(answer.status).toBe(200);
    expect((answer.body?.data as { _entities: unknown[] } | undefined)?._entities).toHaveLength(1000);
    expect(answer.errorLines).toEqual([]);
  });

  it('refuses a body past 128 KiB with 413 REQUEST_ENTITY_TOO_LARGE naming the setting', async () => {
    const answer = await sendHostile(
      gateway,
      '',
      jsonPost(withVariable(JSON.stringify('x'.repeat(140_000)))),
    );
    expectRefused(answer, 413, 'REQUEST_ENTITY_TOO_LARGE');
    expect(answer.message).toMatch(/larger than 131072 bytes \(MAX_REQUEST_BODY_BYTES\)/);
  });

  it('refuses a streamed body without a Content-Length once it passes the bound', async () => {
    const bytes = new TextEncoder().encode(withVariable(JSON.stringify('x'.repeat(200_000))));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 16_384) controller.enqueue(bytes.subarray(at, at + 16_384));
        controller.close();
      },
    });
    const answer = await sendHostile(gateway, '', { ...jsonPost(''), body, duplex: 'half' } as RequestInit);
    expectRefused(answer, 413, 'REQUEST_ENTITY_TOO_LARGE');
    expect(answer.headers.get('connection')).toBe('close');
  });

  it('refuses variables nested 60,000 levels deep with 400 BAD_USER_INPUT (no stack overflow)', async () => {
    const answer = await sendHostile(gateway, '', jsonPost(withVariable(nestedArrays(60_000))));
    expectRefused(answer, 400, 'BAD_USER_INPUT');
    expect(answer.message).toBe('The "variables" parameter nests more than 32 levels deep; the limit is 32.');
  });

  it('takes variables 32 levels deep and refuses 33', async () => {
    // The variables object is the first level, `a`'s arrays the others.
    const at32 = await sendHostile(gateway, '', jsonPost(withVariable(nestedArrays(31), '{ __typename }')));
    expect(at32.status).toBe(200);
    expect(at32.body?.data).toEqual({ __typename: 'Query' });
    expectRefused(
      await sendHostile(gateway, '', jsonPost(withVariable(nestedArrays(32)))),
      400,
      'BAD_USER_INPUT',
    );
  });

  it('refuses variables holding more than 10,000 values with 400 BAD_USER_INPUT', async () => {
    const answer = await sendHostile(
      gateway,
      '',
      jsonPost(withVariable(JSON.stringify(new Array(10_001).fill(0)))),
    );
    expectRefused(answer, 400, 'BAD_USER_INPUT');
    expect(answer.message).toMatch(/holds more than 10000 values; the limit is 10000/);
  });

  it('bounds extensions like variables', async () => {
    const deep = `{"query":${JSON.stringify(CALLING_QUERY)},"extensions":{"a":${nestedArrays(60_000)}}}`;
    const answer = await sendHostile(gateway, '', jsonPost(deep));
    expectRefused(answer, 400, 'BAD_USER_INPUT');
    expect(answer.message).toMatch(/^The "extensions" parameter nests more than 32 levels deep/);
  });

  it('refuses a document past 16 KiB with 400 BAD_USER_INPUT before parsing it', async () => {
    const answer = await sendHostile(
      gateway,
      '',
      jsonPost({ query: `${CALLING_QUERY} # ${'x'.repeat(20_000)}` }),
    );
    expectRefused(answer, 400, 'BAD_USER_INPUT');
    expect(answer.message).toMatch(/the limit is 16384 bytes/);
  });

  it('refuses a document of 5,000 nested list values or selections with 400 BAD_USER_INPUT (no stack overflow)', async () => {
    const lists = `{ users(restIds: ${nestedArrays(5000)}) { name } } ${CALLING_QUERY}`;
    const listAnswer = await sendHostile(gateway, '', jsonPost({ query: lists }));
    expectRefused(listAnswer, 400, 'BAD_USER_INPUT');
    expect(listAnswer.message).toBe('The document nests brackets more than 64 levels deep; the limit is 64.');
    const selections = `${'{ a '.repeat(5000)}${'}'.repeat(5000)}`;
    expectRefused(await sendHostile(gateway, '', jsonPost({ query: selections })), 400, 'BAD_USER_INPUT');
  });

  it('counts no brackets inside strings and comments', async () => {
    const query = `{ __type(name: "${'['.repeat(100)}") { name } } # ${'{'.repeat(100)}`;
    const answer = await sendHostile(gateway, '', jsonPost({ query }));
    expect(answer).toMatchObject({ status: 200, body: { data: { __type: null } }, codes: [] });
  });

  it('refuses a document past 2,000 tokens with 400 GRAPHQL_PARSE_FAILED', async () => {
    const answer = await sendHostile(gateway, '', jsonPost({ query: `{ ${'a '.repeat(2100)}}` }));
    expectRefused(answer, 400, 'GRAPHQL_PARSE_FAILED');
  });

  it('leaves a GET URL past 16 KiB to Node, which answers 431 before the gateway reads it', async () => {
    const variables = encodeURIComponent(JSON.stringify({ ids: xIds(1000) }));
    expect(variables.length).toBeGreaterThan(16_384);
    const answer = await sendHostile(
      gateway,
      `?query=${encodeURIComponent(CALLING_QUERY)}&variables=${variables}`,
    );
    expectRefused(answer, 431, undefined);
  });

  it('has written no error-level log line', () => {
    expect(gateway.lines.filter((line) => line.level === 'error')).toEqual([]);
  });
});

describe('MAX_REQUEST_BODY_BYTES', () => {
  let bounded: TestGateway;
  beforeAll(async () => {
    bounded = await startTestGateway({ EMULATOR_RATE_LIMIT: 'off', MAX_REQUEST_BODY_BYTES: '1048576' });
  });
  afterAll(async () => {
    await bounded.close();
  });

  it('moves the body bound, and a 100,000-level variable within it is still a 400 BAD_USER_INPUT', async () => {
    const body = withVariable(nestedArrays(100_000));
    expect(body.length).toBeGreaterThan(DEFAULT_MAX_REQUEST_BODY_BYTES);
    expectRefused(await sendHostile(bounded, '', jsonPost(body)), 400, 'BAD_USER_INPUT');
    const tooLarge = withVariable(JSON.stringify('x'.repeat(1_100_000)));
    expectRefused(await sendHostile(bounded, '', jsonPost(tooLarge)), 413, 'REQUEST_ENTITY_TOO_LARGE');
  });
});
