/**
 * Stateless pagination tokens for the followers/following lists.
 *
 * A token names a position in one list and a direction:
 * - `forward` p: the page that starts at p, items [p, p+n);
 * - `backward` q: the page that ends just before q, items [max(0, q-n), q).
 * A page [s, e) hands out `next_token` = forward e (absent when e is the list's end) and `previous_token`
 * = backward s (absent when s is 0). Walking back with the same `max_results` therefore returns exactly the
 * previous page, and any token works with any `max_results`.
 *
 * Tokens carry no state on the server: 1 byte of version+direction, 4 bytes of position, and 8 bytes of
 * HMAC-SHA256 over (list kind, user id, direction, position) under the emulator's key. A token of another
 * list, another emulator key or with a flipped bit fails the MAC and answers 400. The bytes are written in
 * Crockford base32 (uppercase letters and digits, 21 characters), like X's `DFEDBNRFT3MHCZZZ`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Which list of a user a token belongs to. */
export type ListKind = 'followers' | 'following';

/** A decoded token: where the page starts (forward) or ends (backward). */
export interface PageCursor {
  readonly direction: 'forward' | 'backward';
  readonly position: number;
}

/** One page of a list: items [start, end) and the cursors of its neighbours. */
export interface PageSlice {
  readonly start: number;
  readonly end: number;
  readonly next?: PageCursor;
  readonly previous?: PageCursor;
}

/** Encodes and checks pagination tokens under one key. */
export interface PaginationTokens {
  /** The token of `cursor` in the list `kind` of `userId`. */
  encode(kind: ListKind, userId: string, cursor: PageCursor): string;
  /** The cursor a token names, or undefined when it is malformed, forged or of another list. */
  decode(kind: ListKind, userId: string, token: string): PageCursor | undefined;
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const VERSION = 0x10;
const BACKWARD = 0x01;
const MAC_BYTES = 8;
const TOKEN_BYTES = 1 + 4 + MAC_BYTES;
const TOKEN_CHARS = Math.ceil((TOKEN_BYTES * 8) / 5);

/** Creates the token codec for one emulator; `key` should differ per seed or per process. */
export function createPaginationTokens(key: string | Buffer): PaginationTokens {
  const mac = (kind: ListKind, userId: string, cursor: PageCursor): Buffer =>
    createHmac('sha256', key)
      .update(`${kind}:${userId}:${cursor.direction}:${cursor.position}`)
      .digest()
      .subarray(0, MAC_BYTES);
  return {
    encode(kind, userId, cursor) {
      const bytes = Buffer.alloc(TOKEN_BYTES);
      bytes[0] = VERSION | (cursor.direction === 'backward' ? BACKWARD : 0);
      bytes.writeUInt32BE(cursor.position, 1);
      mac(kind, userId, cursor).copy(bytes, 5);
      return toBase32(bytes);
    },
    decode(kind, userId, token) {
      if (token.length !== TOKEN_CHARS) return undefined;
      const bytes = fromBase32(token, TOKEN_BYTES);
      if (!bytes || ((bytes[0] ?? 0) & ~BACKWARD) !== VERSION) return undefined;
      const cursor: PageCursor = {
        direction: ((bytes[0] ?? 0) & BACKWARD) !== 0 ? 'backward' : 'forward',
        position: bytes.readUInt32BE(1),
      };
      const expected = mac(kind, userId, cursor);
      return timingSafeEqual(expected, bytes.subarray(5)) ? cursor : undefined;
    },
  };
}

/** The page a cursor (or the list's start) selects with `size` items, in a list of `length` items. */
export function slicePage(length: number, cursor: PageCursor | undefined, size: number): PageSlice {
  let start: number;
  let end: number;
  if (cursor?.direction === 'backward') {
    end = Math.min(cursor.position, length);
    start = Math.max(0, end - size);
  } else {
    start = Math.min(cursor?.position ?? 0, length);
    end = Math.min(start + size, length);
  }
  return {
    start,
    end,
    ...(end < length ? { next: { direction: 'forward', position: end } } : {}),
    ...(start > 0 ? { previous: { direction: 'backward', position: start } } : {}),
  };
}

/** Crockford base32 of `bytes`, most significant bit first, zero-padded to whole characters. */
function toBase32(bytes: Buffer): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(acc >> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(acc << (5 - bits)) & 31];
  return out;
}

/** The `byteCount` bytes a base32 string holds, or undefined for a character outside the alphabet. */
function fromBase32(text: string, byteCount: number): Buffer | undefined {
  const out = Buffer.alloc(byteCount);
  let acc = 0;
  let bits = 0;
  let index = 0;
  for (const char of text) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) return undefined;
    acc = (acc << 5) | value;
    bits += 5;
    if (bits >= 8) {
      if (index < byteCount) out[index] = (acc >> (bits - 8)) & 0xff;
      index += 1;
      bits -= 8;
    }
    acc &= (1 << bits) - 1;
  }
  return index === byteCount && acc === 0 ? out : undefined;
}
