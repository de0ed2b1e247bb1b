import type { ChildHandle } from './children.ts';
import type { ArmName, BenchConfig } from './config.ts';
import { runLoad } from './load.ts';
import { type ArmRow, percentile, perSecond, UsageTally } from './stats.ts';
import { armRequest } from './workload.ts';

/**
 * The measuring loop. For each page size and concurrency every arm runs once, one after the other,
 * the order rotating from one run to the next (arms interleaved, so drift of the machine is shared
 * among them). Each run is a warm-up (unmeasured; it also primes the warm-cache arm) and then a timed
 * run, with the arm's CPU time and RSS peak read just before and after.
 */

/** A started arm. */
export interface LiveArm {
  readonly name: ArmName;
  readonly child: ChildHandle;
}

/** Measures every arm at every size and returns one row per arm and size, sizes ascending. */
export async function measureArms(
  config: BenchConfig,
  arms: readonly LiveArm[],
  log: (line: string) => void,
): Promise<ArmRow[]> {
  const rows: ArmRow[] = [];
  let turn = 0;
  for (const size of config.sizes) {
    const tallies = new Map(arms.map((arm) => [arm.name, new UsageTally()]));
    const rps = new Map(arms.map((arm) => [arm.name, new Map<number, number>()]));
    const latency = new Map<ArmName, { p50: number; p99: number }>();
    for (const concurrency of config.concurrencies) {
      for (const arm of rotate(arms, turn++)) {
        const request = armRequest(arm.name, size);
        const load = { url: arm.child.url, request, concurrency };
        await runLoad({ ...load, durationMs: config.warmupS * 1000 });
        const before = await arm.child.usage();
        const result = await runLoad({ ...load, durationMs: config.durationS * 1000 });
        const after = await arm.child.usage();
        const perSec = perSecond(result.requests, result.elapsedMs);
        tallies.get(arm.name)?.add({
          cpuMicros: after.cpuMicros - before.cpuMicros,
          requests: result.requests,
          errors: result.errors,
          peakRssBytes: after.peakRssBytes,
        });
        rps.get(arm.name)?.set(concurrency, perSec);
        if (concurrency === 1) {
          latency.set(arm.name, {
            p50: percentile(result.latenciesMs, 50),
            p99: percentile(result.latenciesMs, 99),
          });
        }
        const failed = result.errors ? `, ${result.errors} errors (first: ${result.firstError})` : '';
        log(
          `  ${arm.name.padEnd(12)} size ${String(size).padStart(4)} c${String(concurrency).padEnd(3)}` +
            ` ${perSec.toFixed(1).padStart(8)} req/s  p50 ${percentile(result.latenciesMs, 50).toFixed(2)} ms` +
            failed,
        );
      }
    }
    for (const arm of arms) {
      const tally = tallies.get(arm.name) as UsageTally;
      rows.push({
        arm: arm.name,
        size,
        p50Ms: latency.get(arm.name)?.p50 ?? Number.NaN,
        p99Ms: latency.get(arm.name)?.p99 ?? Number.NaN,
        rps: rps.get(arm.name) ?? new Map(),
        cpuMsPerRequest: tally.cpuMsPerRequest,
        peakRssBytes: tally.peakRssBytes,
        errors: tally.errors,
      });
    }
  }
  return rows;
}

/** `items` rotated left by `by` places. */
export function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
