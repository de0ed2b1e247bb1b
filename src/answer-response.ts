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
    // Three bytes per UTF-16 unit is UTF-8's worst case: encoding never overflows the buffer.
    const pooled = large ? ANSWER_BYTES.take(body.length * 3) : undefined;
    let bytes: Uint8Array<ArrayBuffer> | undefined;
    if (pooled) bytes = pooled.subarray(0, UTF8.encodeInto(body as string, pooled).written);
    else if (large) bytes = UTF8.encode(body);
    super(bytes ?? body, init);
    this.pooled = pooled;
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

/** Text bodies of at least this many UTF-16 code units are held as bytes. */
export const LARGE_TEXT_CHARS = 64 * 1024;

/** The buffers large answers are encoded into, shared by every `AnswerResponse` of the process. */
export const ANSWER_BYTES = new BufferPool();

/** The encoder of large bodies (about 0.2 ms faster than `Buffer.from` on a 1,000-follower answer). */
const UTF8 = new TextEncoder();

/** The Fetch API's type of a text body. */
const TEXT_TYPE = 'text/plain;charset=UTF-8';
