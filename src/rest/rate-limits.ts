import { LRUCache } from 'lru-cache';
import type { Endpoint, RateLimitState } from './x-api.ts';

/**
 * X's rate-limit budget per principal and endpoint, from the `x-rate-limit-*` headers of every answer.
 * X counts per app (app-only token) or per user (user context), so the principal's hashed key is the
 * right bucket. A state whose reset time has passed reads as a full window.
 */

/** Response headers as undici gives them. */
export type ResponseHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** X's documented window for the user endpoints: 15 minutes. */
export const DEFAULT_WINDOW_MS = 15 * 60 * 1000;

/** Tracks the last rate-limit headers seen, by principal key and endpoint. */
export class RateLimitTracker {
  readonly #now: () => number;
  /** principal key -> endpoint -> state; bounded so that many user tokens cannot grow it without end. */
  readonly #states: LRUCache<string, Map<Endpoint, RateLimitState>>;

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
    const state: RateLimitState = { endpoint, limit, remaining, resetAt: new Date(reset * 1000) };
    this.#set(principalKey, state);
    return state;
  }

  /** Records a 429 without usable headers: the budget is spent until `resetAt`. */
  markExhausted(principalKey: string, endpoint: Endpoint, resetAt: Date): RateLimitState {
    const known = this.#states.get(principalKey)?.get(endpoint);
    const state: RateLimitState = { endpoint, limit: known?.limit ?? 0, remaining: 0, resetAt };
    this.#set(principalKey, state);
    return state;
  }

  /**
   * Takes in a state another instance saw (the shared level): a later window replaces the known one, and
   * in the same window the lower `remaining` wins, so the budget never goes up by taking one in.
   */
  absorb(principalKey: string, state: RateLimitState): void {
    const known = this.#states.get(principalKey)?.get(state.endpoint);
    if (!known || isNewerOrLower(state, known)) this.#set(principalKey, state);
  }

  /** The current state of one endpoint for one principal, if any was seen. */
  get(principalKey: string, endpoint: Endpoint): RateLimitState | undefined {
    const state = this.#states.get(principalKey)?.get(endpoint);
    return state && this.#current(state);
  }

  /** The reset time when the budget is known to be spent now, else undefined. */
  exhaustedUntil(principalKey: string, endpoint: Endpoint): Date | undefined {
    const state = this.get(principalKey, endpoint);
    return state && state.remaining <= 0 && state.resetAt.getTime() > this.#now() ? state.resetAt : undefined;
  }

  /** Every state known for one principal, sorted by endpoint. */
  list(principalKey: string): RateLimitState[] {
    const states = [...(this.#states.get(principalKey)?.values() ?? [])].map((s) => this.#current(s));
    return states.sort((a, b) => (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0));
  }

  /** Stores one state. */
  #set(principalKey: string, state: RateLimitState): void {
    const states = this.#states.get(principalKey) ?? new Map<Endpoint, RateLimitState>();
    states.set(state.endpoint, state);
    this.#states.set(principalKey, states);
  }

  /** A state as it stands now: once the reset time passes, the window is full again. */
  #current(state: RateLimitState): RateLimitState {
    return state.resetAt.getTime() <= this.#now() ? { ...state, remaining: state.limit } : state;
  }
}

/** True when `state` should replace `known`: a later window, or the same window with less remaining. */
export function isNewerOrLower(state: RateLimitState, known: RateLimitState): boolean {
  const sameWindow = Math.abs(state.resetAt.getTime() - known.resetAt.getTime()) < 1000;
  if (sameWindow) return state.remaining < known.remaining;
  return state.resetAt.getTime() > known.resetAt.getTime();
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
