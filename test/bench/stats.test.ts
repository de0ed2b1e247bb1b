import { describe, expect, it } from 'vitest';
import { type ArmRow, percentile, perSecond, ratiosToFloor, UsageTally } from '../../bench/stats.ts';

/** A row with the given latency and throughput, the rest irrelevant. */
function row(arm: string, p50Ms: number, rps: [number, number][]): ArmRow {
  return {
    arm,
    tokens: 'distinct',
    size: 100,
    p50Ms,
    p99Ms: p50Ms * 2,
    rps: new Map(rps),
    cpuMsPerRequest: 1,
    peakRssBytes: 1,
    errors: 0,
  };
}

describe('percentile', () => {
  it('takes the nearest rank: the smallest value with at least p percent at or below it', () => {
    const values = [5, 1, 4, 2, 3, 6, 8, 7, 10, 9];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 90)).toBe(9);
    expect(percentile(values, 99)).toBe(10);
    expect(percentile(values, 100)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
  });

  it('sorts numerically, not as text', () => {
    expect(percentile(Float64Array.from([100, 9, 20]), 50)).toBe(20);
  });

  it('leaves its input unsorted', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it('is NaN for no values and rejects p outside 0..100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(/0\.\.100/);
  });
});

describe('perSecond', () => {
  it('turns a count over milliseconds into a rate per second', () => {
    expect(perSecond(500, 2000)).toBe(250);
    expect(perSecond(1, 0)).toBeNaN();
  });
});

describe('ratiosToFloor', () => {
  it('divides latency and each concurrency’s throughput by the floor’s', () => {
    const floor = row('floor', 2, [
      [1, 400],
      [16, 1000],
    ]);
    const ratios = ratiosToFloor(
      row('gateway', 3, [
        [1, 200],
        [16, 750],
      ]),
      floor,
    );
    expect(ratios.p50).toBe(1.5);
    expect(ratios.rps.get(1)).toBe(0.5);
    expect(ratios.rps.get(16)).toBe(0.75);
  });

  it('is NaN for a concurrency the floor did not run', () => {
    const ratios = ratiosToFloor(row('mesh', 1, [[64, 10]]), row('floor', 1, [[1, 10]]));
    expect(ratios.rps.get(64)).toBeNaN();
  });
});

describe('UsageTally', () => {
  it('sums CPU time and requests over runs and keeps the highest RSS', () => {
    const tally = new UsageTally();
    expect(tally.cpuMsPerRequest).toBeNaN();
    tally.add({ cpuMicros: 30_000, requests: 10, errors: 0, peakRssBytes: 50 });
    tally.add({ cpuMicros: 10_000, requests: 30, errors: 2, peakRssBytes: 40 });
    expect(tally.cpuMsPerRequest).toBe(1);
    expect(tally.peakRssBytes).toBe(50);
    expect(tally.errors).toBe(2);
  });
});
