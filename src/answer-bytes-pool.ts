/**
 * Buffers for the bytes of large answers, used again once Node has written them.
 *
 * A 1,000-follower answer is some 330 KB of UTF-8. Encoded into a fresh buffer (`TextEncoder.encode`), each
 * answer is a new allocation outside the V8 heap that only a collection frees once its `Buffer` is found
 * dead; under load, answers' bytes wait for collections by the megabyte, and every one is a fresh mapping
 * whose pages the kernel must supply. Encoded into a buffer from this pool, the same memory serves answer
 * after answer: encoding a 1,000-follower answer costs 0.2 ms less on its own, and requests for one spend
 * 9–14% less CPU at 16 clients and 2–12% less at one (`bench/results/history.md` §27).
 *
 * A buffer's length is a power of two at least three times the text's length in UTF-16 units (UTF-8's
 * worst case), so encoding never overflows it; only the pages an answer writes become resident, the rest
 * stays address space. The pool keeps given-back buffers up to `maxRetainedBytes` of length in all; a
 * buffer taken and never given back (an answer not served through Node's `http`, or one whose connection
 * failed first) is simply collected.
 *
 * A buffer must be given back only once nothing reads it any more: its answer written to the socket or
 * dropped with the connection (`useAnswerBytesReturn`, `src/plugins/answer-bytes-return.ts`).
 */

/** Options of {@link AnswerBytesPool}. */
export interface AnswerBytesPoolOptions {
  /** The most buffer length the pool keeps while no answer uses it. @default 8 MiB */
  readonly maxRetainedBytes?: number;
  /** The largest buffer it hands out; longer texts are encoded into a buffer of their own. @default 4 MiB */
  readonly maxBufferBytes?: number;
}

/** The smallest buffer handed out: 64 KiB. */
const MIN_BUFFER_BYTES = 64 * 1024;

/** A free list of large buffers, bounded in the length it keeps. */
export class AnswerBytesPool {
  readonly maxRetainedBytes: number;
  readonly maxBufferBytes: number;
  private readonly free: Uint8Array<ArrayBuffer>[] = [];
  private retainedBytes = 0;

  constructor(options: AnswerBytesPoolOptions = {}) {
    this.maxRetainedBytes = options.maxRetainedBytes ?? 8 * 1024 * 1024;
    this.maxBufferBytes = options.maxBufferBytes ?? 4 * 1024 * 1024;
  }

  /** The length of the buffers the pool holds now, while no answer uses them. */
  get retained(): number {
    return this.retainedBytes;
  }

  /**
   * A buffer that holds `text` encoded as UTF-8 whatever its characters, from the pool when one is free,
   * or undefined when the text is too long for the pool's largest buffer.
   */
  takeFor(text: string): Uint8Array<ArrayBuffer> | undefined {
    const needed = text.length * 3;
    if (needed > this.maxBufferBytes) return undefined;
    const free = this.free;
    for (let i = free.length - 1; i >= 0; i--) {
      const buffer = free[i] as Uint8Array<ArrayBuffer>;
      if (buffer.length < needed) continue;
      free[i] = free[free.length - 1] as Uint8Array<ArrayBuffer>;
      free.pop();
      this.retainedBytes -= buffer.length;
      return buffer;
    }
    let length = MIN_BUFFER_BYTES;
    while (length < needed) length *= 2;
    return new Uint8Array(length);
  }

  /** Takes a buffer back for later answers, unless the pool already keeps its share. */
  give(buffer: Uint8Array<ArrayBuffer>): void {
    if (this.retainedBytes + buffer.length > this.maxRetainedBytes) return;
    this.free.push(buffer);
    this.retainedBytes += buffer.length;
  }
}
