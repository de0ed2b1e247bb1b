import { describe, expect, it } from 'vitest';
import { hash32, hashUnit, mix32, Rng } from '../../../src/emulator/data/random.ts';

describe('Rng', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const draw = (seed: number): number[] => {
      const rng = new Rng(seed);
      return Array.from({ length: 20 }, () => rng.next());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    const rng = new Rng(7);
    rng.next();
    rng.reseed(7);
    expect(Array.from({ length: 20 }, () => rng.next())).toEqual(draw(7));
  });

  it('draws uniform floats and integers within their bounds', () => {
    const rng = new Rng(1);
    const buckets = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = rng.next();
      if (!(u >= 0 && u < 1)) outside++;
      const k = rng.int(10);
      buckets[k] = (buckets[k] ?? 0) + 1;
    }
    expect(outside).toBe(0);
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(600);
    for (let i = 0; i < 1000; i++) {
      const value = rng.range(3, 5);
      expect([3, 4, 5]).toContain(value);
    }
  });

  it('samples distinct elements, few from many or many from few', () => {
    const rng = new Rng(3);
    const items = Array.from({ length: 30 }, (_, i) => i);
    for (const count of [1, 3, 4, 12, 30, 40]) {
      const picked = rng.sample(items, count);
      expect(picked).toHaveLength(Math.min(count, items.length));
      expect(new Set(picked).size).toBe(picked.length);
      for (const value of picked) expect(items).toContain(value);
    }
    expect(() => rng.pick([])).toThrow(RangeError);
  });

  it('derives independent per-index values from a stateless hash', () => {
    expect(hash32(42, 1, 2)).toBe(hash32(42, 1, 2));
    expect(hash32(42, 1, 2)).not.toBe(hash32(42, 1, 3));
    expect(hash32(42, 1, 2)).not.toBe(hash32(43, 1, 2));
    expect(mix32(0)).toBe(0);
    expect(mix32(1)).not.toBe(mix32(2));
    let below = 0;
    for (let i = 0; i < 10_000; i++) if (hashUnit(5, i, 1) < 0.3) below++;
    expect(Math.abs(below - 3000)).toBeLessThan(250);
    expect(Rng.for(1, 2, 3).next()).toBe(new Rng(hash32(1, 2, 3)).next());
  });
});
