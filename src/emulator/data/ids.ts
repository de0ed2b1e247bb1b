/**
 * X-style snowflake ids for the emulated world. An id is `(ms - epoch) << 22 | low`, where `ms` is the
 * creation time and `low` (22 bits) carries a permuted dense index, so ids are unique, sort by creation time,
 * reveal their creation time like X's do, and map back to their index in O(1) without a lookup table.
 * Ids are always decimal strings (BigInt arithmetic): never JavaScript numbers.
 */

/** X's snowflake epoch (2010-11-04T01:42:54.657Z) in Unix milliseconds. */
export const SNOWFLAKE_EPOCH_MS = 1288834974657;

/** How many low bits of an id carry the (permuted) index; it bounds the number of users. */
export const INDEX_BITS = 22;

/** The largest world the id scheme supports (2^22 users). */
export const MAX_INDEX_COUNT = 2 ** INDEX_BITS;

/** The earliest creation time whose snowflake has 19 digits (2018-06-14, first ms with an id >= 10^18). */
export const NINETEEN_DIGIT_FROM_MS = SNOWFLAKE_EPOCH_MS + Math.ceil(1e18 / MAX_INDEX_COUNT);

const INDEX_MASK = BigInt(MAX_INDEX_COUNT - 1);
const MAX_ID = (1n << 63n) - 1n;
const ID_PATTERN = /^[0-9]{1,19}$/;

/** Is `value` shaped like an X id (1 to 19 decimal digits)? */
export function isIdString(value: string): boolean {
  return ID_PATTERN.test(value);
}

/** The snowflake id for a creation time (Unix ms) and a 22-bit low part. */
export function snowflakeId(createdAtMs: number, low: number): string {
  if (!Number.isSafeInteger(createdAtMs) || createdAtMs < SNOWFLAKE_EPOCH_MS) {
    throw new RangeError(`snowflake time ${createdAtMs} is before the snowflake epoch`);
  }
  if (!Number.isInteger(low) || low < 0 || low >= MAX_INDEX_COUNT) {
    throw new RangeError(`snowflake low part ${low} is not within 0..${MAX_INDEX_COUNT - 1}`);
  }
  return ((BigInt(createdAtMs - SNOWFLAKE_EPOCH_MS) << BigInt(INDEX_BITS)) | BigInt(low)).toString();
}

/** A decoded snowflake: its creation time (Unix ms) and its low 22 bits. */
export interface Snowflake {
  readonly createdAtMs: number;
  readonly low: number;
}

/** Decodes an id string; undefined when it is not a valid 64-bit decimal id. */
export function parseSnowflake(id: string): Snowflake | undefined {
  if (!isIdString(id)) return undefined;
  const value = BigInt(id);
  if (value > MAX_ID) return undefined;
  return {
    createdAtMs: Number(value >> BigInt(INDEX_BITS)) + SNOWFLAKE_EPOCH_MS,
    low: Number(value & INDEX_MASK),
  };
}

/** The creation time (Unix ms) a snowflake id encodes, e.g. for the documentation page's real tweets. */
export function snowflakeTimeMs(id: string): number {
  const parsed = parseSnowflake(id);
  if (!parsed) throw new RangeError(`"${id}" is not a snowflake id`);
  return parsed.createdAtMs;
}

/** A time as X writes it: ISO 8601 with milliseconds, `2013-12-14T04:35:55.000Z`. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * A time truncated to whole seconds, as X's `created_at` shows it (`.000Z`). Snowflakes built from it keep
 * their millisecond part in the id only, which is what X does too.
 */
export function wholeSecondIso(ms: number): string {
  return isoTime(Math.floor(ms / 1000) * 1000);
}
