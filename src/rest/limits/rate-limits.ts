import { LRUCache } from 'lru-cache';
import type { Endpoint, RateLimitState } from '../x-api.ts';

/**
 * X's rate-limit budget per principal and endpoint. X counts per app (app-only token) or per user (user
 * context), so the principal's hashed key is the right bucket. Every call takes one request from the
 * budget before it is sent (`reserve`); before X has answered in the current window, the budget is the
 * endpoint's documented limit (a provisional state whose window opens with the first call), and X's
 * `x-rate-limit-*` headers, once they arrive, are reconciled with it without forgetting the calls still
 * in flight (`mergeRateLimits`). A state whose reset time has passed reads as a full window.
 */

/** Response headers as undici gives them. */
export type ResponseHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** X's documented window for the user endpoints: 15 minutes. */
export const DEFAULT_WINDOW_MS = 15 * 60 * 1000;

/**
 * The rate-limit budget as the call path uses it. `RateLimitTracker` is the in-process budget; with a
 * shared level, `SharedRateLimits` wraps it in the same interface (chosen once, by the client).
 */
export interface RateLimitBudget {
  /** Takes one request from the budget before an attempt (see `RateLimitTracker.reserve`). */
  reserve(
    principalKey: string,
    endpoint: Endpoint,
    documentedLimit: number,
  ): Reservation | Promise<Reservation>;
  /** Takes in the rate-limit headers of an answer other than a 429. */
  answered(principalKey: string, endpoint: Endpoint, headers: ResponseHeaders): void | Promise<void>;
  /** Takes in a 429: its headers, and the budget spent until `resetAt` (when the headers did not say so). */
  refused(
    principalKey: string,
    endpoint: Endpoint,
    headers: ResponseHeaders,
    resetAt: Date,
  ): void | Promise<void>;
  /** The current state of one endpoint for one principal, as this instance knows it. */
  get(principalKey: string, endpoint: Endpoint): RateLimitState | undefined;
  /** Every state this instance knows for one principal, sorted by endpoint. */
  list(principalKey: string): RateLimitState[];
  /** Like `list`, after taking in what the shared level knows (the budget a query is priced against). */
  current(principalKey: string): Promise<RateLimitState[]>;
}

/** Tracks the last rate-limit headers seen, by principal key and endpoint: the in-process budget. */
export class RateLimitTracker implements RateLimitBudget {
  readonly #now: () => number;
  /**
   * principal key -> its states, one per endpoint, sorted by endpoint; bounded so that many user tokens
   * cannot grow it without end. A small array rather than a `Map`: every new principal (each client token)
   * keeps one, and most call one endpoint or two.
   */
  readonly #states: LRUCache<string, RateLimitState[]>;

  constructor(now: () => number, maxPrincipals = 10_000) {
    this.#now = now;
    this.#states = new LRUCache({ max: maxPrincipals, ttl: 2 * DEFAULT_WINDOW_MS, perf: { now } });
  }

  /** Records the headers of one answer; returns the new state, or undefined when they are absent or invalid. */
  update(principalKey: string, endpoint: Endpoint, headers: ResponseHeaders): RateLimitState | undefined {
    const limit = readInteger(headers['x-rate-limit-limit']);
    const remaining = readInteger(headers['x-rate-limit-remaining']);
    const reset = readInteger(headers['x-rate-limit-reset']);
    if (limit === undefined || remaining === undefined || reset === undefined) return undefined;
    const seen: RateLimitState = { endpoint, limit, remaining, resetAt: new Date(reset * 1000) };
    const state = mergeRateLimits(this.#known(principalKey, endpoint), seen, this.#now());
    this.#set(principalKey, state);
    return state;
  }

  /**
   * Takes one call from the budget before it is sent. With no current window, one opens now with the
   * last limit X announced, else `documentedLimit`, as a provisional state. Not taken when the budget
   * is spent: `state.resetAt` says until when.
   */
  reserve(principalKey: string, endpoint: Endpoint, documentedLimit: number): Reservation {
    const now = this.#now();
    const known = this.#known(principalKey, endpoint);
    if (!known || known.resetAt.getTime() <= now) {
      const limit = known?.limit || documentedLimit;
      const opened = provisionalWindow(endpoint, limit, now);
      if (limit <= 0) return { taken: false, state: opened };
      const state = { ...opened, remaining: limit - 1 };
      this.#set(principalKey, state);
      return { taken: true, state };
    }
    if (known.remaining <= 0) return { taken: false, state: known };
    const state = { ...known, remaining: known.remaining - 1 };
    this.#set(principalKey, state);
    return { taken: true, state };
  }

  answered(principalKey: string, endpoint: Endpoint, headers: ResponseHeaders): void {
    this.update(principalKey, endpoint, headers);
  }

  refused(principalKey: string, endpoint: Endpoint, headers: ResponseHeaders, resetAt: Date): void {
    this.update(principalKey, endpoint, headers);
    if (!this.exhaustedUntil(principalKey, endpoint)) this.markExhausted(principalKey, endpoint, resetAt);
  }

  current(principalKey: string): Promise<RateLimitState[]> {
    return Promise.resolve(this.list(principalKey));
  }

  /** Records a 429 without usable headers: the budget is spent until `resetAt`. */
  markExhausted(principalKey: string, endpoint: Endpoint, resetAt: Date): RateLimitState {
    const known = this.#known(principalKey, endpoint);
    const state: RateLimitState = { endpoint, limit: known?.limit ?? 0, remaining: 0, resetAt };
    this.#set(principalKey, state);
    return state;
  }

  /**
   * Takes in a state another instance saw or reserved (the shared level), merged by `mergeRateLimits`,
   * so the budget never goes up by taking one in.
   */
  absorb(principalKey: string, state: RateLimitState): void {
    const known = this.#known(principalKey, state.endpoint);
    const merged = mergeRateLimits(known, state, this.#now());
    if (merged !== known) this.#set(principalKey, merged);
  }

  /** The current state of one endpoint for one principal, if any was seen. */
  get(principalKey: string, endpoint: Endpoint): RateLimitState | undefined {
    const state = this.#known(principalKey, endpoint);
    return state && this.#current(state);
  }

  /** The reset time when the budget is known to be spent now, else undefined. */
  exhaustedUntil(principalKey: string, endpoint: Endpoint): Date | undefined {
    const state = this.get(principalKey, endpoint);
    return state && state.remaining <= 0 && state.resetAt.getTime() > this.#now() ? state.resetAt : undefined;
  }

  /** Every state known for one principal, sorted by endpoint. */
  list(principalKey: string): RateLimitState[] {
    return (this.#states.get(principalKey) ?? []).map((s) => this.#current(s));
  }

  /** The stored state of one endpoint for one principal, as stored. */
  #known(principalKey: string, endpoint: Endpoint): RateLimitState | undefined {
    return this.#states.get(principalKey)?.find((state) => state.endpoint === endpoint);
  }

  /** Stores one state, keeping the principal's states sorted by endpoint. */
  #set(principalKey: string, state: RateLimitState): void {
    const states = this.#states.get(principalKey);
    if (!states) {
      this.#states.set(principalKey, [state]);
      return;
    }
    const at = states.findIndex((known) => known.endpoint >= state.endpoint);
    if (at < 0) states.push(state);
    else if (states[at]?.endpoint === state.endpoint) states[at] = state;
    else states.splice(at, 0, state);
    this.#states.set(principalKey, states);
  }

  /** A state as it stands now: once the reset time passes, the window is full again. */
  #current(state: RateLimitState): RateLimitState {
    return state.resetAt.getTime() <= this.#now() ? { ...state, remaining: state.limit } : state;
  }
}

/** The outcome of `RateLimitTracker.reserve`: whether the call was taken, and the budget after it. */
export interface Reservation {
  readonly taken: boolean;
  readonly state: RateLimitState;
}

/** A window the gateway opens itself at `now`, before X has said anything about it. */
function provisionalWindow(endpoint: Endpoint, limit: number, now: number): RateLimitState {
  return { endpoint, limit, remaining: limit, resetAt: new Date(now + DEFAULT_WINDOW_MS), provisional: true };
}

/**
 * The budget once `incoming` (X's headers, or another instance's state) meets `known`; the Lua merge
 * in `shared-state/redis-scripts.ts` applies the same rules. A window that has ended gives way. X's
 * state and a provisional one: X's window and limit, with the calls reserved against the provisional
 * budget still counted (X may not have seen them yet), and never more than X has left. Otherwise a
 * later window replaces an earlier one, and in the same window (resets within a second) the lower
 * `remaining` wins: answers arriving out of order, or in flight, never raise the budget.
 */
export function mergeRateLimits(
  known: RateLimitState | undefined,
  incoming: RateLimitState,
  now: number,
): RateLimitState {
  if (!known || known.resetAt.getTime() <= now) return incoming;
  if (incoming.resetAt.getTime() <= now) return known;
  if (Boolean(known.provisional) !== Boolean(incoming.provisional)) {
    const [real, estimate] = known.provisional ? [incoming, known] : [known, incoming];
    const reserved = estimate.limit - estimate.remaining;
    const remaining = Math.max(0, Math.min(real.remaining, real.limit - reserved));
    return { endpoint: real.endpoint, limit: real.limit, remaining, resetAt: real.resetAt };
  }
  const sameWindow = Math.abs(incoming.resetAt.getTime() - known.resetAt.getTime()) < 1000;
  if (sameWindow) return incoming.remaining < known.remaining ? incoming : known;
  return incoming.resetAt.getTime() > known.resetAt.getTime() ? incoming : known;
}

/** When X says the budget resets: `x-rate-limit-reset`, else `retry-after` (seconds), else a full window. */
export function resetTimeOf(headers: ResponseHeaders, now: number): Date {
  const reset = readInteger(headers['x-rate-limit-reset']);
  if (reset !== undefined) return new Date(reset * 1000);
  const retryAfter = readInteger(headers['retry-after']);
  if (retryAfter !== undefined) return new Date(now + retryAfter * 1000);
  return new Date(now + DEFAULT_WINDOW_MS);
}

/** A non-negative integer header value, or undefined. */
function readInteger(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || !/^\s*[0-9]{1,15}\s*$/.test(text)) return undefined;
  return Number(text);
}
