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

describe('useRequestId', () => {
  it('keeps a safe incoming x-request-id, echoes it and exposes it to resolvers', async () => {
    const { yoga } = createPluginsYoga();
    const response = await post(yoga, '{ requestId }', { 'x-request-id': 'client-id-1' });
    expect(response.headers.get('x-request-id')).toBe('client-id-1');
    expect(await response.json()).toEqual({ data: { requestId: 'client-id-1' } });
  });

  it('generates a UUID when the incoming id is missing or unsafe', async () => {
    const { yoga } = createPluginsYoga();
    const response = await post(yoga, '{ requestId }', { 'x-request-id': 'bad id <script>' });
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({ data: { requestId: id } });
  });

  it('gives concurrent requests their own ids', async () => {
    const { yoga } = createPluginsYoga();
    const responses = await Promise.all(
      ['a', 'b', 'c'].map((id) => post(yoga, '{ requestId }', { 'x-request-id': `req-${id}` })),
    );
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(bodies.map((b) => b.data.requestId)).toEqual(['req-a', 'req-b', 'req-c']);
  });

  it('sets the header on non-GraphQL routes too', async () => {
    const { yoga } = createPluginsYoga();
    const response = await yoga.fetch('http://gateway.test/health', { headers: { 'x-request-id': 'h-1' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('h-1');
  });
});
