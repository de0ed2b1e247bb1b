import { describe, expect, it } from 'vitest';
import { RateLimitTracker, resetTimeOf } from '../../../src/rest/limits/rate-limits.ts';

const T0 = Date.UTC(2026, 0, 1);
const headers = (remaining: string, reset = String(T0 / 1000 + 900)) => ({
  'x-rate-limit-limit': '15',
  'x-rate-limit-remaining': remaining,
  'x-rate-limit-reset': reset,
});

describe('RateLimitTracker', () => {
  it('records the headers per principal and endpoint', () => {
    const clock = { now: T0 };
    const tracker = new RateLimitTracker(() => clock.now);
    tracker.update('p1', 'GET /2/users/:id/followers', headers('3'));
    tracker.update('p1', 'GET /2/users', headers('14'));
    tracker.update('p2', 'GET /2/users/:id/followers', headers('9'));
    expect(tracker.list('p1').map((s) => [s.endpoint, s.remaining])).toEqual([
      ['GET /2/users', 14],
      ['GET /2/users/:id/followers', 3],
    ]);
    expect(tracker.get('p2', 'GET /2/users/:id/followers')?.remaining).toBe(9);
    expect(tracker.list('p3')).toEqual([]);
  });

  it("lists a principal's states sorted by endpoint, whatever the order they came in, as a copy", () => {
    const tracker = new RateLimitTracker(() => T0);
    for (const endpoint of ['GET /2/users/me', 'GET /2/tweets', 'GET /2/users/by', 'GET /2/users'] as const) {
      tracker.update('p', endpoint, headers('5'));
    }
    tracker.update('p', 'GET /2/users/by', headers('4'));
    const listed = tracker.list('p');
    expect(listed.map((s) => [s.endpoint, s.remaining])).toEqual([
      ['GET /2/tweets', 5],
      ['GET /2/users', 5],
      ['GET /2/users/by', 4],
      ['GET /2/users/me', 5],
    ]);
    listed.length = 0;
    expect(tracker.list('p')).toHaveLength(4);
  });

  it('ignores missing or malformed headers', () => {
    const tracker = new RateLimitTracker(() => T0);
    expect(tracker.update('p', 'GET /2/users', {})).toBeUndefined();
    expect(tracker.update('p', 'GET /2/users', headers('-1'))).toBeUndefined();
    expect(tracker.update('p', 'GET /2/users', headers('1', 'soon'))).toBeUndefined();
    expect(tracker.list('p')).toEqual([]);
  });

  it('knows the budget is spent until the reset, then reads a full window', () => {
    const clock = { now: T0 };
    const tracker = new RateLimitTracker(() => clock.now);
    tracker.update('p', 'GET /2/users', headers('0'));
    expect(tracker.exhaustedUntil('p', 'GET /2/users')).toEqual(new Date(T0 + 900_000));
    clock.now += 900_000;
    expect(tracker.exhaustedUntil('p', 'GET /2/users')).toBeUndefined();
    expect(tracker.get('p', 'GET /2/users')?.remaining).toBe(15);
  });

  it('marks a 429 without headers as spent', () => {
    const tracker = new RateLimitTracker(() => T0);
    tracker.markExhausted('p', 'GET /2/tweets', new Date(T0 + 60_000));
    expect(tracker.exhaustedUntil('p', 'GET /2/tweets')).toEqual(new Date(T0 + 60_000));
  });
});

describe('RateLimitTracker reserve', () => {
  const endpoint = 'GET /2/users/:id/followers' as const;

  it('opens a provisional window at the documented limit and refuses past it', () => {
    const tracker = new RateLimitTracker(() => T0);
    const taken = Array.from({ length: 20 }, () => tracker.reserve('p', endpoint, 15));
    expect(taken.filter((r) => r.taken)).toHaveLength(15);
    expect(taken[0]?.state).toEqual({
      endpoint,
      limit: 15,
      remaining: 14,
      resetAt: new Date(T0 + 900_000),
      provisional: true,
    });
    expect(taken[19]).toMatchObject({
      taken: false,
      state: { remaining: 0, resetAt: new Date(T0 + 900_000) },
    });
  });

  it("takes X's headers over a provisional state without forgetting the calls in flight", () => {
    const tracker = new RateLimitTracker(() => T0);
    for (let i = 0; i < 15; i++) tracker.reserve('p', endpoint, 15);
    // X's first answer says 14 left; the other 14 reserved calls are still on their way.
    expect(tracker.update('p', endpoint, headers('14', String(T0 / 1000 + 899)))).toEqual({
      endpoint,
      limit: 15,
      remaining: 0,
      resetAt: new Date(T0 + 899_000),
    });
    expect(tracker.reserve('p', endpoint, 15).taken).toBe(false);
    // Answers of the same window arriving out of order never raise the budget.
    tracker.update('p', endpoint, headers('3', String(T0 / 1000 + 899)));
    expect(tracker.get('p', endpoint)?.remaining).toBe(0);
  });

  it('opens the next window with the limit X announced, once the last one has reset', () => {
    const clock = { now: T0 };
    const tracker = new RateLimitTracker(() => clock.now);
    tracker.update('p', endpoint, { ...headers('0'), 'x-rate-limit-limit': '50' });
    expect(tracker.reserve('p', endpoint, 15).taken).toBe(false);
    clock.now += 900_000;
    expect(tracker.reserve('p', endpoint, 15)).toMatchObject({
      taken: true,
      state: { limit: 50, remaining: 49, provisional: true },
    });
  });
});

describe('resetTimeOf', () => {
  it('prefers x-rate-limit-reset, then retry-after, then a full 15-minute window', () => {
    expect(resetTimeOf({ 'x-rate-limit-reset': String(T0 / 1000 + 5) }, T0)).toEqual(new Date(T0 + 5000));
    expect(resetTimeOf({ 'retry-after': '30' }, T0)).toEqual(new Date(T0 + 30_000));
    expect(resetTimeOf({}, T0)).toEqual(new Date(T0 + 900_000));
  });
});
