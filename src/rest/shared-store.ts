import type { XBody } from './answers/parse-response.ts';
import type { Reservation } from './limits/rate-limits.ts';
import type { FieldSets } from './query-params.ts';
import type { BilledResources, Endpoint, RateLimitState, ResourceCounts } from './x-api.ts';

/**
 * The second level shared by several gateway instances (Redis, with `REDIS_URL`): the response cache,
 * short locks that make identical calls on different instances one upstream call, and X's rate-limit
 * state per principal and endpoint. The in-process LRU stays the first level, and the whole layer is
 * optional: every method resolves with a neutral answer (`undefined`, `false`, `[]`) when the store is
 * unavailable, so a failing store degrades to in-process behaviour and never fails a call.
 */

/** One answer of a cached group, as stored in the shared level. */
export interface SharedCachedAnswer {
  readonly fields: FieldSets;
  readonly body: XBody;
  /** Epoch milliseconds when X produced it. */
  readonly fetchedAt: number;
  /** Size of X's body in bytes. */
  readonly bytes: number;
}

/** The outcome of `acquireLock`: the holder's token, or why not (`held` by another, or store `unavailable`). */
export type LockResult =
  | { readonly acquired: true; readonly token: string }
  | { readonly acquired: false; readonly reason: 'held' | 'unavailable' };

/** The shared level. Implementations never throw: an unavailable store answers neutrally. */
export interface SharedStore {
  /** The answers cached under a base key (principal, endpoint, path and non-field parameters). */
  readAnswers(baseKey: string): Promise<SharedCachedAnswer[]>;
  /** Replaces the answers of a base key, kept for `ttlMs`. */
  writeAnswers(baseKey: string, answers: readonly SharedCachedAnswer[], ttlMs: number): Promise<void>;
  /** Takes the lock `name` for at most `ttlMs` (it expires by itself if the holder dies). */
  acquireLock(name: string, ttlMs: number): Promise<LockResult>;
  /** Extends the lock by `ttlMs` from now when `token` still holds it; true when it did. */
  extendLock(name: string, token: string, ttlMs: number): Promise<boolean>;
  /** Releases the lock when `token` still holds it (a lock that expired and was taken again is left alone). */
  releaseLock(name: string, token: string): Promise<void>;
  /** The shared rate-limit state of one principal and endpoint, if any instance saw one. */
  readRateLimit(principalKey: string, endpoint: Endpoint): Promise<RateLimitState | undefined>;
  /**
   * Takes one call from the shared budget before calling X, atomically, so instances together never
   * send more calls than the window has left. With no current window stored, one opens now as a
   * provisional state with the last limit X announced, else `documentedLimit` (X has not answered yet).
   * Resolves with whether the call was taken and the budget after it (not taken: spent until its
   * `resetAt`), or undefined when the store is unavailable.
   */
  reserveCall(
    principalKey: string,
    endpoint: Endpoint,
    documentedLimit: number,
  ): Promise<Reservation | undefined>;
  /** Every shared rate-limit state of one principal. */
  listRateLimits(principalKey: string): Promise<RateLimitState[]>;
  /**
   * Records a state seen by this instance. States merge as `mergeRateLimits` says: X's state takes over
   * a provisional one keeping its reserved calls counted, a later window replaces an earlier one, and in
   * the same window the lowest `remaining` wins, so writes arriving out of order never raise the budget.
   */
  writeRateLimit(principalKey: string, state: RateLimitState): Promise<void>;
  /**
   * Adds the resources of one answer to the app's ledger of a UTC day (one set per kind, kept `ttlMs`):
   * how many of each kind were new, and the day's totals after. Undefined when the store is unavailable.
   * Optional: a store without it leaves each instance its own ledger.
   */
  recordSpend?(
    appKey: string,
    day: string,
    resources: BilledResources,
    ttlMs: number,
  ): Promise<{ readonly added: ResourceCounts; readonly totals: ResourceCounts } | undefined>;
  /** The day's totals of the app's ledger, undefined when the store is unavailable. */
  readSpend?(appKey: string, day: string): Promise<ResourceCounts | undefined>;
  /** Whether the store is usable now. */
  readonly available: boolean;
  /** Resolves once the store is usable, or after `timeoutMs`, with whether it is. */
  ready(timeoutMs: number): Promise<boolean>;
  /** Closes the connection. */
  close(): Promise<void>;
}

/** What the shared layer reports, for metrics and the one warning line per outage. */
export type SharedStateEvent =
  /** An answer served without calling X: from the in-process LRU (`local`) or the shared level (`shared`). */
  | { readonly kind: 'hit'; readonly level: 'local' | 'shared'; readonly endpoint: Endpoint }
  /**
   * A wait for another instance's identical call: `answered` (its answer arrived), `acquired` (the lock
   * was freed without an answer and this instance took it), `timed-out` (the bound passed; this instance
   * calls X itself).
   */
  | { readonly kind: 'lock-wait'; readonly outcome: 'answered' | 'acquired' | 'timed-out' }
  /** One failed store operation (counted; not logged one by one). */
  | { readonly kind: 'error'; readonly operation: string }
  /** The store became unavailable: reported once per outage, with the first error's message. */
  | { readonly kind: 'unavailable'; readonly message: string }
  /** The store is usable again after an outage. */
  | { readonly kind: 'recovered' };

/** Receives every `SharedStateEvent`; it must not throw (a throw is swallowed). */
export type SharedStateListener = (event: SharedStateEvent) => void;

/** Calls the listener, keeping a faulty listener from breaking the call. */
export function emitSharedEvent(listener: SharedStateListener | undefined, event: SharedStateEvent): void {
  if (!listener) return;
  try {
    listener(event);
  } catch {
    // A listener's failure must never fail the call it describes.
  }
}
