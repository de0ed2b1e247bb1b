import type { AttemptFailureKind } from './request.ts';

/**
 * The retry policy of idempotent GETs: retry after a 5xx, a dropped connection or a timeout, never after
 * another 4xx or an oversized answer; wait with exponential backoff and full jitter between attempts.
 */

/** Backoff parameters. */
export interface BackoffOptions {
  /** The first retry waits up to this long. @default 100 */
  readonly baseMs?: number;
  /** No wait is longer than this. @default 2000 */
  readonly capMs?: number;
}

/** Whether an HTTP status is worth another attempt. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 && status <= 599;
}

/** Whether an attempt failure is worth another attempt. */
export function isRetryableFailure(kind: AttemptFailureKind): boolean {
  return kind === 'timeout' || kind === 'connection';
}

/**
 * The wait before retry number `retry` (1 for the first retry): a uniform draw from
 * [0, min(cap, base * 2^(retry-1))) — "full jitter", which spreads retries of many callers apart.
 */
export function backoffMs(retry: number, random: () => number, options: BackoffOptions = {}): number {
  const baseMs = options.baseMs ?? 100;
  const capMs = options.capMs ?? 2000;
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(Math.min(0.999999, Math.max(0, random())) * ceiling);
}
