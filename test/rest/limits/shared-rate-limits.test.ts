import { describe, expect, it } from 'vitest';
import { RateLimitTracker, type Reservation } from '../../../src/rest/limits/rate-limits.ts';
import { SharedRateLimits } from '../../../src/rest/limits/shared-rate-limits.ts';
import type { SharedStore } from '../../../src/rest/shared-store.ts';
import type { RateLimitState } from '../../../src/rest/x-api.ts';

const T0 = Date.UTC(2026, 0, 1);
const FOLLOWERS = 'GET /2/users/:id/followers';
const headers = (remaining: string) => ({
  'x-rate-limit-limit': '15',
  'x-rate-limit-remaining': remaining,
  'x-rate-limit-reset': String(T0 / 1000 + 900),
});

/** A store that answers `reserveCall` with `reservation` (undefined: unavailable) and records writes. */
function fakeStore(reservation: Reservation | undefined, listed: RateLimitState[] = []) {
  const written: RateLimitState[] = [];
  const store = {
    reserveCall: async () => reservation,
    writeRateLimit: async (_key: string, state: RateLimitState) => {
      written.push(state);
    },
    listRateLimits: async () => listed,
  } as unknown as SharedStore;
  return { store, written };
}

describe('SharedRateLimits', () => {
  it('takes the shared reservation in locally', async () => {
    const state = { endpoint: FOLLOWERS, limit: 15, remaining: 3, resetAt: new Date(T0 + 60_000) } as const;
    const tracker = new RateLimitTracker(() => T0);
    const budget = new SharedRateLimits(tracker, fakeStore({ taken: true, state }).store);
    expect((await budget.reserve('p', FOLLOWERS, 15)).taken).toBe(true);
    expect(budget.get('p', FOLLOWERS)?.remaining).toBe(3);
  });

  it('falls back to the in-process budget when the store is unavailable', async () => {
    const tracker = new RateLimitTracker(() => T0);
    const budget = new SharedRateLimits(tracker, fakeStore(undefined).store);
    const reservation = await budget.reserve('p', FOLLOWERS, 2);
    expect(reservation).toMatchObject({ taken: true, state: { limit: 2, remaining: 1, provisional: true } });
  });

  it('refuses a call the store took when this instance knows the budget is spent', async () => {
    const tracker = new RateLimitTracker(() => T0);
    tracker.markExhausted('p', FOLLOWERS, new Date(T0 + 60_000));
    const state = { endpoint: FOLLOWERS, limit: 15, remaining: 9, resetAt: new Date(T0 + 60_000) } as const;
    const budget = new SharedRateLimits(tracker, fakeStore({ taken: true, state }).store);
    const reservation = await budget.reserve('p', FOLLOWERS, 15);
    expect(reservation.taken).toBe(false);
    expect(reservation.state.remaining).toBe(0);
  });

  it('writes the states X reports, and a 429 as spent', async () => {
    const tracker = new RateLimitTracker(() => T0);
    const { store, written } = fakeStore(undefined);
    const budget = new SharedRateLimits(tracker, store);
    await budget.answered('p', FOLLOWERS, headers('7'));
    await budget.answered('p', FOLLOWERS, {});
    await budget.refused('p', FOLLOWERS, {}, new Date(T0 + 120_000));
    expect(written.map((s) => s.remaining)).toEqual([7, 0]);
    expect(tracker.exhaustedUntil('p', FOLLOWERS)?.getTime()).toBe(T0 + 120_000);
  });

  it('lists the budget after taking in what the store knows', async () => {
    const tracker = new RateLimitTracker(() => T0);
    const listed = [
      { endpoint: FOLLOWERS, limit: 15, remaining: 4, resetAt: new Date(T0 + 60_000) },
    ] as const;
    const budget = new SharedRateLimits(tracker, fakeStore(undefined, [...listed]).store);
    expect(budget.list('p')).toEqual([]);
    expect((await budget.current('p')).map((s) => s.remaining)).toEqual([4]);
  });
});
