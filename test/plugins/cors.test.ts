import { describe, expect, it } from 'vitest';
import { corsOptions } from '../../src/plugins/cors.ts';
import { createPluginsYoga } from '../fixtures/server-plugins-yoga.ts';

/** A CORS preflight from `origin`. */
function preflight(yoga: ReturnType<typeof createPluginsYoga>['yoga'], origin: string) {
  return yoga.fetch('http://gateway.test/graphql', {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, authorization',
    },
  });
}

describe('corsOptions', () => {
  it('maps CORS_ORIGINS onto Yoga options without credentials', () => {
    expect(corsOptions({ corsOrigins: '*' })).toMatchObject({ origin: '*', credentials: false });
    expect(corsOptions({ corsOrigins: ['https://a.example.com'] })).toMatchObject({
      origin: ['https://a.example.com'],
    });
  });

  it('allows any origin with *, exposing x-request-id', async () => {
    const { yoga } = createPluginsYoga({ corsOrigins: '*' });
    const response = await preflight(yoga, 'https://anywhere.example');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://anywhere.example');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(response.headers.get('access-control-allow-headers')).toContain('x-graphql-csrf');
    expect(response.headers.get('access-control-expose-headers')).toBe('x-request-id');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('allows only the configured origins', async () => {
    const { yoga } = createPluginsYoga({ corsOrigins: ['https://a.example.com', 'https://b.example.com'] });
    const allowed = await preflight(yoga, 'https://b.example.com');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://b.example.com');
    const refused = await preflight(yoga, 'https://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
  });
});
