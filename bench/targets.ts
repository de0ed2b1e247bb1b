import type { ArmRow } from './stats.ts';

/**
 * The targets of the speed issues on this 2-core machine, checked against a run's rows. Round two (issue
 * 19) measures against the replay upstream with a distinct token per request (its rows: `distinct`), cache
 * off, 1000 followers with eight user fields and pinned tweets: the gateway's CPU per request at most 1.3×
 * the floor's (at most 1.5× at 10 and 100 followers), its p50 at most 1.2× the floor's, its throughput at
 * 16 clients at least 0.8× the floor's, its peak RSS (GraphiQL opened, up to 64 clients) at most 120 MB;
 * still ahead of the Mesh peer on every row and below Tailcall's CPU per request (about 2.2× the floor's);
 * a warm-cache 100-follower query under 2 ms p50 (round one, shared tokens). The CPU targets also give the
 * stack floor's ratio (`yoga-floor`: graphql-yoga answering the same query with nothing else) when it ran.
 */

/** One target and how the run fared. */
export interface TargetResult {
  readonly target: string;
  /** `undefined` when the run did not measure what the target needs. */
  readonly met: boolean | undefined;
  readonly measured: string;
}

/** Resident memory limit of the gateway under load, GraphiQL opened, in bytes. */
const RSS_LIMIT_BYTES = 120 * 1024 * 1024;

/** Tailcall 1.6.14's CPU per request over the floor's on the same workload (issue 19's measurement). */
const TAILCALL_CPU_RATIO = 2.2;

/** Checks every target against `rows`. */
export function checkTargets(rows: readonly ArmRow[]): TargetResult[] {
  const row = (arm: string, size: number, tokens = 'distinct'): ArmRow | undefined =>
    rows.find((r) => r.arm === arm && r.size === size && r.tokens === tokens);
  const results: TargetResult[] = [];
  const floor1000 = row('floor', 1000);
  const gateway1000 = row('gateway', 1000);
  results.push(cpuTarget(floor1000, gateway1000, 1000, 1.3, row('yoga-floor', 1000)));
  results.push(
    ratioTarget(
      'gateway p50 at 1000 followers ≤ 1.2× the floor (distinct tokens)',
      floor1000 && gateway1000 && [gateway1000.p50Ms, floor1000.p50Ms, 'ms'],
      (ratio) => ratio <= 1.2,
    ),
  );
  const gatewayRps = gateway1000?.rps.get(16);
  const floorRps = floor1000?.rps.get(16);
  results.push(
    ratioTarget(
      'gateway req/s at 1000 followers, 16 clients ≥ 0.8× the floor (distinct tokens)',
      gatewayRps !== undefined && floorRps !== undefined && [gatewayRps, floorRps, 'req/s'],
      (ratio) => ratio >= 0.8,
    ),
  );
  for (const size of [10, 100]) {
    results.push(cpuTarget(row('floor', size), row('gateway', size), size, 1.5, row('yoga-floor', size)));
  }
  const gatewayRows = rows.filter((r) => r.arm === 'gateway');
  const cpuRatios = gatewayRows.flatMap((gateway) => {
    const floor = row('floor', gateway.size, gateway.tokens);
    return floor ? [gateway.cpuMsPerRequest / floor.cpuMsPerRequest] : [];
  });
  const worst = Math.max(...cpuRatios);
  results.push(
    cpuRatios.length > 0
      ? {
          target: `gateway CPU per request below Tailcall's (${TAILCALL_CPU_RATIO}× the floor) on every row`,
          met: worst < TAILCALL_CPU_RATIO,
          measured: `at most ${worst.toFixed(2)}×`,
        }
      : missing(`gateway CPU per request below Tailcall's (${TAILCALL_CPU_RATIO}× the floor) on every row`),
  );
  results.push(aheadOfPeer(rows));
  const warm100 = row('gateway-warm', 100, 'shared');
  results.push(
    warm100
      ? {
          target: 'warm-cache 100-follower query p50 < 2 ms (shared tokens)',
          met: warm100.p50Ms < 2,
          measured: `${warm100.p50Ms.toFixed(2)} ms`,
        }
      : missing('warm-cache 100-follower query p50 < 2 ms (shared tokens)'),
  );
  const memoryRows = rows.filter((r) => r.arm === 'gateway' || r.arm === 'gateway-warm');
  const peak = Math.max(...memoryRows.map((r) => r.peakRssBytes));
  results.push(
    memoryRows.length > 0
      ? {
          target: 'gateway peak RSS under load (up to 64 clients, GraphiQL opened) ≤ 120 MB',
          met: peak <= RSS_LIMIT_BYTES,
          measured: `peak ${(peak / 1024 / 1024).toFixed(0)} MB`,
        }
      : missing('gateway peak RSS under load (up to 64 clients, GraphiQL opened) ≤ 120 MB'),
  );
  return results;
}

/**
 * The gateway's CPU per request at `size` followers (distinct tokens) at most `limit` times the floor's;
 * with the stack floor's ratio added to what was measured when the run has that arm (how far graphql-yoga
 * alone answering the same query is from the floor, for comparison).
 */
function cpuTarget(
  floor: ArmRow | undefined,
  gateway: ArmRow | undefined,
  size: number,
  limit: number,
  stackFloor: ArmRow | undefined,
): TargetResult {
  const result = ratioTarget(
    `gateway CPU per request at ${size} followers ≤ ${limit}× the floor (distinct tokens)`,
    floor && gateway && [gateway.cpuMsPerRequest, floor.cpuMsPerRequest, 'ms'],
    (ratio) => ratio <= limit,
  );
  if (result.met === undefined || !floor || !stackFloor) return result;
  const ratio = stackFloor.cpuMsPerRequest / floor.cpuMsPerRequest;
  return { ...result, measured: `${result.measured}; the stack floor ${ratio.toFixed(2)}×` };
}

/** A target on the ratio of the gateway's value to the floor's; not measured when `values` is falsy. */
function ratioTarget(
  target: string,
  values: readonly [gateway: number, floor: number, unit: string] | false | undefined,
  met: (ratio: number) => boolean,
): TargetResult {
  if (!values) return missing(target);
  const [gateway, floor, unit] = values;
  const ratio = gateway / floor;
  const digits = unit === 'req/s' ? 0 : 2;
  return {
    target,
    met: met(ratio),
    measured: `${gateway.toFixed(digits)} vs ${floor.toFixed(digits)} ${unit} (${ratio.toFixed(2)}×)`,
  };
}

/** The gateway (cache off) against the peer: lower p50 and higher throughput at every size, concurrency and token mode. */
function aheadOfPeer(rows: readonly ArmRow[]): TargetResult {
  const target = 'gateway (cache off) ahead of the Mesh peer on every row (p50 and every req/s)';
  const pairs = rows
    .filter((r) => r.arm === 'gateway')
    .map((gateway) => ({
      gateway,
      peer: rows.find((r) => r.arm === 'mesh' && r.size === gateway.size && r.tokens === gateway.tokens),
    }));
  if (pairs.length === 0 || pairs.some((pair) => !pair.peer)) return missing(target);
  const behind: string[] = [];
  for (const { gateway, peer } of pairs) {
    if (!peer) continue;
    const where = `${gateway.size} (${gateway.tokens})`;
    if (!(gateway.p50Ms < peer.p50Ms)) behind.push(`p50 at ${where}`);
    for (const [concurrency, value] of gateway.rps) {
      const peerValue = peer.rps.get(concurrency);
      if (peerValue !== undefined && !(value > peerValue)) behind.push(`c${concurrency} at ${where}`);
    }
  }
  return {
    target,
    met: behind.length === 0,
    measured: behind.length === 0 ? 'ahead on every row' : `behind on ${behind.join(', ')}`,
  };
}

/** A target the run did not measure. */
function missing(target: string): TargetResult {
  return { target, met: undefined, measured: 'not measured in this run' };
}

/** The targets as a markdown list. */
export function targetsMarkdown(results: readonly TargetResult[]): string {
  const mark = (met: boolean | undefined): string => (met === undefined ? '–' : met ? '✓ met' : '✗ not met');
  return results.map((r) => `- ${mark(r.met)}: ${r.target}: ${r.measured}`).join('\n');
}
