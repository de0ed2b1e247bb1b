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
    expect(given).toBeGreaterThanOrEqual(Buffer.byteLength(LARGE));
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

  it('takes a buffer sized for mostly ASCII text, not for the worst case', () => {
    const ascii = `{"text":"${'a'.repeat(300_000)}","name":"Zoë"}`;
    const response = new AnswerResponse(ascii);
    const before = ANSWER_BYTES.retained;
    response.releaseBytes();
    const given = ANSWER_BYTES.retained - before;
    expect(given).toBeGreaterThanOrEqual(Buffer.byteLength(ascii));
    expect(given).toBeLessThan(ascii.length * 2);
  });

  it('encodes text that outgrows the first buffer whole, wherever a character falls at its end', async () => {
    // The first buffer holds at most 2.5 bytes per UTF-16 unit (a quarter more than the units, rounded up
    // to a power of two); this text needs 2.6 (`€` three bytes a unit, `🚀` four for two), so it always
    // outgrows it, and the shifts move the first buffer's end across the characters.
    for (let shift = 0; shift < 5; shift++) {
      const text = `${'a'.repeat(shift)}${'€€€🚀'.repeat(LARGE_TEXT_CHARS / 4)}`;
      expect(Buffer.byteLength(text)).toBeGreaterThan(text.length * 2.5);
      // An empty pool, so that the first buffer is the first guess's size and not a larger free one.
      while (ANSWER_BYTES.retained > 0) ANSWER_BYTES.take(1);
      const response = new AnswerResponse(text);
      expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
      expect(await response.text()).toBe(text);
      response.releaseBytes();
    }
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
