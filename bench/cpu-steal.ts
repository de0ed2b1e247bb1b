import { readFileSync } from 'node:fs';

/**
 * The CPU time the hypervisor gave to other machines while the bench ran ("steal", from `/proc/stat`). On a
 * shared host it makes every arm slower than the machine can go, and the load average does not show it (a
 * run this repository recorded lost 20–30% of the two cores to it: `bench/results/history.md` §24).
 */

/** The machine's CPU time counters (all CPUs together), in clock ticks. */
export interface CpuTimes {
  /** Time the hypervisor ran something else while this machine's CPUs wanted to run. */
  readonly steal: number;
  /** All of it: user, nice, system, idle, iowait, irq, softirq and steal. */
  readonly total: number;
}

/** The counters of `/proc/stat`'s text (its first line, `cpu  user nice system idle iowait irq softirq steal ...`). */
export function cpuTimesOf(statText: string): CpuTimes {
  const line = statText.split('\n', 1)[0] ?? '';
  const [name, ...fields] = line.trim().split(/\s+/);
  const values = fields.slice(0, 8).map(Number);
  if (name !== 'cpu' || values.length < 8 || !values.every(Number.isFinite)) {
    throw new Error('not a /proc/stat text');
  }
  return { steal: values[7] ?? 0, total: values.reduce((sum, value) => sum + value, 0) };
}

/** The counters now, or undefined where there is no `/proc/stat` (not Linux). */
export function readCpuTimes(): CpuTimes | undefined {
  try {
    return cpuTimesOf(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return undefined;
  }
}

/** The share of the CPUs' time stolen between two readings (0 to 1), or undefined without both. */
export function stealShare(start: CpuTimes | undefined, end: CpuTimes | undefined): number | undefined {
  if (!start || !end || end.total <= start.total) return undefined;
  return (end.steal - start.steal) / (end.total - start.total);
}
