import { Response as FetchResponse } from '@whatwg-node/fetch';
import { BufferPool } from './util/buffer-pool.ts';

/**
 * The `Response` the gateway's Yoga builds (its `fetchAPI.Response`): Yoga's own, with large text bodies
 * held as their UTF-8 bytes from the start.
 *
 * A JSON answer is a string, and a large `JSON.stringify` result is a rope of small pieces. Written as a
 * string, it is flattened to count its bytes for `Content-Length`, then joined to the response head by
 * Node's `http` (which prepends the head to a string body) and flattened again, a second full copy on the
 * V8 heap, before being encoded on the way to the socket. Encoded once into bytes instead, it is
 * counted by their length and written beside the head without copy: 0.5 to 1.4 ms less CPU per
 * 1,000-follower answer (`bench/results/history.md` §24). Shorter bodies stay strings, written with the
 * head in one piece as before: below some 64 K characters, bytes measured no faster.
 *
 * The bytes go into a buffer of {@link ANSWER_BYTES}, the process's pool, given back by
 * {@link AnswerResponse.releaseBytes} once the answer is written (`useAnswerBytesReturn`): the next large
 * answer overwrites it instead of a fresh allocation that only a collection frees (0.2 ms less to encode a
 * 1,000-follower answer; 9–14% less CPU per such request at 16 clients, 2–12% at one:
 * `bench/results/history.md` §27).
 */
export class AnswerResponse extends FetchResponse {
  /** The pool's buffer the body was encoded into, until it is given back. */
  private pooled: Uint8Array<ArrayBuffer> | undefined;

  constructor(body?: BodyInit | null, init?: ResponseInit) {
    const large = typeof body === 'string' && body.length >= LARGE_TEXT_CHARS;
    const encoded = large ? encodePooled(body) : undefined;
    const bytes = encoded
      ? encoded.pooled.subarray(0, encoded.written)
      : large
        ? UTF8.encode(body)
        : undefined;
    super(bytes ?? body, init);
    this.pooled = encoded?.pooled;
    // The type a text body gets by default, which a body of bytes does not.
    if (bytes && !this.headers.has('content-type')) this.headers.set('content-type', TEXT_TYPE);
  }

  /**
   * Gives the body's buffer back to the pool, for a later answer to overwrite: call it only once nothing
   * reads the body any more (Node has written it, or dropped it with its connection). Later calls do
   * nothing.
   */
  releaseBytes(): void {
    const pooled = this.pooled;
    if (!pooled) return;
    this.pooled = undefined;
    ANSWER_BYTES.give(pooled);
  }
}

/**
 * Encodes a text into a buffer of {@link ANSWER_BYTES}: first one sized for mostly ASCII text (a quarter
 * more bytes than UTF-16 units), and only when that does not hold it one sized for the worst case of the
 * rest (three bytes a unit), the part already written copied over. Undefined when the text is larger than
 * the pool's largest buffer.
 *
 * Why not the worst case at once: V8 counts a buffer's whole length as memory outside its heap, written or
 * not, and starts a full collection when that memory grows by a few megabytes. A 1,000-follower answer
 * (some 310 K units, 330 KB of UTF-8) took a 1 MiB buffer sized for the worst case; with 16 answers
 * being written at once the pool's 8 MiB were spent and every further answer took a fresh megabyte that
 * only a full collection frees (`bench/results/history.md` §29).
 */
function encodePooled(text: string): { pooled: Uint8Array<ArrayBuffer>; written: number } | undefined {
  const first = ANSWER_BYTES.take(text.length + (text.length >>> 2));
  if (!first) return undefined;
  const { read, written } = UTF8.encodeInto(text, first);
  if (read === text.length) return { pooled: first, written };
  // `encodeInto` stops before a character that does not fit whole, so the rest starts at one.
  const rest = text.length - read;
  const larger = ANSWER_BYTES.grow(first, written, written + rest * 3);
  if (!larger) {
    ANSWER_BYTES.give(first);
    return undefined;
  }
  return {
    pooled: larger,
    written: written + UTF8.encodeInto(text.slice(read), larger.subarray(written)).written,
  };
}

/** Text bodies of at least this many UTF-16 code units are held as bytes. */
export const LARGE_TEXT_CHARS = 64 * 1024;

/** The buffers large answers are encoded into, shared by every `AnswerResponse` of the process. */
export const ANSWER_BYTES = new BufferPool();

/** The encoder of large bodies (about 0.2 ms faster than `Buffer.from` on a 1,000-follower answer). */
const UTF8 = new TextEncoder();

/** The Fetch API's type of a text body. */
const TEXT_TYPE = 'text/plain;charset=UTF-8';
