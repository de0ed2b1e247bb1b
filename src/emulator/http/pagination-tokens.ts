/**
 * Stateless pagination tokens for the followers/following lists.
 *
 * A token names a position in one list and a direction (n is the `max_results` of the call that sends it):
 * - `forward` p: the page that starts at p, items [p, p+n);
 * - `backward` q: the page that ends just before q, items [max(0, q-n), q);
 * - `sized-backward` q, m: the page of m items ending just before q, read as a start: items [q-m, q-m+n)
 *   within the list. With n = m that is exactly [max(0, q-m), q); with another n it is not.
 * A page [s, e) hands out `next_token` = forward e (absent when e is the list's end) and `previous_token`
 * (absent when s is 0) = backward s in the `'boundary'` reading, or sized-backward (s, m) in the
 * `'same-size'` reading, m being the page size of the call. In both readings walking back with the same
 * `max_results` returns exactly the previous page; in the boundary reading any `max_results` works, in the
 * same-size reading another one gives overlapping or gapped pages (what X's docs leave possible).
 *
 * Tokens carry no state on the server: 1 byte of version+direction, 4 bytes of position (plus 2 bytes of
 * size for sized-backward), and 8 bytes of HMAC-SHA256 over (list kind, user id, direction, position, size)
 * under the emulator's key. A token of another list, another emulator key or with a flipped bit fails the
 * MAC and answers 400. The bytes are written in Crockford base32 (uppercase letters and digits, 21
 * characters, 24 for sized-backward), like X's `DFEDBNRFT3MHCZZZ` and `18LAA581J5II7LA00C00ZZZZ`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Which list of a user a token belongs to. */
export type ListKind = 'followers' | 'following';

/** A decoded token: where the page starts (forward) or ends (backward, sized-backward with its size). */
export type PageCursor =
  | { readonly direction: 'forward' | 'backward'; readonly position: number }
  | { readonly direction: 'sized-backward'; readonly position: number; readonly size: number };

/**
 * What a `previous_token` means: `'boundary'`, the page ending where the current one starts, for any
 * `max_results`; `'same-size'`, the previous page of the size of the call that returned the token.
 */
export type PreviousTokenReading = 'boundary' | 'same-size';

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
const SIZED = 0x02;
const MAC_BYTES = 8;
const TOKEN_BYTES = 1 + 4 + MAC_BYTES;
const SIZED_TOKEN_BYTES = TOKEN_BYTES + 2;
const charsOf = (bytes: number): number => Math.ceil((bytes * 8) / 5);

/** Creates the token codec for one emulator; `key` should differ per seed or per process. */
export function createPaginationTokens(key: string | Buffer): PaginationTokens {
  const mac = (kind: ListKind, userId: string, cursor: PageCursor): Buffer => {
    const size = cursor.direction === 'sized-backward' ? `:${cursor.size}` : '';
    return createHmac('sha256', key)
      .update(`${kind}:${userId}:${cursor.direction}:${cursor.position}${size}`)
      .digest()
      .subarray(0, MAC_BYTES);
  };
  return {
    encode(kind, userId, cursor) {
      const sized = cursor.direction === 'sized-backward';
      const bytes = Buffer.alloc(sized ? SIZED_TOKEN_BYTES : TOKEN_BYTES);
      bytes[0] = VERSION | (cursor.direction === 'forward' ? 0 : BACKWARD) | (sized ? SIZED : 0);
      bytes.writeUInt32BE(cursor.position, 1);
      if (sized) bytes.writeUInt16BE(cursor.size, 5);
      mac(kind, userId, cursor).copy(bytes, bytes.length - MAC_BYTES);
      return toBase32(bytes);
    },
    decode(kind, userId, token) {
      const sized = token.length === charsOf(SIZED_TOKEN_BYTES);
      if (!sized && token.length !== charsOf(TOKEN_BYTES)) return undefined;
      const bytes = fromBase32(token, sized ? SIZED_TOKEN_BYTES : TOKEN_BYTES);
      const head = bytes?.[0] ?? 0;
      if (!bytes || (head & ~(BACKWARD | SIZED)) !== VERSION) return undefined;
      if (((head & SIZED) !== 0) !== sized || (sized && (head & BACKWARD) === 0)) return undefined;
      const position = bytes.readUInt32BE(1);
      const cursor: PageCursor = sized
        ? { direction: 'sized-backward', position, size: bytes.readUInt16BE(5) }
        : { direction: (head & BACKWARD) !== 0 ? 'backward' : 'forward', position };
      const expected = mac(kind, userId, cursor);
      return timingSafeEqual(expected, bytes.subarray(bytes.length - MAC_BYTES)) ? cursor : undefined;
    },
  };
}

/**
 * The page a cursor (or the list's start) selects with `size` items, in a list of `length` items, and the
 * cursors of its neighbours in the given reading of `previous_token`.
 */
export function slicePage(
  length: number,
  cursor: PageCursor | undefined,
  size: number,
  reading: PreviousTokenReading = 'boundary',
): PageSlice {
  let start: number;
  let end: number;
  if (cursor?.direction === 'backward') {
    end = Math.min(cursor.position, length);
    start = Math.max(0, end - size);
  } else if (cursor?.direction === 'sized-backward') {
    const from = cursor.position - cursor.size;
    start = clamp(from, length);
    end = clamp(from + size, length);
  } else {
    start = Math.min(cursor?.position ?? 0, length);
    end = Math.min(start + size, length);
  }
  const previous: PageCursor =
    reading === 'same-size'
      ? { direction: 'sized-backward', position: start, size }
      : { direction: 'backward', position: start };
  return {
    start,
    end,
    ...(end < length ? { next: { direction: 'forward', position: end } } : {}),
    ...(start > 0 ? { previous } : {}),
  };
}

/** `value` within [0, length]. */
function clamp(value: number, length: number): number {
  return Math.max(0, Math.min(value, length));
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
