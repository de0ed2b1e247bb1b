import { describe, expect, it } from 'vitest';
import { RateLimitTracker, resetTimeOf } from '../../src/rest/rate-limits.ts';

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

describe('resetTimeOf', () => {
  it('prefers x-rate-limit-reset, then retry-after, then a full 15-minute window', () => {
    expect(resetTimeOf({ 'x-rate-limit-reset': String(T0 / 1000 + 5) }, T0)).toEqual(new Date(T0 + 5000));
    expect(resetTimeOf({ 'retry-after': '30' }, T0)).toEqual(new Date(T0 + 30_000));
    expect(resetTimeOf({}, T0)).toEqual(new Date(T0 + 900_000));
  });
});
