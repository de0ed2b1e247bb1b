import { describe, expect, it } from 'vitest';
import { backoffMs, isRetryableFailure, isRetryableStatus } from '../../src/rest/upstream.ts';

describe('backoffMs', () => {
  it('doubles the ceiling per retry from 100 ms, capped at 2 s, and draws below it', () => {
    const top = () => 0.9999999;
    expect([1, 2, 3, 4, 5, 6, 10].map((retry) => backoffMs(retry, top))).toEqual([
      99, 199, 399, 799, 1599, 1999, 1999,
    ]);
    expect(backoffMs(3, () => 0)).toBe(0);
    expect(backoffMs(3, () => 0.5)).toBe(200);
  });

  it('honours custom base and cap', () => {
    expect(backoffMs(4, () => 0.5, { baseMs: 10, capMs: 50 })).toBe(25);
  });
});

describe('isRetryableStatus', () => {
  it('retries 5xx only', () => {
    expect([500, 502, 503, 504, 599].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 429, 200, 600].some(isRetryableStatus)).toBe(false);
  });
});

describe('isRetryableFailure', () => {
  it('retries timeouts and dropped connections, not oversized answers', () => {
    expect(isRetryableFailure('timeout')).toBe(true);
    expect(isRetryableFailure('connection')).toBe(true);
    expect(isRetryableFailure('too-large')).toBe(false);
  });
});
