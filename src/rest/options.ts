import type { Dispatcher } from 'undici';
import type { OAuth1Credentials } from './auth/oauth1.ts';
import type { UpstreamCallListener } from './events.ts';
import type { SharedStateListener, SharedStore } from './shared-store.ts';

/**
 * The options of `createXClient`. `src/config.ts` maps the contract's environment variables onto them;
 * nothing under `src/rest` reads the environment.
 */
export interface XClientOptions {
  /** The X API origin (`X_API_BASE_URL`), e.g. `https://api.x.com` or the emulator's URL. */
  readonly baseUrl: string;
  /** The app-only OAuth 2.0 token (`X_BEARER_TOKEN`), used when a request carries no token. */
  readonly bearerToken?: string | undefined;
  /** OAuth 1.0a user context (`X_CONSUMER_KEY`, `X_CONSUMER_SECRET`, `X_ACCESS_TOKEN`, `X_ACCESS_TOKEN_SECRET`). */
  readonly oauth1?: OAuth1Credentials | undefined;
  /** Time limit of one upstream attempt, headers and body together (`X_TIMEOUT_MS`). @default 10000 */
  readonly timeoutMs?: number;
  /** Retries after a 5xx, a dropped connection or a timeout (`X_MAX_RETRIES`). @default 2 */
  readonly maxRetries?: number;
  /** How long an answer is served from the cache (`X_CACHE_TTL_SECONDS`); 0 turns the cache off. @default 60 */
  readonly cacheTtlSeconds?: number;
  /** How old a cached answer may be and still be served, marked stale, while X rate limits or fails (`X_CACHE_STALE_SECONDS`). @default 900 */
  readonly cacheStaleSeconds?: number;
  /** Bound of the response cache, counted in bytes of X's bodies. @default 67108864 (64 MiB) */
  readonly cacheMaxBytes?: number;
  /** Largest answer body accepted from X; a larger one is `UPSTREAM_ERROR`. @default 8388608 (8 MiB) */
  readonly maxResponseBytes?: number;
  /**
   * A 429, or a known spent budget, whose reset is at most this far away is waited out (one more attempt,
   * counted against `maxRetries`); further away, the call fails fast with `RATE_LIMITED` (or serves a
   * stale answer). @default 2
   */
  readonly rateLimitFailFastSeconds?: number;
  /**
   * The shared level: the response cache, cross-instance coalescing and the rate-limit state live there
   * too, shared by every instance using the same store (the in-process LRU stays in front). `src/server.ts`
   * creates one on Redis from `REDIS_URL` (`createRedisStore`); the client does not close it.
   */
  readonly sharedStore?: SharedStore | undefined;
  /** Receives the shared level's events: hits by level, lock waits, store errors, outages, recoveries. */
  readonly onShared?: SharedStateListener | undefined;
  /**
   * Lifetime of the shared lock of one upstream call, renewed every third of it while the call runs:
   * how long an instance that died holding it delays the others at most. @default 2000
   */
  readonly sharedLockTtlMs?: number;
  /**
   * The longest a call waits for another instance's identical call (whose holder is alive) before
   * calling X itself. @default timeoutMs + 1000
   */
  readonly sharedLockWaitMs?: number;
  /** Bound of the in-process LRU when a shared level is configured (its small first level). @default 8388608 (8 MiB), at most cacheMaxBytes */
  readonly localCacheMaxBytes?: number;
  /** The undici dispatcher of every call (tests pass a `MockAgent`). @default one shared keep-alive `Agent` */
  readonly dispatcher?: Dispatcher;
  /** Resources the in-memory spend ledger remembers per UTC day (past it, repeats count as billed). @default 200000 */
  readonly ledgerMaxEntries?: number;
  /** Receives one event per upstream attempt and per answer served without one. */
  readonly onCall?: UpstreamCallListener;
  /** The clock, epoch milliseconds. @default Date.now */
  readonly now?: () => number;
  /** Waits between attempts. @default a `setTimeout` promise */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Source of backoff jitter in [0, 1). @default Math.random */
  readonly random?: () => number;
  /** OAuth 1.0a nonce and timestamp, for tests. @default random nonce, current time */
  readonly oauth1Nonce?: () => { nonce?: string; timestamp?: number };
}

/** Options with every default applied. */
export interface ResolvedOptions {
  readonly baseUrl: URL;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly cacheTtlMs: number;
  readonly cacheStaleMs: number;
  readonly cacheMaxBytes: number;
  readonly maxResponseBytes: number;
  readonly rateLimitFailFastMs: number;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly onCall: UpstreamCallListener | undefined;
  readonly sharedLockTtlMs: number;
  readonly sharedLockWaitMs: number;
  readonly localCacheMaxBytes: number;
}

/** Applies defaults and checks every number; throws `TypeError` naming a bad option. */
export function resolveOptions(options: XClientOptions): ResolvedOptions {
  let baseUrl: URL;
  try {
    baseUrl = new URL(options.baseUrl);
  } catch {
    throw new TypeError('XClientOptions.baseUrl must be an absolute http(s) URL.');
  }
  if (baseUrl.protocol !== 'http:' && baseUrl.protocol !== 'https:') {
    throw new TypeError('XClientOptions.baseUrl must be an absolute http(s) URL.');
  }
  const timeoutMs = count('timeoutMs', options.timeoutMs, 10_000, 1);
  const cacheMaxBytes = count('cacheMaxBytes', options.cacheMaxBytes, 64 * 1024 * 1024, 1);
  return {
    baseUrl,
    timeoutMs,
    maxRetries: count('maxRetries', options.maxRetries, 2, 0),
    cacheTtlMs: count('cacheTtlSeconds', options.cacheTtlSeconds, 60, 0) * 1000,
    cacheStaleMs: count('cacheStaleSeconds', options.cacheStaleSeconds, 900, 0) * 1000,
    cacheMaxBytes,
    maxResponseBytes: count('maxResponseBytes', options.maxResponseBytes, 8 * 1024 * 1024, 1),
    rateLimitFailFastMs: count('rateLimitFailFastSeconds', options.rateLimitFailFastSeconds, 2, 0) * 1000,
    now: options.now ?? Date.now,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    onCall: options.onCall,
    sharedLockTtlMs: count('sharedLockTtlMs', options.sharedLockTtlMs, 2000, 3),
    sharedLockWaitMs: count('sharedLockWaitMs', options.sharedLockWaitMs, timeoutMs + 1000, 0),
    localCacheMaxBytes: count(
      'localCacheMaxBytes',
      options.localCacheMaxBytes,
      Math.min(cacheMaxBytes, 8 * 1024 * 1024),
      1,
    ),
  };
}

/** A non-negative integer option at least `min`, or its default. */
function count(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new TypeError(`XClientOptions.${name} must be an integer of at least ${min}; got ${value}.`);
  }
  return value;
}
