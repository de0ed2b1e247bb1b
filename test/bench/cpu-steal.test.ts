import { describe, expect, it } from 'vitest';
import { cpuTimesOf, readCpuTimes, stealShare } from '../../bench/cpu-steal.ts';

/** `/proc/stat`'s first lines with these counters (user nice system idle iowait irq softirq steal guest guest_nice). */
function statText(counters: readonly number[]): string {
  return `cpu  ${counters.join(' ')}\ncpu0 1 2 3 4 5 6 7 8 9 10\nintr 12345\n`;
}

describe('cpuTimesOf', () => {
  it('reads the steal counter and the total of the first eight counters of the cpu line', () => {
    expect(cpuTimesOf(statText([3405592, 1422, 540261, 7670499, 9578, 0, 44027, 40749, 0, 0]))).toEqual({
      steal: 40749,
      total: 3405592 + 1422 + 540261 + 7670499 + 9578 + 0 + 44027 + 40749,
    });
  });

  it('refuses a text that is not /proc/stat', () => {
    expect(() => cpuTimesOf('cpu0 1 2 3')).toThrow('not a /proc/stat text');
    expect(() => cpuTimesOf('cpu  1 2 three 4 5 6 7 8')).toThrow('not a /proc/stat text');
    expect(() => cpuTimesOf('')).toThrow('not a /proc/stat text');
  });
});

describe('stealShare', () => {
  it('is the stolen share of the time between two readings', () => {
    const start = { steal: 40_749, total: 11_000_000 };
    const end = { steal: 41_075, total: 11_001_000 };
    expect(stealShare(start, end)).toBeCloseTo(0.326, 3);
  });

  it('is undefined without both readings or without time between them', () => {
    const reading = { steal: 10, total: 100 };
    expect(stealShare(undefined, reading)).toBeUndefined();
    expect(stealShare(reading, undefined)).toBeUndefined();
    expect(stealShare(reading, reading)).toBeUndefined();
  });

  it('reads this machine, when it has a /proc/stat', () => {
    const times = readCpuTimes();
    if (times === undefined) return;
    expect(times.total).toBeGreaterThan(0);
    expect(times.steal).toBeGreaterThanOrEqual(0);
  });
});
