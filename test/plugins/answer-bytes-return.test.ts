import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_BYTES, AnswerResponse, LARGE_TEXT_CHARS } from '../../src/answer-response.ts';
import { useAnswerBytesReturn } from '../../src/plugins/answer-bytes-return.ts';
import { startTestGateway, type TestGateway } from '../fixtures/server-gateway.ts';

/** A large answer's text. */
const LARGE = `{"data":"${'x'.repeat(LARGE_TEXT_CHARS)}"}`;

/** Runs the plugin's `onResponse` for `response` as Yoga would, with `serverContext`. */
function onResponse(response: Response, serverContext: Record<string, unknown>): void {
  const hook = useAnswerBytesReturn().onResponse as (payload: unknown) => void;
  hook({ request: new Request('http://gateway.test/graphql'), response, serverContext, setResponse() {} });
}

/** A Node response, as `http` makes one for a request on a socket. */
function nodeResponse(): ServerResponse {
  return new ServerResponse(new IncomingMessage(new Socket()));
}

describe('useAnswerBytesReturn', () => {
  it('gives a large answer’s buffer back when Node’s response closes, not before', () => {
    const response = new AnswerResponse(LARGE);
    const res = nodeResponse();
    const before = ANSWER_BYTES.retained;
    onResponse(response, { req: res.req, res });
    expect(ANSWER_BYTES.retained).toBe(before);
    res.emit('finish');
    expect(ANSWER_BYTES.retained).toBe(before);
    res.emit('close');
    expect(ANSWER_BYTES.retained).toBeGreaterThan(before);
  });

  it('leaves the buffer of an answer not served through Node’s http, or already closed', () => {
    const unserved = new AnswerResponse(LARGE);
    const late = new AnswerResponse(LARGE);
    const before = ANSWER_BYTES.retained;
    onResponse(unserved, {});
    const closed = nodeResponse();
    closed.destroy();
    onResponse(late, { res: closed });
    closed.emit('close');
    expect(ANSWER_BYTES.retained).toBe(before);
  });
});

describe('large answers over HTTP with their buffers reused', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({ EMULATOR_RATE_LIMIT: 'off', X_CACHE_TTL_SECONDS: '0' });
  });
  afterAll(() => gateway.close());

  /** The data of a `first`-follower page. */
  async function page(first: number): Promise<unknown> {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'accept-encoding': 'identity',
      },
      body: JSON.stringify({
        query: `{ user(restId: "2244994945") { followers(first: ${first}) {
          nodes { restId name description location pinnedTweet { text } } } } }`,
      }),
    });
    const text = await response.text();
    expect(text.length, text.slice(0, 300)).toBeGreaterThan(LARGE_TEXT_CHARS);
    return JSON.parse(text).data;
  }

  it('serves every concurrent answer exactly, each as asked alone', async () => {
    const firsts = [1000, 990, 980, 970, 960, 950, 940, 930];
    const alone = [];
    for (const first of firsts) alone.push(await page(first));
    // The answers above gave their buffers back once written: these take them again, several at once.
    for (let round = 0; round < 3; round++) {
      const together = await Promise.all(firsts.map((first) => page(first)));
      expect(together).toEqual(alone);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ANSWER_BYTES.retained).toBeGreaterThan(0);
  });
});
