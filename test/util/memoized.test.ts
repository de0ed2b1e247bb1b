import { describe, expect, it } from 'vitest';
import { memoized } from '../../src/util/memoized.ts';

describe('memoized', () => {
  it('computes the value of a key once, keeps falsy values, and keeps nothing when the computation throws', () => {
    const map = new WeakMap<object, boolean>();
    const key = {};
    let runs = 0;
    const compute = () => {
      runs++;
      return false;
    };
    expect(memoized(map, key, compute)).toBe(false);
    expect(memoized(map, key, compute)).toBe(false);
    expect(runs).toBe(1);
    const other = {};
    expect(() =>
      memoized(map, other, () => {
        throw new Error('bad');
      }),
    ).toThrow('bad');
    expect(map.has(other)).toBe(false);
  });
});
