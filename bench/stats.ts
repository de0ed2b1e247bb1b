/**
 * The numbers of the report: percentiles of latencies, throughput, CPU per request, ratios to the
 * floor. Pure functions, tested in `test/bench/stats.test.ts`.
 */

/**
 * The `p`-th percentile (0..100) of `values` by the nearest-rank method: the smallest value such that at
 * least `p` percent of the values are at or below it. NaN for no values.
 */
export function percentile(values: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile p must be within 0..100; got ${p}`);
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

/** Requests per second of `requests` answered in `elapsedMs`. */
export function perSecond(requests: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (requests * 1000) / elapsedMs : Number.NaN;
}

/** What one arm measured at one page size. */
export interface ArmRow {
  readonly arm: string;
  /** How the requests carried tokens: `distinct` (one per request) or `shared`. */
  readonly tokens: string;
  readonly size: number;
  /** Latency of a single request (concurrency 1), 50th percentile, in milliseconds. */
  readonly p50Ms: number;
  /** Latency of a single request (concurrency 1), 99th percentile, in milliseconds. */
  readonly p99Ms: number;
  /** Requests per second by concurrency. */
  readonly rps: ReadonlyMap<number, number>;
  /** The arm's CPU time per answered request over all its runs at this size, in milliseconds. */
  readonly cpuMsPerRequest: number;
  /** The arm's highest RSS sampled during its runs at this size, in bytes. */
  readonly peakRssBytes: number;
  /** Requests that failed during the runs. */
  readonly errors: number;
}

/** An arm's row relative to the floor's at the same size: latency, throughput and CPU ratios. */
export interface RowRatios {
  /** p50 latency over the floor's (lower is better; 1 is the floor). */
  readonly p50: number;
  /** CPU time per request over the floor's (lower is better; 1 is the floor). */
  readonly cpu: number;
  /** Throughput over the floor's, by concurrency (higher is better; 1 is the floor). */
  readonly rps: ReadonlyMap<number, number>;
}

/** The ratios of `row` to `floor`. */
export function ratiosToFloor(row: ArmRow, floor: ArmRow): RowRatios {
  const rps = new Map<number, number>();
  for (const [concurrency, value] of row.rps) {
    const base = floor.rps.get(concurrency);
    rps.set(concurrency, base ? value / base : Number.NaN);
  }
  return { p50: row.p50Ms / floor.p50Ms, cpu: row.cpuMsPerRequest / floor.cpuMsPerRequest, rps };
}

/** Accumulates an arm's CPU time, answered requests and peak RSS over the runs of one page size. */
export class UsageTally {
  private cpuMicros = 0;
  private requests = 0;
  private peak = 0;
  private failures = 0;

  /** Adds one run: the CPU time the arm spent in it, the requests it answered and failed, its RSS peak. */
  add(run: { cpuMicros: number; requests: number; errors: number; peakRssBytes: number }): void {
    this.cpuMicros += run.cpuMicros;
    this.requests += run.requests;
    this.failures += run.errors;
    this.peak = Math.max(this.peak, run.peakRssBytes);
  }

  /** CPU milliseconds per answered request; NaN before any request. */
  get cpuMsPerRequest(): number {
    return this.requests > 0 ? this.cpuMicros / 1000 / this.requests : Number.NaN;
  }

  get peakRssBytes(): number {
    return this.peak;
  }

  get errors(): number {
    return this.failures;
  }
}
