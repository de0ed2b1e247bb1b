import { describe, expect, it } from 'vitest';
import { AnswerBytesPool } from '../src/answer-bytes-pool.ts';

/** The UTF-8 of `text` as `encodeInto` writes it into `buffer`: every character fits. */
function encodesWhole(text: string, buffer: Uint8Array): boolean {
  const { read, written } = new TextEncoder().encodeInto(text, buffer);
  return read === text.length && written === Buffer.byteLength(text);
}

describe('AnswerBytesPool', () => {
  it('hands out a buffer that holds the text whatever its characters, its length a power of two', () => {
    const pool = new AnswerBytesPool();
    for (const text of ['{}', 'a'.repeat(70_000), '€'.repeat(70_000), '🚀'.repeat(40_000)]) {
      const buffer = pool.takeFor(text);
      expect(buffer).toBeDefined();
      expect(buffer?.length).toBeGreaterThanOrEqual(Math.max(64 * 1024, text.length * 3));
      expect(Math.log2(buffer?.length ?? 0) % 1).toBe(0);
      expect(encodesWhole(text, buffer as Uint8Array)).toBe(true);
    }
  });

  it('hands out nothing for a text longer than its largest buffer allows', () => {
    const pool = new AnswerBytesPool({ maxBufferBytes: 256 * 1024 });
    expect(pool.takeFor('x'.repeat(80_000))).toBeDefined();
    expect(pool.takeFor('x'.repeat(90_000))).toBeUndefined();
  });

  it('hands a given-back buffer out again to a text it fits, and not to a longer one', () => {
    const pool = new AnswerBytesPool();
    const small = pool.takeFor('x'.repeat(30_000)) as Uint8Array<ArrayBuffer>;
    expect(small.length).toBe(128 * 1024);
    pool.give(small);
    expect(pool.retained).toBe(128 * 1024);
    const longer = pool.takeFor('x'.repeat(50_000));
    expect(longer).not.toBe(small);
    expect(pool.retained).toBe(128 * 1024);
    expect(pool.takeFor('x'.repeat(40_000))).toBe(small);
    expect(pool.retained).toBe(0);
  });

  it('keeps given-back buffers only up to the length it may retain', () => {
    const pool = new AnswerBytesPool({ maxRetainedBytes: 300 * 1024 });
    const buffers = [1, 2, 3].map(() => pool.takeFor('x'.repeat(40_000)) as Uint8Array<ArrayBuffer>);
    for (const buffer of buffers) pool.give(buffer);
    expect(pool.retained).toBe(256 * 1024);
    expect(pool.takeFor('x'.repeat(40_000))).toBe(buffers[1]);
    expect(pool.takeFor('x'.repeat(40_000))).toBe(buffers[0]);
    expect(pool.takeFor('x'.repeat(40_000))).not.toBe(buffers[2]);
  });
});
