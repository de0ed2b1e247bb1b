import type { Plugin } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { createPluginsYoga } from '../fixtures/server-plugins-yoga.ts';

/** Posts a GraphQL query to the test server. */
function post(
  yoga: ReturnType<typeof createPluginsYoga>['yoga'],
  query: string,
  headers: Record<string, string> = {},
) {
  return yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
}

describe('useRequestLogging', () => {
  it('writes one line per request with its id, status, operation and duration', async () => {
    const { yoga, lines } = createPluginsYoga();
    await yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'log-1' },
      body: JSON.stringify({ query: 'query Greeting { hello }' }),
    });
    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      level: 'info',
      msg: 'request',
      requestId: 'log-1',
      method: 'POST',
      path: '/graphql',
      status: 200,
      operationName: 'Greeting',
      upstreamCalls: 0,
      cacheHits: 0,
    });
    expect(typeof requests[0]?.durationMs).toBe('number');
  });

  it('logs the path without the query string and the codes of GraphQL errors', async () => {
    const { yoga, lines } = createPluginsYoga();
    await yoga.fetch('http://gateway.test/graphql?query=%7Bfail%7D&access_token=abcdef123', {
      headers: { accept: 'application/json' },
    });
    const line = lines.find((l) => l.msg === 'request');
    expect(line).toMatchObject({ method: 'GET', path: '/graphql', errorCodes: ['INTERNAL_SERVER_ERROR'] });
    expect(JSON.stringify(lines)).not.toContain('abcdef123');
  });

  it('never logs the Authorization header of a request', async () => {
    const { yoga, lines } = createPluginsYoga();
    await post(yoga, '{ hello }', { authorization: 'Bearer secret-token-xyz' });
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(lines)).not.toContain('secret-token-xyz');
  });

  it('writes no line for an answered request below its level, and still the line of a failed one', async () => {
    const failing: Plugin = {
      onRequest({ url, endResponse }) {
        if (url.pathname === '/broken') endResponse(new Response('broken', { status: 503 }));
      },
    };
    const { yoga, lines } = createPluginsYoga({ logLevel: 'warn', extraPlugins: [failing] });
    await post(yoga, 'query Greeting { hello }');
    expect(lines.filter((line) => line.msg === 'request')).toEqual([]);
    await yoga.fetch('http://gateway.test/broken', { headers: { 'x-request-id': 'log-2' } });
    expect(lines.filter((line) => line.msg === 'request')).toMatchObject([
      { level: 'error', requestId: 'log-2', method: 'GET', path: '/broken', status: 503 },
    ]);
  });
});
