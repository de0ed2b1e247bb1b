import type { ChildHandle } from './children.ts';
import type { ArmName, BenchConfig, TokenMode } from './config.ts';
import { runLoad } from './load.ts';
import { type ArmRow, percentile, perSecond, UsageTally } from './stats.ts';
import { armRequest } from './workload.ts';

/**
 * The measuring loop. For each page size and concurrency, every arm is first warmed up (unmeasured; it
 * also primes the warm-cache arm), then the measured time is cut into `slices` equal slices and the arms
 * take turns slice by slice, the order rotating from one slice to the next. Whatever the machine does
 * meanwhile (a neighbour's burst, the scheduler placing the processes on the cores differently) is thus
 * shared among the arms instead of landing on one arm's whole run; a row pools the latencies, requests
 * and CPU time of its arm's slices. The arm's CPU time and RSS peak are read around each slice.
 */

/** A started arm. */
export interface LiveArm {
  readonly name: ArmName;
  readonly child: ChildHandle;
}

/** What the slices of one arm at one size and concurrency add up to. */
interface Pooled {
  requests: number;
  errors: number;
  firstError: string | undefined;
  elapsedMs: number;
  latencies: Float64Array[];
}

/**
 * Measures every arm at every size in each token mode (`BENCH_TOKENS`) and returns one row per mode, arm
 * and size, modes in config order and sizes ascending. The warm-cache arm runs with shared tokens only:
 * its cache is per principal, so a fresh token per request would never find it warm.
 */
export async function measureArms(
  config: BenchConfig,
  arms: readonly LiveArm[],
  log: (line: string) => void,
): Promise<ArmRow[]> {
  const rows: ArmRow[] = [];
  for (const tokens of config.tokens) {
    const inMode = tokens === 'distinct' ? arms.filter((arm) => arm.name !== 'gateway-warm') : arms;
    log(`${tokens} tokens:`);
    rows.push(...(await measureMode(config, inMode, tokens, log)));
  }
  return rows;
}

/** One token mode's rows. */
async function measureMode(
  config: BenchConfig,
  arms: readonly LiveArm[],
  tokens: TokenMode,
  log: (line: string) => void,
): Promise<ArmRow[]> {
  const rows: ArmRow[] = [];
  let turn = 0;
  const sliceMs = (config.durationS * 1000) / config.slices;
  for (const size of config.sizes) {
    const tallies = new Map(arms.map((arm) => [arm.name, new UsageTally()]));
    const rps = new Map(arms.map((arm) => [arm.name, new Map<number, number>()]));
    const latency = new Map<ArmName, { p50: number; p99: number }>();
    for (const concurrency of config.concurrencies) {
      const load = (arm: LiveArm) => ({
        url: arm.child.url,
        request: armRequest(arm.name, size),
        concurrency,
        distinctTokens: tokens === 'distinct',
      });
      for (const arm of rotate(arms, turn)) {
        await runLoad({ ...load(arm), durationMs: config.warmupS * 1000 });
      }
      // The same usage per concurrency, for the progress log: the gap to the floor grows with it (§26).
      const atConcurrency = new Map(arms.map((arm) => [arm.name, new UsageTally()]));
      const pooled = new Map<ArmName, Pooled>(
        arms.map((arm) => [
          arm.name,
          { requests: 0, errors: 0, firstError: undefined, elapsedMs: 0, latencies: [] },
        ]),
      );
      for (let slice = 0; slice < config.slices; slice++) {
        for (const arm of rotate(arms, turn++)) {
          const before = await arm.child.usage();
          const result = await runLoad({ ...load(arm), durationMs: sliceMs });
          const after = await arm.child.usage();
          const run = {
            cpuMicros: after.cpuMicros - before.cpuMicros,
            requests: result.requests,
            errors: result.errors,
            peakRssBytes: after.peakRssBytes,
          };
          tallies.get(arm.name)?.add(run);
          atConcurrency.get(arm.name)?.add(run);
          const sum = pooled.get(arm.name) as Pooled;
          sum.requests += result.requests;
          sum.errors += result.errors;
          sum.firstError ??= result.firstError;
          sum.elapsedMs += result.elapsedMs;
          sum.latencies.push(result.latenciesMs);
        }
      }
      for (const arm of arms) {
        const sum = pooled.get(arm.name) as Pooled;
        const latencies = concat(sum.latencies);
        const perSec = perSecond(sum.requests, sum.elapsedMs);
        rps.get(arm.name)?.set(concurrency, perSec);
        const p50 = percentile(latencies, 50);
        if (concurrency === 1) latency.set(arm.name, { p50, p99: percentile(latencies, 99) });
        const failed = sum.errors ? `, ${sum.errors} errors (first: ${sum.firstError})` : '';
        const cpuMs = atConcurrency.get(arm.name)?.cpuMsPerRequest ?? Number.NaN;
        log(
          `  ${arm.name.padEnd(12)} size ${String(size).padStart(4)} c${String(concurrency).padEnd(3)}` +
            ` ${perSec.toFixed(1).padStart(8)} req/s  p50 ${p50.toFixed(2)} ms  CPU ${cpuMs.toFixed(2)} ms/req${failed}`,
        );
      }
    }
    for (const arm of arms) {
      const tally = tallies.get(arm.name) as UsageTally;
      rows.push({
        arm: arm.name,
        tokens,
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

/** Load per arm and page size before the first measured run, in milliseconds. */
const PRIME_MS_PER_SIZE = 3000;

/**
 * Warms every arm up before anything is measured: a few seconds of load at each page size (16 clients,
 * in the first token mode). A freshly started Node process spends its first thousands of requests
 * compiling its hot code on background threads, which counts as its CPU time: the first token mode's
 * rows would otherwise pay it alone.
 */
export async function primeArms(config: BenchConfig, arms: readonly LiveArm[]): Promise<void> {
  for (const size of config.sizes) {
    for (const arm of arms) {
      await runLoad({
        url: arm.child.url,
        request: armRequest(arm.name, size),
        concurrency: 16,
        durationMs: PRIME_MS_PER_SIZE,
        distinctTokens: config.tokens[0] === 'distinct' && arm.name !== 'gateway-warm',
      });
    }
  }
}

/** The arrays one after the other, in one array. */
export function concat(parts: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((length, part) => length + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** `items` rotated left by `by` places. */
export function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
