import { describe, expect, it } from 'vitest';
import { ratiosChart } from '../../bench/chart.ts';
import {
  markdownReport,
  markdownTable,
  type RunInfo,
  tableCells,
  textTable,
  verdictKey,
} from '../../bench/report.ts';
import type { ArmRow } from '../../bench/stats.ts';
import { checkTargets, targetsMarkdown } from '../../bench/targets.ts';

/** A measured row. */
function row(
  arm: string,
  size: number,
  p50Ms: number,
  rps16: number,
  peakMb = 100,
  tokens = arm === 'gateway-warm' ? 'shared' : 'distinct',
): ArmRow {
  return {
    arm,
    tokens,
    size,
    p50Ms,
    p99Ms: p50Ms * 3,
    rps: new Map([
      [1, 1000 / p50Ms],
      [16, rps16],
    ]),
    cpuMsPerRequest: p50Ms / 2,
    peakRssBytes: peakMb * 1024 * 1024,
    errors: 0,
  };
}

const rows = [
  row('floor', 100, 2, 1000),
  row('gateway', 100, 3, 600),
  row('gateway-warm', 100, 1.5, 1200),
  row('mesh', 100, 6, 300),
  row('floor', 1000, 20, 100),
  row('gateway', 1000, 50, 40, 160),
  row('gateway-warm', 1000, 10, 150),
  row('mesh', 1000, 40, 45),
];

describe('tableCells', () => {
  it('writes one row per token mode, arm and size with ratios to the floor of the same size and mode', () => {
    const verdicts = new Map([[verdictKey('gateway', 100), { same: true, count: 100 }]]);
    const { header, body } = tableCells(rows, [1, 16], verdicts);
    expect(header).toContain('p50 ×floor');
    const gateway = body[1] as string[];
    expect(gateway.slice(0, 5)).toEqual(['gateway', 'distinct', '100', '3.00', '9.00']);
    expect(gateway[header.indexOf('req/s c16')]).toBe('600');
    expect(gateway[header.indexOf('CPU ms/req')]).toBe('1.50');
    expect(gateway[header.indexOf('CPU ×floor')]).toBe('1.50');
    expect(gateway[header.indexOf('p50 ×floor')]).toBe('1.50');
    expect(gateway[header.indexOf('req/s ×floor (c1/c16)')]).toBe('0.67 / 0.60');
    expect(gateway.at(-1)).toBe('✓ 100');
    // No shared-mode floor in these rows: the warm arm (shared) has no ratios.
    expect((body[2] as string[])[header.indexOf('CPU ×floor')]).toBe('–');
    expect((body[2] as string[]).at(-1)).toBe('not checked');
  });

  it('shows a difference, shortened, where an arm returned other followers', () => {
    const long = `follower 3 is 12 where the floor has 13 ${'x'.repeat(200)}`;
    const verdicts = new Map([[verdictKey('mesh', 100), { same: false, count: 100, difference: long }]]);
    const cell = (tableCells(rows, [1, 16], verdicts).body[3] as string[]).at(-1) ?? '';
    expect(cell.startsWith('✗ follower 3 is 12')).toBe(true);
    expect(cell.length).toBeLessThan(90);
  });
});

describe('markdownTable and textTable', () => {
  it('lay out the same cells as markdown and as aligned text', () => {
    const header = ['arm', 'tokens', 'followers', 'p50 ms'];
    const body = [
      ['floor', 'shared', '10', '1.00'],
      ['gateway-warm', 'shared', '10', '12.50'],
    ];
    expect(markdownTable(header, body).split('\n')).toEqual([
      '| arm | tokens | followers | p50 ms |',
      '| --- | --- | --- | --- |',
      '| floor | shared | 10 | 1.00 |',
      '| gateway-warm | shared | 10 | 12.50 |',
    ]);
    const lines = textTable(header, body).split('\n');
    expect(lines[0]).toBe('arm           tokens  followers  p50 ms');
    expect(lines[3]).toBe('gateway-warm  shared  10          12.50');
  });
});

describe('checkTargets', () => {
  it('checks each target of the issue against the distinct-token rows', () => {
    const results = checkTargets([...rows, row('gateway-warm', 100, 1.5, 1200, 100, 'shared')]);
    const byTarget = (text: string) => results.find((r) => r.target.includes(text));
    expect(byTarget('CPU per request at 1000')).toMatchObject({
      met: false,
      measured: '25.00 vs 10.00 ms (2.50×)',
    });
    expect(byTarget('p50 at 1000')).toMatchObject({ met: false, measured: expect.stringContaining('2.50×') });
    expect(byTarget('16 clients')).toMatchObject({ met: false, measured: '40 vs 100 req/s (0.40×)' });
    expect(byTarget('CPU per request at 100 ')).toMatchObject({
      met: true,
      measured: expect.stringContaining('1.50×'),
    });
    expect(byTarget('CPU per request at 10 ')).toMatchObject({ met: undefined });
    expect(byTarget("Tailcall's")).toMatchObject({ met: false, measured: 'at most 2.50×' });
    expect(byTarget('Mesh peer')).toMatchObject({
      met: false,
      measured: 'behind on p50 at 1000 (distinct), c1 at 1000 (distinct), c16 at 1000 (distinct)',
    });
    expect(byTarget('warm-cache')).toMatchObject({ met: true, measured: '1.50 ms' });
    expect(byTarget('peak RSS')).toMatchObject({ met: false, measured: 'peak 160 MB' });
    expect(targetsMarkdown(results)).toContain(
      '- ✓ met: warm-cache 100-follower query p50 < 2 ms (shared tokens): 1.50 ms',
    );
  });

  it('meets the CPU, latency, throughput and memory targets at their limits', () => {
    const results = checkTargets([
      row('floor', 1000, 20, 100),
      { ...row('gateway', 1000, 24, 80, 120), cpuMsPerRequest: 13 },
    ]);
    const met = results.filter((r) => r.met === true).map((r) => r.target);
    expect(met).toEqual([
      'gateway CPU per request at 1000 followers ≤ 1.3× the floor (distinct tokens)',
      'gateway p50 at 1000 followers ≤ 1.2× the floor (distinct tokens)',
      'gateway req/s at 1000 followers, 16 clients ≥ 0.8× the floor (distinct tokens)',
      "gateway CPU per request below Tailcall's (2.2× the floor) on every row",
      'gateway peak RSS under load (up to 64 clients, GraphiQL opened) ≤ 120 MB',
    ]);
  });

  it("adds the stack floor's CPU ratio to the CPU targets of the sizes where it ran", () => {
    const results = checkTargets([...rows, row('yoga-floor', 100, 5, 400)]);
    const byTarget = (text: string) => results.find((r) => r.target.includes(text));
    expect(byTarget('CPU per request at 100 ')?.measured).toBe(
      '1.50 vs 1.00 ms (1.50×); the stack floor 2.50×',
    );
    expect(byTarget('CPU per request at 1000')?.measured).toBe('25.00 vs 10.00 ms (2.50×)');
  });

  it('says which targets a partial run did not measure', () => {
    const results = checkTargets(rows.filter((r) => r.arm === 'floor' || r.arm === 'gateway'));
    expect(results.filter((r) => r.met === undefined).map((r) => r.target)).toEqual([
      'gateway CPU per request at 10 followers ≤ 1.5× the floor (distinct tokens)',
      'gateway (cache off) ahead of the Mesh peer on every row (p50 and every req/s)',
      'warm-cache 100-follower query p50 < 2 ms (shared tokens)',
    ]);
  });
});

describe('ratiosChart', () => {
  it('draws one bar per panel, arm and size other than the floor in one token mode, labelled with its ratio', () => {
    const svg = ratiosChart(rows, 16);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    // Three panels (CPU, p50, req/s) × gateway and mesh × two sizes; the shared-mode warm arm is left out.
    expect(svg.match(/<rect class="bar" /g)).toHaveLength(12);
    expect(svg).toContain('CPU per request ÷ floor');
    expect(svg).toContain('distinct tokens');
    expect(svg).toContain('>2.50<');
    expect(svg).toContain('>0.40<');
    expect(svg).toContain('req/s at concurrency 16 ÷ floor');
  });
});

describe('markdownReport', () => {
  const info: RunInfo = {
    upstream: 'replay',
    date: '2026-12-03T08:47:49.648Z',
    commit: 'abc1234',
    node: 'v20.20.2',
    cpu: '2 × AMD EPYC',
    loadAverage: [0.2, 1.9],
    durationS: 4,
    warmupS: 1,
    slices: 4,
    concurrencies: [1, 16],
    startupMs: new Map([['floor', 300]]),
  };

  it('names the share of the CPUs the hypervisor took when it is known', () => {
    const report = markdownReport({ ...info, stealShare: 0.253 }, '', '');
    expect(report).toContain("the hypervisor took 25.3% of the CPUs' time during the run");
    expect(report).toContain('1-minute load average 0.2 at the start and 1.9 at the end');
  });

  it('says nothing of steal where it is not known', () => {
    expect(markdownReport(info, '', '')).not.toContain('hypervisor');
  });
});
