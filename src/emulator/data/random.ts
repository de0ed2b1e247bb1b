/**
 * Seeded randomness for the emulated world: a stateless 32-bit hash (to derive any per-user value from
 * `(seed, index, salt)` in O(1), without storing it) and a small, fast PRNG (mulberry32) for sequences.
 */

/** A 32-bit avalanche mix (lowbias32): every input bit flips about half of the output bits. */
export function mix32(value: number): number {
  let x = value >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** A well-mixed unsigned 32-bit hash of a seed, an index and a salt naming what the value is for. */
export function hash32(seed: number, index: number, salt: number): number {
  return mix32(mix32(mix32(seed ^ 0x9e3779b9) ^ index) + Math.imul(salt, 0x85ebca6b));
}

/** The hash of `(seed, index, salt)` as a uniform float in `[0, 1)`. */
export function hashUnit(seed: number, index: number, salt: number): number {
  return hash32(seed, index, salt) / 4294967296;
}

/** A seeded pseudo-random sequence (mulberry32): fast, 32 bits of state, good enough for synthetic data. */
export class Rng {
  private state: number;

  /** Starts the sequence at `seed` (any number; only its low 32 bits count). */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A new generator for one `(seed, index, salt)`: the same triple always yields the same sequence. */
  static for(seed: number, index: number, salt: number): Rng {
    return new Rng(hash32(seed, index, salt));
  }

  /** Restarts the sequence at `seed` (lets hot loops reuse one generator). */
  reseed(seed: number): void {
    this.state = seed >>> 0;
  }

  /** A uniform float in `[0, 1)`. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A uniform integer in `[0, bound)`. */
  int(bound: number): number {
    return Math.floor(this.next() * bound);
  }

  /** A uniform integer in `[min, max]` (both inclusive). */
  range(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Rng.pick needs a non-empty array');
    return items[this.int(items.length)] as T;
  }

  /** `count` distinct elements of `items` (all of them when `count` exceeds the length), in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    if (count <= 4 && count * 3 <= items.length) {
      // Few from many: draw distinct positions without copying the pool.
      const positions: number[] = [];
      while (positions.length < count) {
        const position = this.int(items.length);
        if (!positions.includes(position)) positions.push(position);
      }
      return positions.map((position) => items[position] as T);
    }
    const pool = items.slice();
    const taken = Math.min(count, pool.length);
    for (let i = 0; i < taken; i++) {
      const j = i + this.int(pool.length - i);
      const swap = pool[i] as T;
      pool[i] = pool[j] as T;
      pool[j] = swap;
    }
    return pool.slice(0, taken);
  }

  /** A standard normal deviate (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A log-normal deviate `exp(mu + sigma * N(0, 1))`: the heavy-tailed shape of social counts. */
  logNormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  /** `length` characters drawn from `alphabet`. */
  chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }
}

/** Letters and digits, as in t.co paths and image names. */
export const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
