/**
 * X's rate limits: a fixed number of requests per 15-minute window, counted separately for each endpoint and
 * each principal (an app token, a user). A window opens with the first request after the previous one
 * closed and resets 900 seconds later (`x-rate-limit-reset`, epoch seconds), as X's windows do.
 */

/** The budget of one bucket after a request was counted. */
export interface RateLimitState {
  readonly limit: number;
  readonly remaining: number;
  /** When the window closes, in Unix epoch seconds. */
  readonly resetEpochSeconds: number;
  /** False when the request went over the limit (X answers 429). */
  readonly allowed: boolean;
}

/** Counts requests per endpoint and principal. */
export interface RateLimiter {
  /** Counts one request and tells whether it is within the budget. */
  take(endpoint: string, principalKey: string): RateLimitState;
  /** Forgets every bucket. */
  reset(): void;
}

/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /**
   * Requests per window per endpoint and principal, or `'off'`: never refuse, but keep counting and
   * sending X's headers with the nominal limit {@link OFF_NOMINAL_LIMIT} (X sends them on every answer).
   */
  readonly limit: number | 'off';
  /** Current time in epoch milliseconds. */
  readonly clock: () => number;
  /** Window length. @default 900000 (15 minutes) */
  readonly windowMs?: number;
}

interface Bucket {
  windowStartMs: number;
  count: number;
}

const DEFAULT_WINDOW_MS = 15 * 60 * 1000;

/** The limit the headers announce when rate limiting is off. */
export const OFF_NOMINAL_LIMIT = 1_000_000;
const PURGE_THRESHOLD = 10_000;

/** Creates a rate limiter with fixed windows per endpoint and principal. */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  const buckets = new Map<string, Bucket>();
  const enforced = options.limit !== 'off';
  const limit = options.limit === 'off' ? OFF_NOMINAL_LIMIT : options.limit;
  return {
    take(endpoint, principalKey) {
      const now = options.clock();
      const key = `${endpoint}\u0000${principalKey}`;
      let bucket = buckets.get(key);
      if (!bucket || now >= bucket.windowStartMs + windowMs) {
        if (buckets.size >= PURGE_THRESHOLD) purgeExpired(buckets, now, windowMs);
        bucket = { windowStartMs: now, count: 0 };
        buckets.set(key, bucket);
      }
      bucket.count += 1;
      return {
        limit,
        remaining: Math.max(0, limit - bucket.count),
        resetEpochSeconds: Math.floor((bucket.windowStartMs + windowMs) / 1000),
        allowed: !enforced || bucket.count <= limit,
      };
    },
    reset() {
      buckets.clear();
    },
  };
}

/** Drops buckets whose window has closed, so memory stays bounded by the active principals. */
function purgeExpired(buckets: Map<string, Bucket>, now: number, windowMs: number): void {
  for (const [key, bucket] of buckets) {
    if (now >= bucket.windowStartMs + windowMs) buckets.delete(key);
  }
}

/** The headers X sends with every answer of a rate-limited endpoint. */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    'x-rate-limit-limit': String(state.limit),
    'x-rate-limit-remaining': String(state.remaining),
    'x-rate-limit-reset': String(state.resetEpochSeconds),
  };
}
