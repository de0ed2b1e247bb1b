import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { maskUrlUserinfo, REDACTED } from '../../src/observability/redact.ts';
import { spawnGateway } from '../fixtures/server-process.ts';

/** Passwords with each character that ends user info early in a naive parser, and what must not show. */
const PASSWORDS: readonly { password: string; parts: readonly string[] }[] = [
  { password: 's3cr/et-A1', parts: ['s3cr', 'et-A1'] },
  { password: 'p4ss@w0rd-B2', parts: ['p4ss', 'w0rd-B2'] },
  { password: 'c0l:on-C3', parts: ['c0l', 'on-C3'] },
  { password: 'h4sh#tag-D4', parts: ['h4sh', 'tag-D4'] },
  { password: 'qu3ry?x-E5', parts: ['qu3ry', 'x-E5'] },
  { password: 'p3rc%zz-F6', parts: ['p3rc', 'zz-F6'] },
  { password: 'all/@:#?%-G7', parts: ['G7'] },
];

/** The one-line message `loadConfig` throws for an environment. */
function errorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`expected loadConfig to throw for ${JSON.stringify(Object.keys(env))}`);
}

describe('URL user info in errors and log lines', () => {
  it.each(PASSWORDS)(
    'masks the password $password of a bad REDIS_URL in the start-up error',
    ({ password, parts }) => {
      // A wrong scheme always fails, parsable or not; the message names the variable, never the password.
      for (const value of [
        `ftp://user:${password}@127.0.0.1:6379`,
        `redis//user:${password}@127.0.0.1:6379`,
      ]) {
        const message = errorOf({ REDIS_URL: value });
        expect(message).toContain('REDIS_URL must be a redis:// or rediss:// URL');
        for (const part of parts) expect(message).not.toContain(part);
      }
    },
  );

  it.each(PASSWORDS)(
    'masks the password $password in CORS_ORIGINS and X_API_BASE_URL errors',
    ({ password, parts }) => {
      const cors = errorOf({
        CORS_ORIGINS: `https://ok.example.com,https://user:${password}@app.example.com`,
      });
      expect(cors).toContain('CORS_ORIGINS must be * or comma-separated origins');
      const base = errorOf({ X_API_BASE_URL: `ftp://user:${password}@api.example.com` });
      expect(base).toContain('X_API_BASE_URL must be an http:// or https:// URL');
      for (const part of parts) {
        expect(cors).not.toContain(part);
        expect(base).not.toContain(part);
      }
    },
  );

  it('masks the user info of a value that is no URL at all', () => {
    const message = errorOf({ REDIS_URL: 'user:n0tAurl-H8@127.0.0.1:6379' });
    expect(message).toContain(`${REDACTED}@127.0.0.1:6379`);
    expect(message).not.toContain('n0tAurl');
  });

  it.each(PASSWORDS)('masks the password $password of any URL in a log line', ({ password, parts }) => {
    const lines: string[] = [];
    const logger = createLogger({ write: (line) => lines.push(line) });
    const url = `redis://user:${password}@cache.internal:6379/0`;
    logger.error('shared state unavailable', {
      error: new Error(`connect failed: ${url}`),
      url,
      note: `see "${url}"`,
    });
    const line = lines[0] ?? '';
    expect(line).toContain(`redis://${REDACTED}@cache.internal:6379/0`);
    for (const part of parts) expect(line).not.toContain(part);
  });

  it('leaves URLs without user info and text without URLs unchanged', () => {
    const text = 'GET https://api.x.com/2/users/by?usernames=a,b failed; mail ops@example.com';
    expect(maskUrlUserinfo(text)).toBe(text);
    expect(maskUrlUserinfo('a https://u:p@h/x and http://v:q@k')).toBe(
      `a https://${REDACTED}@h/x and http://${REDACTED}@k`,
    );
  });

  it('exits 1 with the REDIS_URL of the issue masked in its one line', async () => {
    const gateway = spawnGateway({ REDIS_URL: 'redis://u:s3cr/et@127.0.0.1:6379' });
    const { code } = await gateway.exited;
    expect(code).toBe(1);
    expect(gateway.stderr()).toMatch(
      /^Invalid environment: REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/,
    );
    expect(gateway.output()).not.toContain('s3cr');
  });
});
