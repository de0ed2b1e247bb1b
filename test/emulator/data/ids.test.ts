import { describe, expect, it } from 'vitest';
import {
  isIdString,
  MAX_INDEX_COUNT,
  NINETEEN_DIGIT_FROM_MS,
  parseSnowflake,
  SNOWFLAKE_EPOCH_MS,
  snowflakeId,
  snowflakeTimeMs,
  wholeSecondIso,
} from '../../../src/emulator/data/ids.ts';

describe('ids', () => {
  it('decodes the creation time of real X ids', () => {
    // TwitterDev's "It’s finally here!" tweet, posted 2020-08-12 17:01:42 UTC.
    expect(new Date(snowflakeTimeMs('1293593516040269825')).toISOString()).toBe('2020-08-12T17:01:42.686Z');
  });

  it('round-trips time and low bits through a decimal string', () => {
    for (const [ms, low] of [
      [NINETEEN_DIGIT_FROM_MS, 0],
      [Date.UTC(2025, 0, 1, 12, 30, 15, 999), MAX_INDEX_COUNT - 1],
      [SNOWFLAKE_EPOCH_MS, 12345],
    ] as const) {
      const id = snowflakeId(ms, low);
      expect(typeof id).toBe('string');
      expect(parseSnowflake(id)).toEqual({ createdAtMs: ms, low });
    }
  });

  it('gives 19-digit ids above 2^53 from mid-2018 on', () => {
    const id = snowflakeId(NINETEEN_DIGIT_FROM_MS, 0);
    expect(id).toMatch(/^[0-9]{19}$/);
    expect(BigInt(id) > 2n ** 53n).toBe(true);
    expect(snowflakeId(NINETEEN_DIGIT_FROM_MS - 1, 0).length).toBe(18);
  });

  it('keeps precision a JavaScript number would lose', () => {
    const a = snowflakeId(Date.UTC(2024, 5, 1), 1);
    const b = snowflakeId(Date.UTC(2024, 5, 1), 2);
    expect(a).not.toBe(b);
    expect(Number(a)).toBe(Number(b));
  });

  it('rejects what is not an id', () => {
    for (const bad of ['', 'abc', '-5', '1.5', '12345678901234567890', '9223372036854775808', ' 1']) {
      expect(parseSnowflake(bad)).toBeUndefined();
    }
    expect(isIdString('2244994945')).toBe(true);
    expect(isIdString('2244994945 ')).toBe(false);
    expect(() => snowflakeId(SNOWFLAKE_EPOCH_MS - 1, 0)).toThrow(RangeError);
    expect(() => snowflakeId(Date.UTC(2024, 0, 1), MAX_INDEX_COUNT)).toThrow(/low part/);
    expect(() => snowflakeTimeMs('x')).toThrow(/not a snowflake/);
  });

  it('writes times as X does, whole seconds with .000Z', () => {
    expect(wholeSecondIso(Date.UTC(2013, 11, 14, 4, 35, 55, 731))).toBe('2013-12-14T04:35:55.000Z');
  });
});
