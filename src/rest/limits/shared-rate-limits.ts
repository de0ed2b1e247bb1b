import type { SharedStore } from '../shared-store.ts';
import type { Endpoint, RateLimitState } from '../x-api.ts';
import type { RateLimitBudget, RateLimitTracker, Reservation, ResponseHeaders } from './rate-limits.ts';

/**
 * The rate-limit budget every instance shares (`REDIS_URL`), wrapped around the in-process one: each
 * attempt is taken from the shared budget of its principal and endpoint, atomically in the store
 * (`reserveCall`, opening a provisional window at the documented limit when none is current), and the
 * state after it is taken in locally (`absorb`, by `mergeRateLimits`); every state X reports is written
 * back (merged the same way by the store). So instances together never send more calls than X has
 * left, and a spent budget seen by one stops all. With the store unavailable, the in-process budget
 * decides alone.
 */
export class SharedRateLimits implements RateLimitBudget {
  readonly #local: RateLimitTracker;
  readonly #store: SharedStore;

  constructor(local: RateLimitTracker, store: SharedStore) {
    this.#local = local;
    this.#store = store;
  }

  /**
   * Takes one request from the shared budget and the result in locally; a budget this instance knows
   * to be spent (a 429 it could not share) still refuses.
   */
  async reserve(principalKey: string, endpoint: Endpoint, documentedLimit: number): Promise<Reservation> {
    const local = this.#local;
    const spentUntil = local.exhaustedUntil(principalKey, endpoint);
    const reservation = await this.#store.reserveCall(principalKey, endpoint, documentedLimit);
    if (!reservation) return local.reserve(principalKey, endpoint, documentedLimit);
    local.absorb(principalKey, reservation.state);
    if (reservation.taken && spentUntil) {
      return { taken: false, state: local.get(principalKey, endpoint) ?? reservation.state };
    }
    return reservation;
  }

  async answered(principalKey: string, endpoint: Endpoint, headers: ResponseHeaders): Promise<void> {
    const seen = this.#local.update(principalKey, endpoint, headers);
    if (seen) await this.#store.writeRateLimit(principalKey, seen);
  }

  async refused(
    principalKey: string,
    endpoint: Endpoint,
    headers: ResponseHeaders,
    resetAt: Date,
  ): Promise<void> {
    this.#local.refused(principalKey, endpoint, headers, resetAt);
    const spent = this.#local.get(principalKey, endpoint);
    if (spent) await this.#store.writeRateLimit(principalKey, spent);
  }

  get(principalKey: string, endpoint: Endpoint): RateLimitState | undefined {
    return this.#local.get(principalKey, endpoint);
  }

  list(principalKey: string): RateLimitState[] {
    return this.#local.list(principalKey);
  }

  async current(principalKey: string): Promise<RateLimitState[]> {
    for (const state of await this.#store.listRateLimits(principalKey))
      this.#local.absorb(principalKey, state);
    return this.#local.list(principalKey);
  }
}
