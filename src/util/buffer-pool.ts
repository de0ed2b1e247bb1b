/**
 * Large byte buffers used again instead of allocated afresh.
 *
 * A fresh large buffer is an allocation outside the V8 heap that only a collection frees once its owner
 * is found dead: under load, such buffers wait for collections by the megabyte, and each is a fresh
 * mapping whose pages the kernel must supply. Two places reuse buffers from a pool instead: an X answer's
 * body is copied into one as it arrives (`src/rest/transport/received-body.ts`, given back as soon as the
 * text is decoded) and large answers are encoded into one (`src/answer-response.ts`, given back once Node
 * has written it). Measured in `bench/results/history.md` §27.
 *
 * Lengths are powers of two of at least 64 KiB; only the pages a user writes become resident, the rest
 * stays address space. The pool keeps given-back buffers up to `maxRetainedBytes` of length in all; a
 * buffer taken and never given back is simply collected. A buffer must be given back only once nothing
 * reads it any more.
 */

/** Options of {@link BufferPool}. */
export interface BufferPoolOptions {
  /** The most buffer length the pool keeps while nothing uses it. @default 8 MiB */
  readonly maxRetainedBytes?: number;
  /** The largest buffer it hands out; a larger need is the caller's to meet. @default 4 MiB */
  readonly maxBufferBytes?: number;
}

/** The smallest buffer handed out: 64 KiB. */
const MIN_BUFFER_BYTES = 64 * 1024;

/** A free list of large buffers, bounded in the length it keeps. */
export class BufferPool {
  readonly maxRetainedBytes: number;
  readonly maxBufferBytes: number;
  private readonly free: Uint8Array<ArrayBuffer>[] = [];
  private retainedBytes = 0;

  constructor(options: BufferPoolOptions = {}) {
    this.maxRetainedBytes = options.maxRetainedBytes ?? 8 * 1024 * 1024;
    this.maxBufferBytes = options.maxBufferBytes ?? 4 * 1024 * 1024;
  }

  /** The length of the buffers the pool holds now, while nothing uses them. */
  get retained(): number {
    return this.retainedBytes;
  }

  /**
   * A buffer of at least `bytes`, from the pool when one is free, or undefined when `bytes` is more than
   * the pool's largest buffer.
   */
  take(bytes: number): Uint8Array<ArrayBuffer> | undefined {
    if (bytes > this.maxBufferBytes) return undefined;
    const free = this.free;
    for (let i = free.length - 1; i >= 0; i--) {
      const buffer = free[i] as Uint8Array<ArrayBuffer>;
      if (buffer.length < bytes) continue;
      free[i] = free[free.length - 1] as Uint8Array<ArrayBuffer>;
      free.pop();
      this.retainedBytes -= buffer.length;
      return buffer;
    }
    let length = MIN_BUFFER_BYTES;
    while (length < bytes) length *= 2;
    return new Uint8Array(length);
  }

  /**
   * A buffer of at least `bytes` holding the first `used` bytes of `buffer`, which goes back to the pool;
   * undefined when `bytes` is more than the pool's largest buffer (`buffer` then stays the caller's).
   */
  grow(buffer: Uint8Array<ArrayBuffer>, used: number, bytes: number): Uint8Array<ArrayBuffer> | undefined {
    const larger = this.take(bytes);
    if (!larger) return undefined;
    larger.set(buffer.subarray(0, used));
    this.give(buffer);
    return larger;
  }

  /** Takes a buffer back for later use, unless the pool already keeps its share. */
  give(buffer: Uint8Array<ArrayBuffer>): void {
    if (this.retainedBytes + buffer.length > this.maxRetainedBytes) return;
    this.free.push(buffer);
    this.retainedBytes += buffer.length;
  }
}
