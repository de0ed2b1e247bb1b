import { BufferPool } from '../../util/buffer-pool.ts';

/**
 * An answer's body as the parser handed it over: its chunks, joined only when the body is read, in a
 * buffer of a pool every body shares.
 *
 * Joining the chunks into a fresh `Buffer` (`Buffer.concat`) made a second copy of every body outside
 * the V8 heap, 332 KB for a 1,000-user page, freed only once the collector found its `Buffer` dead:
 * under load, tens of megabytes of such copies wait for a collection at any moment. Reading is
 * synchronous (copy, then decode), so the buffer goes back to the pool at once and serves the next body;
 * a body larger than {@link BODY_BYTES}'s largest buffer is joined on its own as before.
 */
export class ReceivedBody {
  /** The body's size in bytes. */
  readonly byteLength: number;
  private chunks: readonly Buffer[];

  constructor(chunks: readonly Buffer[], byteLength: number) {
    this.chunks = chunks;
    this.byteLength = byteLength;
  }

  /**
   * The body decoded as UTF-8 (an invalid sequence reads as U+FFFD). Reading lets go of the chunks: a
   * body is read once, and the record that carries it may outlive the read.
   */
  takeText(): string {
    const chunks = this.chunks;
    this.chunks = [];
    const first = chunks[0];
    if (first === undefined) return '';
    if (chunks.length === 1) return first.toString('utf8');
    const into = BODY_BYTES.take(this.byteLength);
    if (!into) return Buffer.concat(chunks, this.byteLength).toString('utf8');
    let at = 0;
    for (const chunk of chunks) {
      into.set(chunk, at);
      at += chunk.length;
    }
    const text = Buffer.from(into.buffer, 0, at).toString('utf8');
    BODY_BYTES.give(into);
    return text;
  }
}

/** The buffers bodies are joined in: one at a time (reading is synchronous), at most 4 MiB. */
export const BODY_BYTES = new BufferPool({
  maxRetainedBytes: 4 * 1024 * 1024,
  maxBufferBytes: 4 * 1024 * 1024,
});
