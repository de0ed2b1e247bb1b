import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './fixtures/server-gateway.ts';

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
}, 60_000);

afterAll(async () => {
  await gateway?.close();
});

/** The status, headers and body length of a request to the gateway's server. */
async function answer(method: string, path: string, headers: Record<string, string>) {
  const response = await fetch(new URL(path, gateway.url), { method, headers });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, length: body.byteLength };
}

describe('answerHeadLikeGet', () => {
  it('answers HEAD /graphql for a browser with the status and headers of the GraphiQL page, no body', async () => {
    const headers = { accept: 'text/html', 'accept-encoding': 'identity' };
    const get = await answer('GET', '/graphql', headers);
    const head = await answer('HEAD', '/graphql', headers);
    expect(get.status).toBe(200);
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
    expect(head.headers.get('content-length')).toBe(String(get.length));
    expect(head.length).toBe(0);
  }, 60_000);

  it('answers HEAD of a GraphiQL asset like GET, compressed as asked, without a body', async () => {
    const html = await (await fetch(gateway.url, { headers: { accept: 'text/html' } })).text();
    const path = /\/graphiql\/assets\/graphiql-[0-9a-f]+\.js/.exec(html)?.[0] ?? '';
    const headers = { 'accept-encoding': 'gzip' };
    const get = await answer('GET', path, headers);
    const head = await answer('HEAD', path, headers);
    expect(head.status).toBe(200);
    expect(head.headers.get('content-encoding')).toBe('gzip');
    expect(head.headers.get('etag')).toBe(get.headers.get('etag'));
    expect(head.headers.get('content-length')).toBe(get.headers.get('content-length'));
    expect(head.length).toBe(0);
  }, 60_000);

  it('answers HEAD of a query like GET', async () => {
    const path = `/graphql?query=${encodeURIComponent('{ __typename }')}`;
    const head = await answer('HEAD', path, { accept: 'application/graphql-response+json' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(head.length).toBe(0);
  });
});
