import { describe, expect, it } from 'vitest';
import type { SessionSource } from '../../src/context.ts';
import { createGatewayYoga } from '../../src/yoga.ts';
import { FakeSession } from '../fixtures/schema-fake-session.ts';

const session = new FakeSession({ users: [{ id: '12', name: 'Jack', username: 'jack' }], tweets: [] });
const client: SessionSource = { session: () => session };
const yoga = createGatewayYoga({ client, maxRequestBodySize: 200 });

const SMALL = JSON.stringify({ query: '{ user(restId: "12") { name } }' });
const LARGE = JSON.stringify({ query: `{ user(restId: "12") { name } } # ${'x'.repeat(300)}` });

/** A body streamed in chunks, without a Content-Length (as `Transfer-Encoding: chunked` sends it). */
function chunked(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      for (let at = 0; at < bytes.length; at += 64) controller.enqueue(bytes.subarray(at, at + 64));
      controller.close();
    },
  });
}

/** Posts a body with the given headers and returns the status and the JSON answer. */
async function post(body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  const response = await yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  } as RequestInit);
  const answer = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  return { status: response.status, answer, codes: answer.errors?.map((e) => e.extensions?.code) };
}

describe('useRequestBodyLimit', () => {
  it('serves a body within the bound, with or without a Content-Length', async () => {
    const sized = await post(SMALL, { 'content-length': String(SMALL.length) });
    expect(sized).toMatchObject({ status: 200, answer: { data: { user: { name: 'Jack' } } } });
    const streamed = await post(chunked(SMALL));
    expect(streamed).toMatchObject({ status: 200, answer: { data: { user: { name: 'Jack' } } } });
  });

  it('refuses a declared Content-Length over the bound with 413 before reading the body', async () => {
    const calls = session.calls.length;
    const result = await post(LARGE, { 'content-length': String(LARGE.length) });
    expect(result.status).toBe(413);
    expect(result.codes).toEqual(['REQUEST_ENTITY_TOO_LARGE']);
    expect(session.calls.length).toBe(calls);
  });

  it('counts a body without a Content-Length and refuses it with 413 once it passes the bound', async () => {
    const result = await post(chunked(LARGE));
    expect(result.status).toBe(413);
    expect(result.codes).toEqual(['REQUEST_ENTITY_TOO_LARGE']);
  });

  it('refuses a Content-Length that is not one non-negative integer with 400', async () => {
    const result = await post(SMALL, { 'content-length': `${SMALL.length}, ${SMALL.length}` });
    expect(result.status).toBe(400);
    expect(result.codes).toEqual(['BAD_REQUEST']);
  });
});
