import { ServerResponse } from 'node:http';
import { Response as FetchResponse } from '@whatwg-node/fetch';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ANSWER_BYTES, AnswerResponse, LARGE_TEXT_CHARS } from '../src/answer-response.ts';
import { startTestGateway, type TestGateway } from './fixtures/server-gateway.ts';

/** A JSON text just past the threshold, with characters of two, three and four UTF-8 bytes. */
const LARGE = `{"text":"${'é€🚀'.repeat(Math.ceil(LARGE_TEXT_CHARS / 4))}"}`;

describe('AnswerResponse', () => {
  it('holds a large text body as its UTF-8 bytes, with their count as Content-Length', async () => {
    const response = new AnswerResponse(LARGE, { headers: { 'content-type': 'application/json' } });
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(LARGE)));
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe(LARGE);
  });

  it('gives a large text body without a type the type a text body gets', () => {
    const expected = new FetchResponse('text').headers.get('content-type');
    expect(expected).toMatch(/^text\/plain/);
    expect(new AnswerResponse(LARGE).headers.get('content-type')).toBe(expected);
  });

  it('encodes a large body into a pooled buffer, given back once when released', async () => {
    const first = new AnswerResponse(LARGE);
    const before = ANSWER_BYTES.retained;
    first.releaseBytes();
    const given = ANSWER_BYTES.retained - before;
    expect(given).toBeGreaterThanOrEqual(LARGE.length * 3);
    first.releaseBytes();
    expect(ANSWER_BYTES.retained - before).toBe(given);
    // The next large answer takes that buffer and overwrites it: why it is given back only once written.
    const other = `{"text":"${'ü'.repeat(LARGE.length)}"}`;
    const second = new AnswerResponse(other);
    expect(ANSWER_BYTES.retained).toBe(before);
    expect(await second.text()).toBe(other);
    expect(await first.text()).not.toBe(LARGE);
    second.releaseBytes();
  });

  it('answers like a Response of the same text for short bodies, empty bodies and no body', async () => {
    for (const body of ['{"data":{}}', '', null]) {
      const ours = new AnswerResponse(body, { status: 202 });
      const theirs = new FetchResponse(body, { status: 202 });
      expect([...ours.headers]).toEqual([...theirs.headers]);
      expect(ours.status).toBe(202);
      expect(await ours.text()).toBe(await theirs.text());
    }
  });
});

describe('the gateway over HTTP', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.close());

  /** Posts a followers query over HTTP; the chunks the server wrote for it, and the answer. */
  async function followers(first: number) {
    const write = vi.spyOn(ServerResponse.prototype, 'write');
    try {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'accept-encoding': 'identity',
        },
        body: JSON.stringify({
          query: `{ user(restId: "2244994945") { followers(first: ${first}) {
            nodes { restId name description pinnedTweet { text } } } } }`,
        }),
      });
      const text = await response.text();
      const length = Number(response.headers.get('content-length'));
      return { chunks: write.mock.calls.map(([chunk]) => chunk), text, length };
    } finally {
      write.mockRestore();
    }
  }

  it('writes a large answer to the socket as one buffer of its bytes', async () => {
    const { chunks, text, length } = await followers(1000);
    expect(text.length).toBeGreaterThan(LARGE_TEXT_CHARS);
    expect(chunks).toHaveLength(1);
    expect(Buffer.isBuffer(chunks[0])).toBe(true);
    expect(length).toBe(Buffer.byteLength(text));
    expect(JSON.parse(text).data.user.followers.nodes).toHaveLength(1000);
  });

  it('writes a short answer as its text', async () => {
    const { chunks, text, length } = await followers(2);
    expect(chunks).toEqual([text]);
    expect(length).toBe(Buffer.byteLength(text));
  });
});
