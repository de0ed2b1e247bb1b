import { type ArmRow, ratiosToFloor } from './stats.ts';
import type { Verdict } from './verify.ts';

/**
 * The bench's tables: markdown for `bench/results/latest.md` (and `history.md`), and the same table as
 * aligned text for the terminal. Pure functions, tested in `test/bench/report.test.ts`.
 */

/** What the run was, for the report's header. */
export interface RunInfo {
  /** What the arms called as X (`BENCH_UPSTREAM`). */
  readonly upstream: string;
  readonly date: string;
  readonly commit: string;
  readonly node: string;
  readonly cpu: string;
  /** The machine's 1-minute load average at the start and the end of the run. */
  readonly loadAverage: readonly [number, number];
  /** The share of the CPUs' time the hypervisor took during the run (`bench/cpu-steal.ts`), when known. */
  readonly stealShare?: number | undefined;
  readonly durationS: number;
  readonly warmupS: number;
  /** Slices each measured run is cut into, the arms taking turns slice by slice. */
  readonly slices: number;
  readonly concurrencies: readonly number[];
  /** Start-up time of each arm's process, in milliseconds. */
  readonly startupMs: ReadonlyMap<string, number>;
}

/** The header and cells of the results table, one row per token mode, arm and page size, sizes grouped. */
export function tableCells(
  rows: readonly ArmRow[],
  concurrencies: readonly number[],
  verdicts: ReadonlyMap<string, Verdict>,
): { header: string[]; body: string[][] } {
  const header = [
    'arm',
    'tokens',
    'followers',
    'p50 ms',
    'p99 ms',
    ...concurrencies.map((c) => `req/s c${c}`),
    'CPU ms/req',
    'peak RSS MB',
    'CPU ×floor',
    'p50 ×floor',
    `req/s ×floor (${concurrencies.map((c) => `c${c}`).join('/')})`,
    'same followers',
  ];
  const body = rows.map((row) => {
    const floor = rows.find(
      (other) => other.arm === 'floor' && other.size === row.size && other.tokens === row.tokens,
    );
    const ratios = floor ? ratiosToFloor(row, floor) : undefined;
    const verdict = verdicts.get(verdictKey(row.arm, row.size));
    return [
      row.arm,
      row.tokens,
      String(row.size),
      fixed(row.p50Ms, 2),
      fixed(row.p99Ms, 2),
      ...concurrencies.map((c) => fixed(row.rps.get(c) ?? Number.NaN, 0)),
      fixed(row.cpuMsPerRequest, 2),
      fixed(row.peakRssBytes / 1024 / 1024, 0),
      ratios ? fixed(ratios.cpu, 2) : '–',
      ratios ? fixed(ratios.p50, 2) : '–',
      ratios ? concurrencies.map((c) => fixed(ratios.rps.get(c) ?? Number.NaN, 2)).join(' / ') : '–',
      verdictCell(verdict, row.errors),
    ];
  });
  return { header, body };
}

/** The key of an arm's verdict at a size. */
export function verdictKey(arm: string, size: number): string {
  return `${arm}@${size}`;
}

/** A markdown table of `header` and `body`. */
export function markdownTable(header: readonly string[], body: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const align = header.map((_, i) => (i < 3 || i === header.length - 1 ? '---' : '---:'));
  return [line(header), line(align), ...body.map(line)].join('\n');
}

/** The same table as space-aligned text, for the terminal. */
export function textTable(header: readonly string[], body: readonly (readonly string[])[]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, i) => (i < 3 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** The header's clause on the CPU time the hypervisor took, when it is known. */
function stealLine(share: number | undefined): string {
  if (share === undefined) return '';
  return `; the hypervisor took ${(share * 100).toFixed(1)}% of the CPUs' time during the run (steal: above a few
percent, every arm ran slower than the machine can, and runs are not comparable with quieter ones)`;
}

/** The markdown report: what was run, the table, the targets and how to read it. */
export function markdownReport(info: RunInfo, table: string, targets: string): string {
  const startup = [...info.startupMs].map(([arm, ms]) => `${arm} ${(ms / 1000).toFixed(1)} s`).join(', ');
  return `# Benchmark: followers pages through each arm

Produced by \`npm run bench\` on ${info.date} (commit \`${info.commit}\`), Node.js ${info.node}, ${info.cpu},
1-minute load average ${info.loadAverage[0].toFixed(1)} at the start and ${info.loadAverage[1].toFixed(1)} at the end
(anything above about 2 means other work shared the two cores and the numbers are noisier)${stealLine(info.stealShare)}.
Every run: ${info.warmupS} s warm-up, then ${info.durationS} s measured, closed loop at concurrency
${info.concurrencies.join(', ')}; arms interleaved: the measured time is cut into ${info.slices} slices and the arms take turns
slice by slice (the order rotates from slice to slice), so drift of the machine is shared among them. Each arm and the emulator
run in their own process; the load generator is the bench's own process. Arm start-up: ${startup}.
The gateway arms' GraphiQL is opened once (the page and its assets) before the runs, so their memory is
measured as it is once somebody has looked at it.

Workload: a page of TwitterDev's followers (10, 100 or 1000) with eight user fields (id, name, username,
created_at, description, location, protected, verified) and each follower's pinned tweet with two tweet
fields (text, created_at), ${
    info.upstream === 'replay'
      ? "from the replay upstream on loopback: the emulator's answers memoised and served from memory, so the\nrows measure the arms, not the emulator building pages"
      : 'from the emulator on loopback (rate limit off)'
  }.

Tokens: **distinct** rows give every request its own client bearer token (a frontend's many users: every
request is a fresh principal and nothing coalesces); **shared** rows send none (the gateway calls X as the
app, and identical calls in flight share one upstream call). The warm-cache arm runs in shared rows only:
its cache is per principal.

- **floor**: a hand-written REST proxy (node:http + undici: fetch, \`JSON.parse\`, \`JSON.stringify\`, respond).
- **yoga-floor**: the stack floor: graphql-yoga with its defaults over a graphql-js schema of the contract's
  names, answering the gateway's query with one upstream call, \`JSON.parse\` and the pinned tweets joined by a
  \`Map\`; nothing of the gateway. Its distance from the floor is what the fixed stack costs before any work of
  the gateway's own.
- **gateway**: the gateway as \`npm start\` runs it, response cache off (\`X_CACHE_TTL_SECONDS=0\`). As the
  contract says, it still coalesces identical upstream calls in flight, so at concurrency 16 and 64 several of
  its requests can share one call to the emulator (the floor and the peer make one call per request).
- **gateway-warm**: the same with the cache on and primed: no upstream call during the runs.
- **mesh**: GraphQL Mesh's OpenAPI loader (\`@omnigraph/openapi\`) over \`spec/openapi-2.166.json\`, served
  by GraphQL Yoga, asked with X's field lists passed by hand.

p50/p99: latency of a single request (concurrency 1). CPU ms/req: the arm's process CPU time (user +
system) over its measured runs at that size divided by the requests it answered. Peak RSS: the highest
resident memory sampled (every 25 ms) in the arm's process during those runs. ×floor: CPU per request,
latency and throughput over the floor's at the same size and token mode. Same followers: the arm's answer names the floor's
followers in the floor's order, each with the same pinned tweet text.

${table}

## Targets

${targets}
`;
}

/** A number with `digits` decimals, or `–` when not a number. */
function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '–';
}

/** The `same followers` cell: ✓ with the count, or ✗ with the first difference. */
function verdictCell(verdict: Verdict | undefined, errors: number): string {
  const failures = errors > 0 ? ` (${errors} failed requests)` : '';
  if (!verdict) return `not checked${failures}`;
  if (verdict.same) return `✓ ${verdict.count}${failures}`;
  const difference = verdict.difference ?? 'differs';
  return `✗ ${difference.length > 80 ? `${difference.slice(0, 80)}…` : difference}${failures}`;
}
