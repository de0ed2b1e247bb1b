import {
  DEFAULT_COMPRESSION_MIN_BYTES,
  DEFAULT_MAX_CONCURRENT_OPERATIONS,
  DEFAULT_MAX_QUEUED_OPERATIONS,
  DEFAULT_MAX_REQUEST_BODY_BYTES,
  LOG_FORMATS,
  LOG_LEVELS,
  type LogFormat,
  type LogLevel,
  type TracingConfig,
} from './config-defaults.ts';
import { type ConnectionLimits, DEFAULT_CONNECTION_LIMITS } from './connection-limits.ts';
import {
  DEFAULT_MAX_USD_PER_QUERY,
  DEFAULT_PRICES,
  type Micros,
  type Prices,
  parsePrices,
  parseUsd,
} from './cost/money.ts';
import { type ConfigProblem, type Env, EnvReader } from './env-reader.ts';
import { loadPersistedOperations } from './persisted-operations-file.ts';

/**
 * The gateway's configuration, read once from the environment of the contract
 * (`docs/configuration.md`). Every value is validated; a bad one becomes a `ConfigError`
 * whose message is one line naming the variable and the expected form, never a secret's value.
 */

/** The app's OAuth 1.0a user-context credentials (all four or none). */
export interface OAuth1Credentials {
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly accessToken: string;
  readonly accessTokenSecret: string;
}

/** The validated, frozen configuration. */
export interface GatewayConfig {
  /** `PORT`; `0` picks a free port. @default 4000 */
  readonly port: number;
  /** `HOST`. @default '0.0.0.0' */
  readonly host: string;
  /** `emulator`: no credentials and no `X_API_BASE_URL`, the embedded emulator serves; `x`: an X API origin. */
  readonly mode: 'emulator' | 'x';
  /** `X_API_BASE_URL` without a trailing slash; `undefined` in emulator mode (the emulator's URL is known at start). @default 'https://api.x.com' when credentials are set */
  readonly xApiBaseUrl: string | undefined;
  /** `X_BEARER_TOKEN`, the app-only token. */
  readonly bearerToken: string | undefined;
  /** `X_CONSUMER_KEY`, `X_CONSUMER_SECRET`, `X_ACCESS_TOKEN`, `X_ACCESS_TOKEN_SECRET`. */
  readonly oauth1: OAuth1Credentials | undefined;
  /** `X_CACHE_TTL_SECONDS`; `0` turns the response cache off. @default 60 */
  readonly cacheTtlSeconds: number;
  /** `X_TIMEOUT_MS`, the limit of one upstream attempt. @default 10000 */
  readonly timeoutMs: number;
  /** `X_MAX_RETRIES`, 0..10. @default 2 */
  readonly maxRetries: number;
  /** `X_MAX_UPSTREAM_CALLS`, the most upstream calls one query may plan. @default 15 */
  readonly maxUpstreamCalls: number;
  /** `X_READ_AHEAD`, the fewest items a list page's first call asks X for (0: off). @default 0 */
  readonly readAhead: number;
  /** `X_MAX_USD_PER_QUERY` in micro-dollars, the most one query may be estimated to cost; 0: off. @default 20000000 ($20) */
  readonly maxMicrosPerQuery: Micros;
  /** `X_MAX_USD_PER_DAY` in micro-dollars, the most the app may be billed per UTC day; 0: off. @default 0 */
  readonly maxMicrosPerDay: Micros;
  /** `X_PRICES`, per-resource read prices. @default X's published prices */
  readonly prices: Prices;
  /** `X_CACHE_STALE_SECONDS`, how old a cached answer served while X fails may be. @default 900 */
  readonly cacheStaleSeconds: number;
  /** `X_INTROSPECTION`; off, GraphiQL is off too. @default true */
  readonly introspection: boolean;
  /** `X_SUBGRAPH_SDL`: serve `_sdl` and `_service` (the SDL a router reads). @default introspection */
  readonly subgraphSdl: boolean;
  /** `X_PERSISTED_OPERATIONS`, a readable file of allowed operations. */
  readonly persistedOperationsPath: string | undefined;
  /** `REDIS_URL`, a `redis://` or `rediss://` URL. */
  readonly redisUrl: string | undefined;
  /** `CORS_ORIGINS`: `'*'` for any origin, or the allowed origins. @default '*' */
  readonly corsOrigins: '*' | readonly string[];
  /** `LOG_LEVEL`. @default 'info' */
  readonly logLevel: LogLevel;
  /** `LOG_FORMAT`; `undefined` (unset): `pretty` when stdout is a terminal, else `json`. */
  readonly logFormat: LogFormat | undefined;
  /**
   * `SHUTDOWN_DELAY_MS`: after SIGTERM, how long `/readiness` answers 503 while the server still serves,
   * so that load balancers stop sending before the listener closes. @default 5000
   */
  readonly shutdownDelayMs: number;
  /** `SHUTDOWN_TIMEOUT_MS`: how long SIGTERM waits for in-flight requests before closing them. @default 10000 */
  readonly shutdownTimeoutMs: number;
  /** OpenTelemetry tracing (`OTEL_*`); `undefined`: off, and the SDK is never loaded. */
  readonly tracing: TracingConfig | undefined;
  /**
   * `HEADERS_TIMEOUT_MS`, `REQUEST_TIMEOUT_MS`, `KEEP_ALIVE_TIMEOUT_MS`, `MAX_CONNECTIONS`: limits on client
   * connections. @default DEFAULT_CONNECTION_LIMITS (10 s, 30 s, 65 s, 4096)
   */
  readonly connectionLimits: ConnectionLimits;
  /** `MAX_CONCURRENT_OPERATIONS`: operations executing at once; more wait their turn. @default 16 */
  readonly maxConcurrentOperations: number;
  /** `MAX_QUEUED_OPERATIONS`: operations waiting for a turn; more are refused with `OVERLOADED`. @default 1000 */
  readonly maxQueuedOperations: number;
  /** `MAX_REQUEST_BODY_BYTES`: the largest request body; a larger one is refused with 413. @default 131072 */
  readonly maxRequestBodyBytes: number;
  /** `COMPRESSION_MIN_BYTES`: answers of at least this many bytes are compressed (br or gzip), or `false` (`off`). @default 1024 */
  readonly compressionMinBytes: number | false;
  /** `EMULATOR_SEED`: the embedded emulator's world; unset, the emulator's own default seed. */
  readonly emulatorSeed: number | undefined;
  /** `EMULATOR_RATE_LIMIT`: the embedded emulator's requests per 15 minutes per endpoint and principal, or `'off'`. @default 15 */
  readonly emulatorRateLimit: number | 'off';
  /** `EMULATOR_PREVIOUS_TOKEN`: what the embedded emulator's `previous_token` means. @default 'boundary' */
  readonly emulatorPreviousToken: 'boundary' | 'same-size';
  /** `EMULATOR_SHORT_PAGES`: the share in [0, 1) of accounts the embedded emulator leaves out of list pages. @default 0 */
  readonly emulatorShortPages: number;
}

/** A bad environment: `message` is the one line to print, starting with `Invalid environment:`. */
export class ConfigError extends Error {
  /** The variables at fault, in the order checked. */
  readonly variables: readonly string[];

  constructor(problems: readonly ConfigProblem[]) {
    super(`Invalid environment: ${problems.map((p) => p.message).join('; ')}`);
    this.name = 'ConfigError';
    this.variables = problems.map((p) => p.variable);
  }
}

/**
 * The default of `SHUTDOWN_DELAY_MS`: a load balancer or Kubernetes needs a few seconds to see a 503 or
 * an endpoint removal and stop sending; 5 s plus the 10 s drain stays well inside Kubernetes' 30 s grace.
 */
export const DEFAULT_SHUTDOWN_DELAY_MS = 5000;

/** The `service.name` of spans when `OTEL_SERVICE_NAME` is unset. */
export const DEFAULT_SERVICE_NAME = 'x-graphql-gateway';

/** The default X API origin when credentials are set. */
export const DEFAULT_X_API_BASE_URL = 'https://api.x.com';

const OAUTH1_VARIABLES = [
  'X_CONSUMER_KEY',
  'X_CONSUMER_SECRET',
  'X_ACCESS_TOKEN',
  'X_ACCESS_TOKEN_SECRET',
] as const;

/**
 * Reads and validates the environment.
 * @param env the variables to read. @default process.env
 * @throws ConfigError listing every bad variable in one line.
 */
export function loadConfig(env: Env = process.env): GatewayConfig {
  const problems: ConfigProblem[] = [];
  const r = new EnvReader(env, problems);

  const port = r.integer('PORT', 4000, 0, 65_535, 'an integer port from 0 to 65535');
  const host = r.string('HOST', 'a host name or address') ?? '0.0.0.0';
  const baseUrl = r.url('X_API_BASE_URL', ['http:', 'https:'], 'an http:// or https:// URL');
  const bearerToken = r.secret('X_BEARER_TOKEN');
  const oauth1 = readOAuth1(r, problems);
  const cacheTtlSeconds = r.integer('X_CACHE_TTL_SECONDS', 60, 0, Infinity, 'an integer of seconds ≥ 0');
  const timeoutMs = r.integer('X_TIMEOUT_MS', 10_000, 1, Infinity, 'a positive integer of milliseconds');
  const maxRetries = r.integer('X_MAX_RETRIES', 2, 0, 10, 'an integer from 0 to 10');
  const maxUpstreamCalls = r.integer('X_MAX_UPSTREAM_CALLS', 15, 1, Infinity, 'an integer ≥ 1');
  const readAhead = r.integer('X_READ_AHEAD', 0, 0, 1000, 'an integer from 0 (off) to 1000');
  const maxMicrosPerQuery = readUsd(r, problems, 'X_MAX_USD_PER_QUERY', DEFAULT_MAX_USD_PER_QUERY);
  const maxMicrosPerDay = readUsd(r, problems, 'X_MAX_USD_PER_DAY', 0);
  const prices = readPrices(r, problems);
  const cacheStaleSeconds = r.integer('X_CACHE_STALE_SECONDS', 900, 0, Infinity, 'an integer of seconds ≥ 0');
  const introspection = r.boolean('X_INTROSPECTION', true);
  const subgraphSdl = r.boolean('X_SUBGRAPH_SDL', introspection);
  const persistedOperationsPath = r.readableFile('X_PERSISTED_OPERATIONS');
  if (persistedOperationsPath !== undefined) {
    try {
      loadPersistedOperations(persistedOperationsPath);
    } catch (error) {
      problems.push({ variable: 'X_PERSISTED_OPERATIONS', message: (error as Error).message });
    }
  }
  const redisUrl = r.url('REDIS_URL', ['redis:', 'rediss:'], 'a redis:// or rediss:// URL');
  const corsOrigins = r.origins('CORS_ORIGINS');
  const logLevel = r.oneOf('LOG_LEVEL', LOG_LEVELS, 'info');
  const logFormat =
    r.string('LOG_FORMAT') === undefined ? undefined : r.oneOf('LOG_FORMAT', LOG_FORMATS, 'json');
  const shutdownDelayMs = r.integer(
    'SHUTDOWN_DELAY_MS',
    DEFAULT_SHUTDOWN_DELAY_MS,
    0,
    Infinity,
    'an integer of milliseconds ≥ 0',
  );
  const shutdownTimeoutMs = r.integer(
    'SHUTDOWN_TIMEOUT_MS',
    10_000,
    0,
    Infinity,
    'an integer of milliseconds ≥ 0',
  );
  const tracing = readTracing(r);
  const connectionLimits = readConnectionLimits(r, problems);
  const maxConcurrentOperations = r.integer(
    'MAX_CONCURRENT_OPERATIONS',
    DEFAULT_MAX_CONCURRENT_OPERATIONS,
    1,
    Infinity,
    'an integer ≥ 1',
  );
  const maxQueuedOperations = r.integer(
    'MAX_QUEUED_OPERATIONS',
    DEFAULT_MAX_QUEUED_OPERATIONS,
    0,
    Infinity,
    'an integer ≥ 0',
  );
  const maxRequestBodyBytes = r.integer(
    'MAX_REQUEST_BODY_BYTES',
    DEFAULT_MAX_REQUEST_BODY_BYTES,
    1,
    Infinity,
    'an integer of bytes ≥ 1',
  );
  const compressionMinBytes =
    r.string('COMPRESSION_MIN_BYTES')?.toLowerCase() === 'off'
      ? false
      : r.integer(
          'COMPRESSION_MIN_BYTES',
          DEFAULT_COMPRESSION_MIN_BYTES,
          0,
          Infinity,
          'an integer of bytes ≥ 0 or off',
        );
  const emulatorSeed =
    r.string('EMULATOR_SEED', 'an integer from 0 to 2147483647') === undefined
      ? undefined
      : r.integer('EMULATOR_SEED', 0, 0, 2 ** 31 - 1, 'an integer from 0 to 2147483647');
  const emulatorRateLimit =
    r.string('EMULATOR_RATE_LIMIT', 'an integer ≥ 1 or off')?.toLowerCase() === 'off'
      ? 'off'
      : r.integer('EMULATOR_RATE_LIMIT', 15, 1, Infinity, 'an integer ≥ 1 or off');
  const emulatorPreviousToken = r.oneOf(
    'EMULATOR_PREVIOUS_TOKEN',
    ['boundary', 'same-size'] as const,
    'boundary',
  );
  const shortPagesRaw = r.string('EMULATOR_SHORT_PAGES', 'a number from 0 up to (not including) 1');
  let emulatorShortPages = 0;
  if (shortPagesRaw !== undefined) {
    const share = /^\d*\.?\d+$/.test(shortPagesRaw) ? Number(shortPagesRaw) : Number.NaN;
    if (share >= 0 && share < 1) emulatorShortPages = share;
    else {
      problems.push({
        variable: 'EMULATOR_SHORT_PAGES',
        message: `EMULATOR_SHORT_PAGES must be a number from 0 up to (not including) 1 (got ${JSON.stringify(shortPagesRaw)})`,
      });
    }
  }

  if (problems.length > 0) throw new ConfigError(problems);

  const hasCredentials = bearerToken !== undefined || oauth1 !== undefined;
  const mode = hasCredentials || baseUrl !== undefined ? 'x' : 'emulator';
  return Object.freeze({
    port,
    host,
    mode,
    xApiBaseUrl: mode === 'x' ? (baseUrl ?? DEFAULT_X_API_BASE_URL) : undefined,
    bearerToken,
    oauth1: oauth1 ? Object.freeze(oauth1) : undefined,
    cacheTtlSeconds,
    timeoutMs,
    maxRetries,
    maxUpstreamCalls,
    readAhead,
    maxMicrosPerQuery,
    maxMicrosPerDay,
    prices,
    cacheStaleSeconds,
    introspection,
    subgraphSdl,
    persistedOperationsPath,
    redisUrl,
    corsOrigins: corsOrigins === '*' ? '*' : Object.freeze(corsOrigins),
    logLevel,
    logFormat,
    shutdownDelayMs,
    shutdownTimeoutMs,
    tracing: tracing ? Object.freeze(tracing) : undefined,
    connectionLimits: Object.freeze(connectionLimits),
    maxConcurrentOperations,
    maxQueuedOperations,
    maxRequestBodyBytes,
    compressionMinBytes,
    emulatorSeed,
    emulatorRateLimit,
    emulatorPreviousToken,
    emulatorShortPages,
  });
}

/**
 * Reads the standard OpenTelemetry switches: tracing is on when `OTEL_TRACES_EXPORTER` is `otlp` or
 * `console`, or when it is unset and an OTLP endpoint is; `OTEL_SDK_DISABLED=true` and
 * `OTEL_TRACES_EXPORTER=none` keep it off. The SDK reads the other `OTEL_*` variables itself.
 */
function readTracing(reader: EnvReader): TracingConfig | undefined {
  const disabled = reader.boolean('OTEL_SDK_DISABLED', false);
  const exporter = reader.string('OTEL_TRACES_EXPORTER')
    ? reader.oneOf('OTEL_TRACES_EXPORTER', ['otlp', 'console', 'none'] as const, 'none')
    : undefined;
  const endpoint = reader.url(
    'OTEL_EXPORTER_OTLP_ENDPOINT',
    ['http:', 'https:'],
    'an http:// or https:// URL',
  );
  const tracesEndpoint = reader.url(
    'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    ['http:', 'https:'],
    'an http:// or https:// URL',
  );
  const serviceName = reader.string('OTEL_SERVICE_NAME') ?? DEFAULT_SERVICE_NAME;
  if (disabled || exporter === 'none') return undefined;
  const chosen = exporter ?? (endpoint !== undefined || tracesEndpoint !== undefined ? 'otlp' : undefined);
  return chosen ? { exporter: chosen, serviceName } : undefined;
}

/** Reads the connection limits; the headers must be due no later than the whole request (Node's rule). */
function readConnectionLimits(reader: EnvReader, problems: ConfigProblem[]): ConnectionLimits {
  const defaults = DEFAULT_CONNECTION_LIMITS;
  const ms = 'a positive integer of milliseconds';
  const headersTimeoutMs = reader.integer('HEADERS_TIMEOUT_MS', defaults.headersTimeoutMs, 1, Infinity, ms);
  const requestTimeoutMs = reader.integer('REQUEST_TIMEOUT_MS', defaults.requestTimeoutMs, 1, Infinity, ms);
  const keepAliveTimeoutMs = reader.integer(
    'KEEP_ALIVE_TIMEOUT_MS',
    defaults.keepAliveTimeoutMs,
    1,
    Infinity,
    ms,
  );
  const maxConnections = reader.integer(
    'MAX_CONNECTIONS',
    defaults.maxConnections,
    1,
    Infinity,
    'an integer ≥ 1',
  );
  if (headersTimeoutMs > requestTimeoutMs) {
    problems.push({
      variable: 'HEADERS_TIMEOUT_MS',
      message: `HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS (got ${headersTimeoutMs} > ${requestTimeoutMs})`,
    });
  }
  return { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs, maxConnections };
}

/** Reads a USD amount (up to six decimals) in micro-dollars, or the default when unset. */
function readUsd(reader: EnvReader, problems: ConfigProblem[], name: string, fallback: Micros): Micros {
  const raw = reader.string(name);
  if (raw === undefined) return fallback;
  const micros = parseUsd(raw);
  if (micros !== undefined) return micros;
  problems.push({
    variable: name,
    message: `${name} must be a USD amount ≥ 0 with at most six decimals, 0 for no limit (got "${raw}")`,
  });
  return fallback;
}

/** Reads `X_PRICES`, or X's published prices when unset. */
function readPrices(reader: EnvReader, problems: ConfigProblem[]): Prices {
  const raw = reader.string('X_PRICES');
  if (raw === undefined) return DEFAULT_PRICES;
  try {
    return parsePrices(raw);
  } catch (error) {
    problems.push({
      variable: 'X_PRICES',
      message: `X_PRICES must be kind=usd pairs like users=0.010,follows=0.010,posts=0.005: ${(error as Error).message}`,
    });
    return DEFAULT_PRICES;
  }
}

/** Reads the four OAuth 1.0a variables: all four or none. */
function readOAuth1(reader: EnvReader, problems: ConfigProblem[]): OAuth1Credentials | undefined {
  const values = OAUTH1_VARIABLES.map((name) => reader.secret(name));
  const missing = OAUTH1_VARIABLES.filter(
    (name, i) => values[i] === undefined && reader.string(name) === undefined,
  );
  if (missing.length === OAUTH1_VARIABLES.length) return undefined;
  if (missing.length > 0) {
    problems.push({
      variable: missing[0] ?? OAUTH1_VARIABLES[0],
      message: `${OAUTH1_VARIABLES.join(', ')} must be set together, all four or none (missing ${missing.join(', ')})`,
    });
    return undefined;
  }
  const [consumerKey, consumerSecret, accessToken, accessTokenSecret] = values;
  if (!consumerKey || !consumerSecret || !accessToken || !accessTokenSecret) return undefined;
  return { consumerKey, consumerSecret, accessToken, accessTokenSecret };
}

/** Every environment variable `loadConfig` reads, in its order (the table of docs/configuration.md lists each). */
export const CONFIG_VARIABLES: readonly string[] = Object.freeze(variablesRead());

/** The variables `loadConfig` reads, recorded by running it over an empty environment. */
function variablesRead(): string[] {
  const seen = new Set<string>();
  const env = new Proxy<Env>(
    {},
    {
      get: (_target, name) => {
        if (typeof name === 'string') seen.add(name);
        return undefined;
      },
    },
  );
  loadConfig(env);
  return [...seen];
}
