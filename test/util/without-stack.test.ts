import { describe, expect, it } from 'vitest';
import { withoutStack } from '../../src/util/without-stack.ts';

/** The `at …` frames of an error's stack. */
const framesOf = (error: Error): string[] =>
  (error.stack ?? '').split('\n').filter((line) => line.trim().startsWith('at '));

describe('withoutStack', () => {
  it('builds an error without stack frames and restores stack capture afterwards', () => {
    const limit = Error.stackTraceLimit;
    expect(framesOf(withoutStack(() => new Error('quiet')))).toEqual([]);
    expect(Error.stackTraceLimit).toBe(limit);
    expect(framesOf(new Error('loud')).length).toBeGreaterThan(0);
  });

  it('restores stack capture when the build throws', () => {
    const limit = Error.stackTraceLimit;
    expect(() =>
      withoutStack(() => {
        throw new RangeError('boom');
      }),
    ).toThrow(RangeError);
    expect(Error.stackTraceLimit).toBe(limit);
  });
});
