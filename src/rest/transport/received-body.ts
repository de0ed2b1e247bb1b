/**
 * An answer's body as the parser handed it over: its chunks, joined only when the body is read, in a
 * buffer every body shares.
 *
 * Joining the chunks into a fresh `Buffer` (`Buffer.concat`) made a second copy of every body outside
 * the V8 heap, 332 KB for a 1,000-user page, freed only once the collector found its `Buffer` dead:
 * under load, tens of megabytes of such copies wait for a collection at any moment. Reading is
 * synchronous (copy, then decode), so one buffer serves every body in turn; it grows to the largest body
 * read, up to {@link SHARED_BUFFER_MAX_BYTES}, and a larger body is joined on its own as before.
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
    if (this.byteLength > SHARED_BUFFER_MAX_BYTES)
      return Buffer.concat(chunks, this.byteLength).toString('utf8');
    const into = sharedBuffer(this.byteLength);
    let at = 0;
    for (const chunk of chunks) {
      into.set(chunk, at);
      at += chunk.length;
    }
    return into.toString('utf8', 0, at);
  }
}

/** The largest body joined in the shared buffer (and so the most it keeps): 4 MiB. */
export const SHARED_BUFFER_MAX_BYTES = 4 * 1024 * 1024;

let shared = Buffer.allocUnsafeSlow(64 * 1024);

/** The shared buffer, grown (doubling) to hold at least `bytes`. */
function sharedBuffer(bytes: number): Buffer {
  if (shared.length < bytes) {
    let size = shared.length;
    while (size < bytes) size *= 2;
    shared = Buffer.allocUnsafeSlow(Math.min(size, SHARED_BUFFER_MAX_BYTES));
  }
  return shared;
}
