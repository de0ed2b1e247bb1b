import type { ErrorCode } from './errors.ts';
import type { Endpoint, Principal } from './x-api.ts';

/**
 * What the client reports about every upstream attempt and every answer served without one.
 * It never holds a token, a secret or a URL: only the endpoint template and the principal's hashed key.
 */

/** How an answer was obtained: `miss` is an attempt at X; the others served without calling X. */
export type CacheOutcome = 'miss' | 'hit' | 'coalesced' | 'stale';

/** X's rate-limit budget as last seen, in the event's wire form. */
export interface EventRateLimit {
  readonly limit: number;
  readonly remaining: number;
  /** ISO 8601. */
  readonly resetAt: string;
}

/** One report to `XClientOptions.onCall`. */
export interface UpstreamCallEvent {
  /** X's path template, e.g. `GET /2/users/:id/followers`. */
  readonly endpoint: Endpoint;
  readonly principalKind: Principal['kind'];
  /** The principal's hashed key (never the credential). */
  readonly principalKey: string;
  /** X's HTTP status, when an attempt got one. */
  readonly status?: number;
  /** Wall time of the attempt (0 for answers served from the cache or a shared call). */
  readonly durationMs: number;
  /** 1 for the first attempt, 2 for the first retry, ...; 0 when no attempt was made. */
  readonly attempt: number;
  readonly cache: CacheOutcome;
  /** The rate-limit state known after this event, for this principal and endpoint. */
  readonly rateLimit?: EventRateLimit;
  /** The contract code of the failure this attempt or call ended with. */
  readonly error?: ErrorCode;
  /** True when this attempt's failure will be retried. */
  readonly willRetry?: boolean;
  /**
   * The session's `tag` (`SessionAuth.tag`), when it was given one: an opaque value the client only
   * hands back, so a listener knows which request an event belongs to (the gateway passes the request's
   * context). A call shared by several sessions reports its attempts with the tag of the one that made it.
   */
  readonly tag?: unknown;
}

/** Receives every `UpstreamCallEvent`; it must not throw (a throw is swallowed). */
export type UpstreamCallListener = (event: UpstreamCallEvent) => void;

/** Calls the listener, keeping a faulty listener from breaking the call. */
export function emitEvent(listener: UpstreamCallListener | undefined, event: UpstreamCallEvent): void {
  if (!listener) return;
  try {
    listener(event);
  } catch {
    // A listener's failure must never fail the upstream call it describes.
  }
}
