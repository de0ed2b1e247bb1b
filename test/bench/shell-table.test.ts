import { describe, expect, it } from 'vitest';
import { BenchConfigError } from '../../bench/config.ts';
import { loadShellOptions, shellRows, shellTable } from '../../bench/shell-table.ts';

/** Turns of one shell at one concurrency. */
function turns(shell: string, concurrency: number, cpuMicrosPerRequest: number[]) {
  return { shell, concurrency, cpuMicrosPerRequest, p50Ms: [0.2, 0.1, 0.3], perSecond: [900, 1000, 1100] };
}

describe('shellRows', () => {
  it('gives each shell the median of its rounds and its ratio to the baseline at the same concurrency', () => {
    const rows = shellRows(
      [
        turns('node:http', 1, [60, 50, 70]),
        turns('graphql-yoga', 1, [300, 250, 400]),
        turns('node:http', 16, [20, 25, 30]),
        turns('graphql-yoga', 16, [200, 100, 250]),
      ],
      'node:http',
    );
    expect(rows.map((row) => [row.shell, row.concurrency, row.cpuMicros, row.cpuRatio])).toEqual([
      ['node:http', 1, 60, 1],
      ['graphql-yoga', 1, 300, 5],
      ['node:http', 16, 25, 1],
      ['graphql-yoga', 16, 200, 8],
    ]);
    expect(rows[0]).toMatchObject({ p50Ms: 0.2, perSecond: 1000 });
  });

  it('leaves the ratio out where the baseline was not measured', () => {
    const [row] = shellRows([turns('gateway', 64, [500])], 'node:http');
    expect(row?.cpuRatio).toBeUndefined();
  });
});

describe('shellTable', () => {
  it('writes one Markdown row per shell and concurrency', () => {
    const table = shellTable(
      shellRows(
        [turns('node:http', 1, [60]), turns('gateway', 1, [300]), turns('gateway', 16, [190])],
        'node:http',
      ),
      'node:http',
    );
    expect(table.split('\n')).toEqual([
      '| shell | clients | CPU µs/req | × node:http | p50 ms | req/s |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      '| node:http | 1 | 60 | 1.00 | 0.20 | 1000 |',
      '| gateway | 1 | 300 | 5.00 | 0.20 | 1000 |',
      '| gateway | 16 | 190 | – | 0.20 | 1000 |',
    ]);
  });
});

describe('loadShellOptions', () => {
  it('defaults to six rounds of 2 s at 1 and 16 clients', () => {
    expect(loadShellOptions({})).toEqual({ rounds: 6, seconds: 2, concurrencies: [1, 16] });
  });

  it('reads the rounds, the seconds and the concurrencies', () => {
    expect(loadShellOptions({ SHELL_ROUNDS: '3', SHELL_SECONDS: '0.5', SHELL_CONCURRENCY: '4,64' })).toEqual({
      rounds: 3,
      seconds: 0.5,
      concurrencies: [4, 64],
    });
  });

  it('refuses a concurrency that is not a whole number of clients, naming the variable', () => {
    for (const bad of ['0', '1,x', '1.5', '300', '1,,16']) {
      expect(() => loadShellOptions({ SHELL_CONCURRENCY: bad })).toThrow(BenchConfigError);
      expect(() => loadShellOptions({ SHELL_CONCURRENCY: bad })).toThrow(/SHELL_CONCURRENCY/);
    }
    expect(() => loadShellOptions({ SHELL_ROUNDS: '0' })).toThrow(/SHELL_ROUNDS/);
  });
});
