import { describe, expect, it } from 'vitest';
import { ratiosChart } from '../../bench/chart.ts';
import { markdownTable, tableCells, textTable, verdictKey } from '../../bench/report.ts';
import type { ArmRow } from '../../bench/stats.ts';
import { checkTargets, targetsMarkdown } from '../../bench/targets.ts';

/** A measured row. */
function row(arm: string, size: number, p50Ms: number, rps16: number, peakMb = 100): ArmRow {
  return {
    arm,
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
  it('writes one row per arm and size with ratios to the floor of the same size', () => {
    const verdicts = new Map([[verdictKey('gateway', 100), { same: true, count: 100 }]]);
    const { header, body } = tableCells(rows, [1, 16], verdicts);
    expect(header).toContain('p50 ×floor');
    const gateway = body[1] as string[];
    expect(gateway.slice(0, 4)).toEqual(['gateway', '100', '3.00', '9.00']);
    expect(gateway[header.indexOf('req/s c16')]).toBe('600');
    expect(gateway[header.indexOf('p50 ×floor')]).toBe('1.50');
    expect(gateway[header.indexOf('req/s ×floor (c1/c16)')]).toBe('0.67 / 0.60');
    expect(gateway.at(-1)).toBe('✓ 100');
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
    const header = ['arm', 'followers', 'p50 ms'];
    const body = [
      ['floor', '10', '1.00'],
      ['gateway-warm', '10', '12.50'],
    ];
    expect(markdownTable(header, body).split('\n')).toEqual([
      '| arm | followers | p50 ms |',
      '| --- | --- | --- |',
      '| floor | 10 | 1.00 |',
      '| gateway-warm | 10 | 12.50 |',
    ]);
    const lines = textTable(header, body).split('\n');
    expect(lines[0]).toBe('arm           followers  p50 ms');
    expect(lines[3]).toBe('gateway-warm  10          12.50');
  });
});

describe('checkTargets', () => {
  it('checks each target of the issue against the rows', () => {
    const results = checkTargets(rows);
    const byTarget = (text: string) => results.find((r) => r.target.includes(text));
    expect(byTarget('p50 at 1000')).toMatchObject({ met: false, measured: expect.stringContaining('2.50×') });
    expect(byTarget('concurrency 16')).toMatchObject({
      met: false,
      measured: expect.stringContaining('0.40×'),
    });
    expect(byTarget('Mesh peer')).toMatchObject({
      met: false,
      measured: 'behind on p50 at 1000, c1 at 1000, c16 at 1000',
    });
    expect(byTarget('warm-cache')).toMatchObject({ met: true, measured: '1.50 ms' });
    expect(byTarget('memory')).toMatchObject({ met: false, measured: 'peak 160 MB' });
    expect(targetsMarkdown(results)).toContain('- ✓ met: warm-cache 100-follower query p50 < 2 ms: 1.50 ms');
  });

  it('says which targets a partial run did not measure', () => {
    const results = checkTargets(rows.filter((r) => r.arm === 'floor' || r.arm === 'gateway'));
    expect(results.filter((r) => r.met === undefined).map((r) => r.target)).toEqual([
      'gateway (cache off) ahead of the Mesh peer on every row (p50 and every req/s)',
      'warm-cache 100-follower query p50 < 2 ms',
    ]);
  });
});

describe('ratiosChart', () => {
  it('draws one bar per arm and size other than the floor, labelled with its ratio', () => {
    const svg = ratiosChart(rows, 16);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<rect class="bar" /g)).toHaveLength(12);
    expect(svg).toContain('>2.50<');
    expect(svg).toContain('>0.40<');
    expect(svg).toContain('req/s at concurrency 16 ÷ floor');
  });
});
