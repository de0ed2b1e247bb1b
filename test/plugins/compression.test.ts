import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { SessionSource } from '../../src/context.ts';
import { chooseEncoding, useCompression } from '../../src/plugins/compression.ts';
import { createGatewayYoga } from '../../src/yoga.ts';
import { FakeSession } from '../fixtures/schema-fake-session.ts';

const session = new FakeSession({ users: [{ id: '12', name: 'Jack', username: 'jack' }], tweets: [] });
const client: SessionSource = { session: () => session };
/** At the default threshold, 1,024 bytes. */
const yoga = createGatewayYoga({ client });

/** A query whose answer is small (one alias) or, aliased 30 times with long aliases, over 1,024 bytes. */
function queryOf(aliases: number): string {
  const fields = Array.from({ length: aliases }, (_, i) => `n${i}_${'a'.repeat(40)}: name`).join(' ');
  return `{ user(restId: "12") { ${fields} } }`;
}

/** Posts a query with the given `Accept-Encoding` (and other headers). */
function post(query: string, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(
    yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    }),
  );
}

/** The body of a response, decoded as its `Content-Encoding` says. */
async function decoded(response: Response): Promise<unknown> {
  const bytes = Buffer.from(await response.arrayBuffer());
  expect(Number(response.headers.get('content-length'))).toBe(bytes.byteLength);
  const encoding = response.headers.get('content-encoding');
  const text =
    encoding === 'br' ? brotliDecompressSync(bytes) : encoding === 'gzip' ? gunzipSync(bytes) : bytes;
  return JSON.parse(text.toString('utf8'));
}

describe('chooseEncoding', () => {
  it('prefers br, follows q-values and refuses what q=0 excludes', () => {
    expect(chooseEncoding('gzip, deflate, br')).toBe('br');
    expect(chooseEncoding('gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0.5, gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0')).toBeUndefined();
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('*, br;q=0')).toBe('gzip');
    expect(chooseEncoding('identity')).toBeUndefined();
    expect(chooseEncoding(null)).toBeUndefined();
  });
});

describe('useCompression', () => {
  it('compresses an answer over the threshold with br or gzip as Accept-Encoding asks', async () => {
    const query = queryOf(30);
    const plain = await post(query);
    expect(plain.headers.get('content-encoding')).toBeNull();
    const expected = await decoded(plain);
    const plainBytes = Number(plain.headers.get('content-length'));
    for (const encoding of ['br', 'gzip']) {
      const response = await post(query, { 'accept-encoding': encoding });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-encoding')).toBe(encoding);
      expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(Number(response.headers.get('content-length'))).toBeLessThan(plainBytes);
      expect(await decoded(response)).toEqual(expected);
    }
  });

  it('leaves an answer under the threshold as it is, with Vary: Accept-Encoding', async () => {
    const response = await post(queryOf(1), { 'accept-encoding': 'gzip, br' });
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(await decoded(response)).toMatchObject({ data: { user: { [`n0_${'a'.repeat(40)}`]: 'Jack' } } });
  });

  it('compresses nothing when turned off', async () => {
    const off = createGatewayYoga({ client, compressionMinBytes: false });
    const response = await off.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'br' },
      body: JSON.stringify({ query: queryOf(30) }),
    });
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(await decoded(response)).toMatchObject({ data: { user: { [`n0_${'a'.repeat(40)}`]: 'Jack' } } });
  });

  it('never compresses an event stream', async () => {
    const response = await post(queryOf(30), {
      accept: 'text/event-stream',
      'accept-encoding': 'br, gzip',
    });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(response.headers.get('content-encoding')).not.toMatch(/br|gzip/);
    expect(await response.text()).toContain('"n29_aaaa');
  });

  it('decides from Content-Length without reading the body of an answer it leaves as it is', () => {
    const onResponse = useCompression(1024).onResponse as unknown as (payload: {
      request: Request;
      response: Response;
      setResponse: (response: Response) => void;
    }) => unknown;
    /** A JSON response whose `body` counts its reads (reading it would copy the whole answer). */
    const counted = (body: string | null, headers: Record<string, string>) => {
      const response = new Response(body, { headers: { 'content-type': 'application/json', ...headers } });
      const reads = { count: 0 };
      const original = response.body;
      Object.defineProperty(response, 'body', {
        get: () => {
          reads.count++;
          return original;
        },
      });
      return { response, reads };
    };
    const request = new Request('http://gateway.test/graphql', { headers: { 'accept-encoding': 'br' } });
    const setResponse = () => {
      throw new Error('nothing to compress');
    };
    const small = counted('{"data":{}}', { 'content-length': '11' });
    expect(onResponse({ request, response: small.response, setResponse })).toBeUndefined();
    expect(small.reads.count).toBe(0);
    expect(small.response.headers.get('vary')).toBe('Accept-Encoding');
    // Without a length the body decides: none means nothing to compress and nothing to vary on.
    const empty = counted(null, {});
    expect(onResponse({ request, response: empty.response, setResponse })).toBeUndefined();
    expect(empty.reads.count).toBe(1);
    expect(empty.response.headers.get('vary')).toBeNull();
  });
});
