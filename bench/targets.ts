import type { ArmRow } from './stats.ts';

/**
 * The targets of issue 6 on this 2-core machine, checked against a run's rows: at 1000 followers the
 * gateway's p50 at most 2x the floor's and its throughput at concurrency 16 at least half the floor's;
 * the gateway ahead of the Mesh peer on every row; a warm-cache 100-follower query under 2 ms p50;
 * resident memory under 150 MB under load.
 */

/** One target and how the run fared. */
export interface TargetResult {
  readonly target: string;
  /** `undefined` when the run did not measure what the target needs. */
  readonly met: boolean | undefined;
  readonly measured: string;
}

/** Resident memory limit of the gateway under load, in bytes. */
const RSS_LIMIT_BYTES = 150 * 1024 * 1024;

/** Checks every target against `rows`. */
export function checkTargets(rows: readonly ArmRow[]): TargetResult[] {
  const row = (arm: string, size: number): ArmRow | undefined =>
    rows.find((r) => r.arm === arm && r.size === size);
  const results: TargetResult[] = [];
  const floor1000 = row('floor', 1000);
  const gateway1000 = row('gateway', 1000);
  if (floor1000 && gateway1000) {
    const ratio = gateway1000.p50Ms / floor1000.p50Ms;
    results.push({
      target: 'gateway p50 at 1000 followers ≤ 2× the floor',
      met: ratio <= 2,
      measured: `${gateway1000.p50Ms.toFixed(2)} ms vs ${floor1000.p50Ms.toFixed(2)} ms (${ratio.toFixed(2)}×)`,
    });
    const gatewayRps = gateway1000.rps.get(16);
    const floorRps = floor1000.rps.get(16);
    results.push(
      gatewayRps !== undefined && floorRps !== undefined
        ? {
            target: 'gateway req/s at 1000 followers, concurrency 16 ≥ ½ the floor',
            met: gatewayRps / floorRps >= 0.5,
            measured: `${gatewayRps.toFixed(0)} vs ${floorRps.toFixed(0)} req/s (${(gatewayRps / floorRps).toFixed(2)}×)`,
          }
        : missing('gateway req/s at 1000 followers, concurrency 16 ≥ ½ the floor'),
    );
  } else {
    results.push(missing('gateway p50 at 1000 followers ≤ 2× the floor'));
    results.push(missing('gateway req/s at 1000 followers, concurrency 16 ≥ ½ the floor'));
  }
  results.push(aheadOfPeer(rows));
  const warm100 = row('gateway-warm', 100);
  results.push(
    warm100
      ? {
          target: 'warm-cache 100-follower query p50 < 2 ms',
          met: warm100.p50Ms < 2,
          measured: `${warm100.p50Ms.toFixed(2)} ms`,
        }
      : missing('warm-cache 100-follower query p50 < 2 ms'),
  );
  const gatewayRows = rows.filter((r) => r.arm === 'gateway' || r.arm === 'gateway-warm');
  const peak = Math.max(...gatewayRows.map((r) => r.peakRssBytes));
  results.push(
    gatewayRows.length > 0
      ? {
          target: 'gateway resident memory under load < 150 MB',
          met: peak < RSS_LIMIT_BYTES,
          measured: `peak ${(peak / 1024 / 1024).toFixed(0)} MB`,
        }
      : missing('gateway resident memory under load < 150 MB'),
  );
  return results;
}

/** The gateway (cache off) against the peer: lower p50 and higher throughput at every size and concurrency. */
function aheadOfPeer(rows: readonly ArmRow[]): TargetResult {
  const target = 'gateway (cache off) ahead of the Mesh peer on every row (p50 and every req/s)';
  const pairs = rows
    .filter((r) => r.arm === 'gateway')
    .map((gateway) => ({ gateway, peer: rows.find((r) => r.arm === 'mesh' && r.size === gateway.size) }));
  if (pairs.length === 0 || pairs.some((pair) => !pair.peer)) return missing(target);
  const behind: string[] = [];
  for (const { gateway, peer } of pairs) {
    if (!peer) continue;
    if (!(gateway.p50Ms < peer.p50Ms)) behind.push(`p50 at ${gateway.size}`);
    for (const [concurrency, value] of gateway.rps) {
      const peerValue = peer.rps.get(concurrency);
      if (peerValue !== undefined && !(value > peerValue)) behind.push(`c${concurrency} at ${gateway.size}`);
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
