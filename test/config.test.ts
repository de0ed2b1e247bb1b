import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

/** The one-line message `loadConfig` throws for an environment. */
function errorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected loadConfig to throw');
}

const OAUTH1 = {
  X_CONSUMER_KEY: 'ck-123',
  X_CONSUMER_SECRET: 'cs-secret-456',
  X_ACCESS_TOKEN: '1-at-789',
  X_ACCESS_TOKEN_SECRET: 'ats-secret-000',
};

describe('loadConfig', () => {
  it('returns the contract defaults and emulator mode for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      port: 4000,
      host: '0.0.0.0',
      mode: 'emulator',
      xApiBaseUrl: undefined,
      bearerToken: undefined,
      oauth1: undefined,
      cacheTtlSeconds: 60,
      timeoutMs: 10_000,
      maxRetries: 2,
      maxUpstreamCalls: 15,
      readAhead: 0,
      maxMicrosPerQuery: 20_000_000,
      maxMicrosPerDay: 0,
      prices: { users: 10_000, follows: 10_000, posts: 5_000 },
      cacheStaleSeconds: 900,
      introspection: true,
      subgraphSdl: true,
      persistedOperationsPath: undefined,
      redisUrl: undefined,
      corsOrigins: '*',
      logLevel: 'info',
      logFormat: undefined,
      shutdownDelayMs: 5000,
      shutdownTimeoutMs: 10_000,
      tracing: undefined,
      connectionLimits: {
        headersTimeoutMs: 10_000,
        requestTimeoutMs: 30_000,
        keepAliveTimeoutMs: 65_000,
        maxConnections: 4096,
      },
      maxConcurrentOperations: 16,
      maxQueuedOperations: 1000,
      maxRequestBodyBytes: 131_072,
      compressionMinBytes: 1024,
      emulatorSeed: undefined,
      emulatorRateLimit: 15,
      emulatorPreviousToken: 'boundary',
      emulatorShortPages: 0,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('uses api.x.com when a bearer token is set without a base URL', () => {
    const config = loadConfig({ X_BEARER_TOKEN: 'AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid' });
    expect(config.mode).toBe('x');
    expect(config.xApiBaseUrl).toBe('https://api.x.com');
    expect(config.bearerToken).toBe('AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid');
  });

  it('uses X_API_BASE_URL without credentials and strips its trailing slash', () => {
    const config = loadConfig({ X_API_BASE_URL: 'http://127.0.0.1:4010/' });
    expect(config.mode).toBe('x');
    expect(config.xApiBaseUrl).toBe('http://127.0.0.1:4010');
  });

  it('reads every variable of the contract', () => {
    const dir = mkdtempSync(join(tmpdir(), 'config-test-'));
    const file = join(dir, 'operations.json');
    writeFileSync(file, '{}');
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      ...OAUTH1,
      X_CACHE_TTL_SECONDS: '0',
      X_TIMEOUT_MS: '2500',
      X_MAX_RETRIES: '10',
      X_MAX_UPSTREAM_CALLS: '3',
      X_CACHE_STALE_SECONDS: '0',
      X_INTROSPECTION: 'FALSE',
      X_PERSISTED_OPERATIONS: file,
      REDIS_URL: 'rediss://cache.internal:6380/0',
      CORS_ORIGINS: 'https://app.example.com, http://localhost:3000/',
      LOG_LEVEL: 'warn',
      SHUTDOWN_TIMEOUT_MS: '500',
      MAX_CONCURRENT_OPERATIONS: '4',
      MAX_QUEUED_OPERATIONS: '0',
      MAX_REQUEST_BODY_BYTES: '65536',
      COMPRESSION_MIN_BYTES: 'Off',
      EMULATOR_SEED: '7',
      EMULATOR_RATE_LIMIT: 'OFF',
      EMULATOR_PREVIOUS_TOKEN: 'same-size',
      EMULATOR_SHORT_PAGES: '0.25',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      mode: 'x',
      oauth1: {
        consumerKey: 'ck-123',
        consumerSecret: 'cs-secret-456',
        accessToken: '1-at-789',
        accessTokenSecret: 'ats-secret-000',
      },
      cacheTtlSeconds: 0,
      timeoutMs: 2500,
      maxRetries: 10,
      maxUpstreamCalls: 3,
      cacheStaleSeconds: 0,
      introspection: false,
      subgraphSdl: false,
      persistedOperationsPath: file,
      redisUrl: 'rediss://cache.internal:6380/0',
      corsOrigins: ['https://app.example.com', 'http://localhost:3000'],
      logLevel: 'warn',
      shutdownTimeoutMs: 500,
      maxConcurrentOperations: 4,
      maxQueuedOperations: 0,
      maxRequestBodyBytes: 65_536,
      compressionMinBytes: false,
      emulatorSeed: 7,
      emulatorRateLimit: 'off',
      emulatorPreviousToken: 'same-size',
      emulatorShortPages: 0.25,
    });
  });

  it('refuses empty and blank values, naming each variable and its form', () => {
    expect(() => loadConfig({ PORT: '' })).toThrow(
      'Invalid environment: PORT is set but empty: it must be an integer port from 0 to 65535, or unset for the default',
    );
    expect(() => loadConfig({ X_BEARER_TOKEN: '  ', LOG_LEVEL: '' })).toThrow(
      /^Invalid environment: X_BEARER_TOKEN is set but empty: .*; LOG_LEVEL is set but empty: it must be one of debug, info, warn, error, silent, or unset for the default$/,
    );
  });

  it.each([
    [
      { X_TIMEOUT_MS: 'abc' },
      'Invalid environment: X_TIMEOUT_MS must be a positive integer of milliseconds (got "abc")',
    ],
    [{ X_TIMEOUT_MS: '0' }, 'X_TIMEOUT_MS must be a positive integer of milliseconds (got "0")'],
    [{ PORT: '70000' }, 'PORT must be an integer port from 0 to 65535 (got "70000")'],
    [{ PORT: '-1' }, 'PORT must be an integer port from 0 to 65535 (got "-1")'],
    [{ X_MAX_RETRIES: '11' }, 'X_MAX_RETRIES must be an integer from 0 to 10 (got "11")'],
    [{ X_MAX_RETRIES: '1.5' }, 'X_MAX_RETRIES must be an integer from 0 to 10 (got "1.5")'],
    [{ X_MAX_UPSTREAM_CALLS: '0' }, 'X_MAX_UPSTREAM_CALLS must be an integer ≥ 1 (got "0")'],
    [{ X_READ_AHEAD: '1001' }, 'X_READ_AHEAD must be an integer from 0 (off) to 1000 (got "1001")'],
    [
      { X_MAX_USD_PER_QUERY: '-1' },
      'X_MAX_USD_PER_QUERY must be a USD amount ≥ 0 with at most six decimals, 0 for no limit (got "-1")',
    ],
    [
      { X_MAX_USD_PER_DAY: '0.0000001' },
      'X_MAX_USD_PER_DAY must be a USD amount ≥ 0 with at most six decimals, 0 for no limit (got "0.0000001")',
    ],
    [
      { X_PRICES: 'likes=0.01' },
      'X_PRICES must be kind=usd pairs like users=0.010,follows=0.010,posts=0.005: "likes=0.01" is not kind=usd with kind one of users, follows, posts',
    ],
    [
      { X_PRICES: 'posts=cheap' },
      'X_PRICES must be kind=usd pairs like users=0.010,follows=0.010,posts=0.005: the price of posts must be a USD amount (got "cheap")',
    ],
    [{ X_CACHE_TTL_SECONDS: '1e3' }, 'X_CACHE_TTL_SECONDS must be an integer of seconds ≥ 0 (got "1e3")'],
    [
      { X_CACHE_STALE_SECONDS: 'soon' },
      'X_CACHE_STALE_SECONDS must be an integer of seconds ≥ 0 (got "soon")',
    ],
    [{ X_INTROSPECTION: 'maybe' }, 'X_INTROSPECTION must be true or false (got "maybe")'],
    [{ X_API_BASE_URL: 'ftp://api.x.com' }, 'X_API_BASE_URL must be an http:// or https:// URL'],
    [{ X_API_BASE_URL: 'api.x.com' }, 'X_API_BASE_URL must be an http:// or https:// URL'],
    [{ REDIS_URL: 'http://cache:6379' }, 'REDIS_URL must be a redis:// or rediss:// URL'],
    [{ CORS_ORIGINS: 'https://a.example.com/path' }, 'CORS_ORIGINS must be * or comma-separated origins'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of debug, info, warn, error, silent (got "loud")'],
    [
      { X_PERSISTED_OPERATIONS: '/no/such/file.json' },
      'X_PERSISTED_OPERATIONS must be the path of a readable file',
    ],
    [{ EMULATOR_RATE_LIMIT: '0' }, 'EMULATOR_RATE_LIMIT must be an integer ≥ 1 or off (got "0")'],
    [
      { EMULATOR_SHORT_PAGES: '1.5' },
      'EMULATOR_SHORT_PAGES must be a number from 0 up to (not including) 1 (got "1.5")',
    ],
    [
      { SHUTDOWN_TIMEOUT_MS: 'later' },
      'SHUTDOWN_TIMEOUT_MS must be an integer of milliseconds ≥ 0 (got "later")',
    ],
    [{ MAX_CONCURRENT_OPERATIONS: '0' }, 'MAX_CONCURRENT_OPERATIONS must be an integer ≥ 1 (got "0")'],
    [{ MAX_QUEUED_OPERATIONS: '-1' }, 'MAX_QUEUED_OPERATIONS must be an integer ≥ 0 (got "-1")'],
    [{ MAX_REQUEST_BODY_BYTES: '64k' }, 'MAX_REQUEST_BODY_BYTES must be an integer of bytes ≥ 1 (got "64k")'],
    [
      { COMPRESSION_MIN_BYTES: '1k' },
      'COMPRESSION_MIN_BYTES must be an integer of bytes ≥ 0 or off (got "1k")',
    ],
    [{ X_PERSISTED_OPERATIONS: tmpdir() }, 'X_PERSISTED_OPERATIONS must be the path of a readable file'],
    [{ HEADERS_TIMEOUT_MS: '0' }, 'HEADERS_TIMEOUT_MS must be a positive integer of milliseconds (got "0")'],
    [{ REQUEST_TIMEOUT_MS: 'slow' }, 'REQUEST_TIMEOUT_MS must be a positive integer of milliseconds'],
    [{ KEEP_ALIVE_TIMEOUT_MS: '-5' }, 'KEEP_ALIVE_TIMEOUT_MS must be a positive integer of milliseconds'],
    [{ MAX_CONNECTIONS: '0' }, 'MAX_CONNECTIONS must be an integer ≥ 1 (got "0")'],
    [
      { HEADERS_TIMEOUT_MS: '40000' },
      'HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS (got 40000 > 30000)',
    ],
  ])('rejects %o with one line naming the variable', (env, expected) => {
    const message = errorOf(env);
    expect(message).toContain(expected);
    expect(message.startsWith('Invalid environment: ')).toBe(true);
    expect(message).not.toContain('\n');
  });

  it('reads LOG_FORMAT and SHUTDOWN_DELAY_MS', () => {
    expect(loadConfig({ LOG_FORMAT: 'pretty', SHUTDOWN_DELAY_MS: '0' })).toMatchObject({
      logFormat: 'pretty',
      shutdownDelayMs: 0,
    });
    expect(loadConfig({ LOG_FORMAT: 'JSON' }).logFormat).toBe('json');
    expect(() => loadConfig({ LOG_FORMAT: 'text' })).toThrow(
      'LOG_FORMAT must be one of json, pretty (got "text")',
    );
    expect(() => loadConfig({ SHUTDOWN_DELAY_MS: '-1' })).toThrow(/SHUTDOWN_DELAY_MS must be an integer/);
  });

  it('turns tracing on only when the standard OTEL_* variables ask for it', () => {
    const endpoint = 'http://collector:4318';
    expect(loadConfig({ OTEL_SERVICE_NAME: 'gw' }).tracing).toBeUndefined();
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }).tracing).toEqual({
      exporter: 'otlp',
      serviceName: 'x-graphql-gateway',
    });
    expect(
      loadConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${endpoint}/v1/traces` }).tracing?.exporter,
    ).toBe('otlp');
    expect(loadConfig({ OTEL_TRACES_EXPORTER: 'console', OTEL_SERVICE_NAME: 'gw' }).tracing).toEqual({
      exporter: 'console',
      serviceName: 'gw',
    });
    expect(
      loadConfig({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }).tracing,
    ).toBeUndefined();
    expect(loadConfig({ OTEL_SDK_DISABLED: 'true', OTEL_TRACES_EXPORTER: 'otlp' }).tracing).toBeUndefined();
    expect(() => loadConfig({ OTEL_TRACES_EXPORTER: 'jaeger' })).toThrow(
      'OTEL_TRACES_EXPORTER must be one of otlp, console, none (got "jaeger")',
    );
  });

  it('names every bad variable in the same line', () => {
    const message = errorOf({ PORT: 'x', X_MAX_RETRIES: 'y' });
    expect(message).toMatch(/^Invalid environment: PORT must .*; X_MAX_RETRIES must .*$/);
  });

  it('requires all four OAuth 1.0a variables together and names the missing ones', () => {
    const { X_ACCESS_TOKEN_SECRET: _omitted, ...three } = OAUTH1;
    const message = errorOf(three);
    expect(message).toContain('must be set together, all four or none (missing X_ACCESS_TOKEN_SECRET)');
    for (const value of Object.values(three)) expect(message).not.toContain(value);
  });

  it('never echoes a secret value', () => {
    const message = errorOf({ X_BEARER_TOKEN: 'secret token with spaces' });
    expect(message).toContain('X_BEARER_TOKEN must be a single token');
    expect(message).not.toContain('secret token');
  });

  it('hides the password of a malformed URL', () => {
    const message = errorOf({ REDIS_URL: 'http://user:hunter2@cache:6379' });
    expect(message).toContain('REDIS_URL');
    expect(message).not.toContain('hunter2');
  });
});
