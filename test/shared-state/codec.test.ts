import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SharedCachedAnswer } from '../../src/rest/shared-store.ts';
import {
  COMPRESS_ABOVE_BYTES,
  decodeAnswers,
  decodeRateLimit,
  encodeAnswers,
  encodeRateLimit,
} from '../../src/shared-state/codec.ts';

const answerArbitrary = fc.record({
  fields: fc.dictionary(fc.constantFrom('user.fields', 'tweet.fields', 'expansions'), fc.array(fc.string())),
  body: fc.record({
    data: fc.array(
      fc.record({ id: fc.stringMatching(/^[0-9]{1,19}$/), name: fc.string(), username: fc.string() }),
    ),
  }),
  fetchedAt: fc.nat(),
  bytes: fc.nat(),
}) as fc.Arbitrary<SharedCachedAnswer>;

describe('encodeAnswers', () => {
  it('round-trips any group, plain or deflated', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(answerArbitrary, { maxLength: 5 }), async (answers) => {
        expect(await decodeAnswers(await encodeAnswers(answers))).toEqual(answers);
      }),
    );
  });

  it('deflates only above the threshold', async () => {
    const small = await encodeAnswers([]);
    expect(small.toString('utf8')).toBe('j[]');
    const big: SharedCachedAnswer = {
      fields: {},
      body: { data: [{ id: '1', text: 'a'.repeat(COMPRESS_ABOVE_BYTES * 4) }] },
      fetchedAt: 1,
      bytes: 1,
    };
    const encoded = await encodeAnswers([big]);
    expect(encoded[0]).toBe('z'.charCodeAt(0));
    expect(encoded.length).toBeLessThan(COMPRESS_ABOVE_BYTES);
  });
});

describe('decodeAnswers', () => {
  it('reads anything it did not write as nothing', async () => {
    for (const value of [
      '',
      'hello',
      'j{"a":1}',
      'j[{"fields":{}}]',
      'j[1]',
      'zgarbage',
      'j[{"fields":{"a":[1]},"body":{},"fetchedAt":1,"bytes":1}]',
    ]) {
      expect(await decodeAnswers(Buffer.from(value))).toBeUndefined();
    }
  });
});

describe('encodeRateLimit', () => {
  it('round-trips a state and rejects malformed values', () => {
    const state = {
      endpoint: 'GET /2/users' as const,
      limit: 900,
      remaining: 12,
      resetAt: new Date(1_800_000_000_000),
    };
    expect(decodeRateLimit('GET /2/users', encodeRateLimit(state))).toEqual(state);
    for (const bad of ['', '1|2', '1|2|x', '-1|2|3', '1|2|3|4']) {
      expect(decodeRateLimit('GET /2/users', bad)).toBeUndefined();
    }
  });
});
