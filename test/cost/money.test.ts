import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICES, formatUsd, parsePrices, parseUsd, priceOf, toUsd } from '../../src/cost/money.ts';

describe('money', () => {
  it('parses USD amounts into exact micro-dollars', () => {
    expect(parseUsd('0.010')).toBe(10_000);
    expect(parseUsd('20')).toBe(20_000_000);
    expect(parseUsd('0.000001')).toBe(1);
    expect(parseUsd('0.0000001')).toBeUndefined();
    expect(parseUsd('-1')).toBeUndefined();
    expect(parseUsd('1e3')).toBeUndefined();
  });

  it('adds prices without float drift', () => {
    // 0.1 + 0.2 is not 0.3 in binary fractions; 10 + 20 posts at $0.005 and $0.01 stay exact.
    const micros = priceOf({ users: 1, follows: 1000, posts: 1000 }, DEFAULT_PRICES);
    expect(micros).toBe(15_010_000);
    expect(toUsd(micros)).toBe(15.01);
    expect(formatUsd(micros)).toBe('$15.01');
    expect(formatUsd(5_000)).toBe('$0.005');
    expect(formatUsd(20_000_000)).toBe('$20.00');
  });

  it('reads X_PRICES pairs, keeping the default of kinds left out', () => {
    expect(parsePrices('posts=0.004')).toEqual({ users: 10_000, follows: 10_000, posts: 4_000 });
    expect(parsePrices('users=0.02, follows=0.015,posts=0')).toEqual({
      users: 20_000,
      follows: 15_000,
      posts: 0,
    });
    expect(() => parsePrices('likes=0.01')).toThrow(/not kind=usd/);
    expect(() => parsePrices('posts=0.01,posts=0.02')).toThrow(/priced twice/);
    expect(() => parsePrices('posts')).toThrow(/price of posts/);
  });
});
