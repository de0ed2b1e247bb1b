import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../src/rest/options.ts';

describe('resolveOptions', () => {
  it('applies the documented defaults', () => {
    const options = resolveOptions({ baseUrl: 'https://api.x.com' });
    expect(options).toMatchObject({
      timeoutMs: 10_000,
      maxRetries: 2,
      cacheTtlMs: 60_000,
      cacheStaleMs: 900_000,
      cacheMaxBytes: 64 * 1024 * 1024,
      maxResponseBytes: 8 * 1024 * 1024,
      rateLimitFailFastMs: 2000,
    });
    expect(options.baseUrl.href).toBe('https://api.x.com/');
  });

  it('accepts 0 retries and a TTL of 0', () => {
    expect(
      resolveOptions({ baseUrl: 'http://127.0.0.1:4010', maxRetries: 0, cacheTtlSeconds: 0 }),
    ).toMatchObject({
      maxRetries: 0,
      cacheTtlMs: 0,
    });
  });

  it('names a bad option', () => {
    expect(() => resolveOptions({ baseUrl: 'api.x.com' })).toThrow(/baseUrl/);
    expect(() => resolveOptions({ baseUrl: 'ftp://api.x.com' })).toThrow(/baseUrl/);
    expect(() => resolveOptions({ baseUrl: 'https://api.x.com', timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => resolveOptions({ baseUrl: 'https://api.x.com', maxRetries: -1 })).toThrow(/maxRetries/);
    expect(() => resolveOptions({ baseUrl: 'https://api.x.com', cacheTtlSeconds: 1.5 })).toThrow(
      /cacheTtlSeconds/,
    );
  });

  it('defaults the clock, the sleep and the jitter to real ones', async () => {
    const options = resolveOptions({ baseUrl: 'https://api.x.com' });
    expect(options.now).toBe(Date.now);
    expect(options.random).toBe(Math.random);
    await expect(options.sleep(1)).resolves.toBeUndefined();
  });

  it('takes the injected clock, sleep, jitter and fail-fast bound', () => {
    const now = () => 5;
    const sleep = async () => {};
    const random = () => 0.25;
    const options = resolveOptions({
      baseUrl: 'https://api.x.com',
      now,
      sleep,
      random,
      rateLimitFailFastSeconds: 0,
    });
    expect(options).toMatchObject({ now, sleep, random, rateLimitFailFastMs: 0 });
  });
});
