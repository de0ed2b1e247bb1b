import { describe, expect, it } from 'vitest';
import { BufferPool } from '../../src/util/buffer-pool.ts';

describe('BufferPool', () => {
  it('hands out a buffer of at least the bytes asked, its length a power of two from 64 KiB', () => {
    const pool = new BufferPool();
    for (const bytes of [2, 65_536, 70_000, 210_000, 1_000_000]) {
      const buffer = pool.take(bytes);
      expect(buffer).toBeDefined();
      expect(buffer?.length).toBeGreaterThanOrEqual(Math.max(64 * 1024, bytes));
      expect(buffer?.length).toBeLessThan(Math.max(128 * 1024, bytes * 2));
      expect(Math.log2(buffer?.length ?? 0) % 1).toBe(0);
    }
  });

  it('hands out nothing for more bytes than its largest buffer', () => {
    const pool = new BufferPool({ maxBufferBytes: 256 * 1024 });
    expect(pool.take(240_000)).toBeDefined();
    expect(pool.take(270_000)).toBeUndefined();
  });

  it('hands a given-back buffer out again to a need it fits, and not to a larger one', () => {
    const pool = new BufferPool();
    const small = pool.take(90_000) as Uint8Array<ArrayBuffer>;
    expect(small.length).toBe(128 * 1024);
    pool.give(small);
    expect(pool.retained).toBe(128 * 1024);
    const larger = pool.take(150_000);
    expect(larger).not.toBe(small);
    expect(pool.retained).toBe(128 * 1024);
    expect(pool.take(120_000)).toBe(small);
    expect(pool.retained).toBe(0);
  });

  it('keeps given-back buffers only up to the length it may retain', () => {
    const pool = new BufferPool({ maxRetainedBytes: 300 * 1024 });
    const buffers = [1, 2, 3].map(() => pool.take(120_000) as Uint8Array<ArrayBuffer>);
    for (const buffer of buffers) pool.give(buffer);
    expect(pool.retained).toBe(256 * 1024);
    expect(pool.take(120_000)).toBe(buffers[1]);
    expect(pool.take(120_000)).toBe(buffers[0]);
    expect(pool.take(120_000)).not.toBe(buffers[2]);
  });

  it('grows a buffer into a larger one with its used bytes, and takes the smaller one back', () => {
    const pool = new BufferPool({ maxBufferBytes: 256 * 1024 });
    const small = pool.take(1) as Uint8Array<ArrayBuffer>;
    small.set([1, 2, 3, 4]);
    const larger = pool.grow(small, 3, 100_000) as Uint8Array<ArrayBuffer>;
    expect(larger.length).toBe(128 * 1024);
    expect([...larger.subarray(0, 3)]).toEqual([1, 2, 3]);
    expect(pool.retained).toBe(64 * 1024);
    expect(pool.take(1)).toBe(small);
    // Past the largest buffer: nothing, and the buffer stays the caller's.
    expect(pool.grow(larger, 3, 300_000)).toBeUndefined();
    expect(pool.retained).toBe(0);
  });
});
