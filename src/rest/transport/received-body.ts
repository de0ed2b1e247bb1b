import { isAscii, isUtf8, transcode } from 'node:buffer';
import { BufferPool } from '../../util/buffer-pool.ts';

/**
 * An answer's body while it arrives and until it is read: its bytes copied, chunk by chunk as the
 * parser hands them over, into one buffer of a pool every body shares, and decoded once when read.
 *
 * Why copy at once rather than keep the chunks until the end. Each chunk is a view of a buffer the
 * socket read into, a fresh allocation outside the V8 heap that V8 frees only once it finds its owner
 * dead. Under load a body arrives over several turns of the event loop, between other requests' work,
 * so its chunks outlived scavenges and were promoted: their bytes (332 KB for a 1,000-user page) then
 * waited for a full collection, and V8 counts such memory against the old generation's limit, so at 16
 * clients it started a full collection every forty requests (`bench/results/history.md` §29). Copied as
 * it arrives, a chunk dies young, and the pool's buffer is used again by the next body.
 *
 * The buffer is taken at the first chunk, large enough for the declared `Content-Length` when there is
 * one, and replaced by a larger one when the body outgrows it; a body larger than the pool's largest
 * buffer falls back to chunks of its own, joined when read. It goes back to the pool when the text is
 * read or the body discarded; a body neither read nor discarded leaves its buffer to the collector.
 */
export class ReceivedBody {
  /** The body's size in bytes so far (all of it once received). */
  byteLength = 0;
  /** The bytes declared by the answer's head, if any: the size of the first buffer taken. */
  private readonly expectedBytes: number;
  /** The pool's buffer holding the first `byteLength` bytes, while the body fits one. */
  private pooled: Uint8Array<ArrayBuffer> | undefined;
  /** The body's own copies of its chunks, once it outgrew the pool's largest buffer. */
  private chunks: Uint8Array[] | undefined;

  constructor(expectedBytes = 0) {
    this.expectedBytes = expectedBytes;
  }

  /** Copies the next chunk in (the chunk itself is not kept). */
  append(chunk: Uint8Array): void {
    const at = this.byteLength;
    const end = at + chunk.length;
    this.byteLength = end;
    if (this.chunks) {
      this.chunks.push(new Uint8Array(chunk));
      return;
    }
    let into = this.pooled;
    if (!into || into.length < end) {
      const bytes = Math.max(end, this.expectedBytes);
      const larger = into ? BODY_BYTES.grow(into, at, bytes) : BODY_BYTES.take(bytes);
      if (!larger) {
        // Past the pool's largest buffer: the body keeps its own copies from here on.
        this.chunks = into ? [into.slice(0, at)] : [];
        this.chunks.push(new Uint8Array(chunk));
        this.release();
        return;
      }
      this.pooled = into = larger;
    }
    into.set(chunk, at);
  }

  /**
   * The body decoded as UTF-8 (an invalid sequence reads as U+FFFD). Reading lets go of the bytes: a body
   * is read once (a second read is empty), and the record that carries it may outlive the read.
   */
  takeText(): string {
    const chunks = this.chunks;
    this.chunks = undefined;
    if (chunks) return decodeUtf8(Buffer.concat(chunks, this.byteLength));
    const pooled = this.pooled;
    if (!pooled) return '';
    const text = decodeUtf8(Buffer.from(pooled.buffer, 0, this.byteLength));
    this.release();
    return text;
  }

  /** Lets go of the bytes unread (the attempt failed), giving the buffer back to the pool. */
  discard(): void {
    this.chunks = undefined;
    this.release();
  }

  /** Gives the pool's buffer back, once. */
  private release(): void {
    const pooled = this.pooled;
    this.pooled = undefined;
    if (pooled) BODY_BYTES.give(pooled);
  }
}

/**
 * UTF-8 bytes as text, an invalid sequence as U+FFFD (as `toString('utf8')` reads them), decoded the
 * fastest way Node 20 offers. V8's own decoder (`toString('utf8')`, `TextDecoder`) walks the bytes one at a
 * time twice: 0.79 ms for a 1,000-user page (332 KB, 4% of its characters past ASCII). Checked first with
 * SIMD (`isAscii`, `isUtf8`: a few microseconds), ASCII text is copied as Latin-1 (0.22 ms) and valid
 * UTF-8 goes through ICU's converter to UTF-16 and a copy of those units (0.53 ms in all); only invalid
 * UTF-8 takes V8's decoder, whose replacement of bad sequences is the WHATWG one.
 */
function decodeUtf8(bytes: Buffer): string {
  if (isAscii(bytes)) return bytes.toString('latin1');
  if (!HAS_ICU || !isUtf8(bytes)) return bytes.toString('utf8');
  return transcode(bytes, 'utf8', 'ucs2').toString('ucs2');
}

/** Whether this Node has ICU, which `transcode` needs (official builds do). */
const HAS_ICU = typeof process.versions.icu === 'string';

/**
 * The buffers bodies are received in: one per body arriving at once (admission control lets 16 operations
 * run, so some 16 pages are in flight at most), up to 4 MiB each; 8 MiB of them are kept between bodies.
 */
export const BODY_BYTES = new BufferPool({
  maxRetainedBytes: 8 * 1024 * 1024,
  maxBufferBytes: 4 * 1024 * 1024,
});
