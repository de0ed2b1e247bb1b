import { integerIn, median, positive } from './ab-options.ts';
import { intList } from './config.ts';

/**
 * The table of `bench/shell-cost.ts`: what each server costs per request, round by round, reduced to the
 * median of the rounds and its ratio to the bare HTTP shell's at the same concurrency.
 */

/** One shell's measured turns at one concurrency. */
export interface ShellTurns {
  readonly shell: string;
  readonly concurrency: number;
  /** CPU time of the shell's process per request answered, in microseconds, one entry per round. */
  readonly cpuMicrosPerRequest: readonly number[];
  /** Median latency of each round, in milliseconds. */
  readonly p50Ms: readonly number[];
  /** Requests answered per second, one entry per round. */
  readonly perSecond: readonly number[];
}

/** One row of the table. */
export interface ShellRow {
  readonly shell: string;
  readonly concurrency: number;
  readonly cpuMicros: number;
  /** `cpuMicros` over the baseline shell's at the same concurrency (undefined without one). */
  readonly cpuRatio: number | undefined;
  readonly p50Ms: number;
  readonly perSecond: number;
}

/** The rows, in the order of `turns`, with ratios to the `baseline` shell. */
export function shellRows(turns: readonly ShellTurns[], baseline: string): ShellRow[] {
  const baselineCpu = new Map(
    turns
      .filter((turn) => turn.shell === baseline)
      .map((turn) => [turn.concurrency, median(turn.cpuMicrosPerRequest)]),
  );
  return turns.map((turn) => {
    const cpuMicros = median(turn.cpuMicrosPerRequest);
    const base = baselineCpu.get(turn.concurrency);
    return {
      shell: turn.shell,
      concurrency: turn.concurrency,
      cpuMicros,
      cpuRatio: base === undefined || base <= 0 ? undefined : cpuMicros / base,
      p50Ms: median(turn.p50Ms),
      perSecond: median(turn.perSecond),
    };
  });
}

/** The rows as a Markdown table. */
export function shellTable(rows: readonly ShellRow[], baseline: string): string {
  const lines = [
    `| shell | clients | CPU µs/req | × ${baseline} | p50 ms | req/s |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    const ratio = row.cpuRatio === undefined ? '–' : row.cpuRatio.toFixed(2);
    lines.push(
      `| ${row.shell} | ${row.concurrency} | ${row.cpuMicros.toFixed(0)} | ${ratio} | ${row.p50Ms.toFixed(2)} | ${row.perSecond.toFixed(0)} |`,
    );
  }
  return lines.join('\n');
}

/** What `bench/shell-cost.ts` measures and how long. */
export interface ShellOptions {
  /** `SHELL_ROUNDS`: measured rounds, each giving every shell one turn per concurrency. @default 6 */
  readonly rounds: number;
  /** `SHELL_SECONDS`: length of one turn, in seconds. @default 2 */
  readonly seconds: number;
  /** `SHELL_CONCURRENCY`: requests in flight, comma-separated (ascending, once each). @default [1, 16] */
  readonly concurrencies: readonly number[];
}

/** Reads the settings of `bench/shell-cost.ts`; a bad value is a `BenchConfigError` naming it. */
export function loadShellOptions(env: Record<string, string | undefined>): ShellOptions {
  return {
    rounds: integerIn(env, 'SHELL_ROUNDS', 6, 1, 100),
    seconds: positive(env, 'SHELL_SECONDS', 2),
    concurrencies: intList(env, 'SHELL_CONCURRENCY', [1, 16], 1, 256),
  };
}
