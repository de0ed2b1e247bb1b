import { type ArmRow, ratiosToFloor } from './stats.ts';

/**
 * The chart of `bench/results/ratios.svg`, drawn by hand: three panels of grouped bars, one group per page
 * size and one bar per arm, each bar an arm's ratio to the floor in one token mode: CPU per request (lower
 * is better, target line at 1.3×), p50 latency (lower is better, target line at 1.2×) and throughput at
 * one concurrency (higher is better, target line at 0.8×). The floor is the dashed line at 1.
 */

/** Colours of the arms' bars. */
const COLOURS: Record<string, string> = {
  'yoga-floor': '#8b98a5',
  gateway: '#1d9bf0',
  'gateway-warm': '#00ba7c',
  mesh: '#e0245e',
};

const PANEL_WIDTH = 420;
const PANEL_HEIGHT = 260;
const MARGIN = { top: 48, right: 16, bottom: 44, left: 48 };

/** One panel's data: the value of each arm at each size. */
interface Panel {
  readonly title: string;
  readonly target: number;
  readonly value: (row: ArmRow, floor: ArmRow) => number;
}

/**
 * The SVG chart of the ratios to the floor of the rows in token mode `tokens` (all rows when it has none),
 * throughput taken at `concurrency`.
 */
export function ratiosChart(allRows: readonly ArmRow[], concurrency: number, tokens = 'distinct'): string {
  const inMode = allRows.filter((r) => r.tokens === tokens);
  const rows = inMode.length > 0 ? inMode : allRows;
  const panels: Panel[] = [
    {
      title: 'CPU per request ÷ floor (lower is better)',
      target: 1.3,
      value: (r, f) => ratiosToFloor(r, f).cpu,
    },
    { title: 'p50 latency ÷ floor (lower is better)', target: 1.2, value: (r, f) => ratiosToFloor(r, f).p50 },
    {
      title: `req/s at concurrency ${concurrency} ÷ floor (higher is better)`,
      target: 0.8,
      value: (r, f) => ratiosToFloor(r, f).rps.get(concurrency) ?? Number.NaN,
    },
  ];
  const arms = [...new Set(rows.map((r) => r.arm))].filter((arm) => arm !== 'floor');
  const sizes = [...new Set(rows.map((r) => r.size))];
  const width = panels.length * (PANEL_WIDTH + MARGIN.left + MARGIN.right);
  const height = PANEL_HEIGHT + MARGIN.top + MARGIN.bottom + 24;
  const parts = panels.map((panel, index) =>
    drawPanel(panel, rows, arms, sizes, index * (PANEL_WIDTH + MARGIN.left + MARGIN.right)),
  );
  const legend = arms
    .map((arm, i) => {
      const x = MARGIN.left + i * 140;
      const y = height - 12;
      return `<rect x="${x}" y="${y - 10}" width="12" height="12" fill="${COLOURS[arm] ?? '#888'}"/><text x="${x + 18}" y="${y}">${arm}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="#fff"/>
${parts.join('\n')}
${legend}<text x="${MARGIN.left + arms.length * 140}" y="${height - 12}">${rows[0]?.tokens ?? ''} tokens; dashed: the floor (1) and the target</text>
</svg>
`;
}

/** One panel at horizontal offset `left`. */
function drawPanel(
  panel: Panel,
  rows: readonly ArmRow[],
  arms: readonly string[],
  sizes: readonly number[],
  left: number,
): string {
  const values = sizes.map((size) => {
    const floor = rows.find((r) => r.arm === 'floor' && r.size === size);
    return arms.map((arm) => {
      const row = rows.find((r) => r.arm === arm && r.size === size);
      return row && floor ? panel.value(row, floor) : Number.NaN;
    });
  });
  const finite = values.flat().filter(Number.isFinite);
  const max = Math.max(1, panel.target, ...finite) * 1.15;
  const x0 = left + MARGIN.left;
  const y = (value: number): number => MARGIN.top + PANEL_HEIGHT - (value / max) * PANEL_HEIGHT;
  const groupWidth = PANEL_WIDTH / Math.max(1, sizes.length);
  const barWidth = (groupWidth * 0.8) / Math.max(1, arms.length);
  const out: string[] = [`<text x="${x0}" y="${MARGIN.top - 24}" font-weight="bold">${panel.title}</text>`];
  for (const tick of ticks(max)) {
    out.push(
      `<line x1="${x0}" x2="${x0 + PANEL_WIDTH}" y1="${y(tick)}" y2="${y(tick)}" stroke="#eee"/>`,
      `<text x="${x0 - 6}" y="${y(tick) + 4}" text-anchor="end">${tick}</text>`,
    );
  }
  sizes.forEach((size, g) => {
    const gx = x0 + g * groupWidth + groupWidth * 0.1;
    arms.forEach((arm, a) => {
      const value = values[g]?.[a] ?? Number.NaN;
      if (!Number.isFinite(value)) return;
      const bx = gx + a * barWidth;
      out.push(
        `<rect class="bar" x="${bx.toFixed(1)}" y="${y(value).toFixed(1)}" width="${(barWidth - 2).toFixed(1)}" height="${(y(0) - y(value)).toFixed(1)}" fill="${COLOURS[arm] ?? '#888'}"/>`,
        `<text x="${(bx + barWidth / 2).toFixed(1)}" y="${(y(value) - 3).toFixed(1)}" text-anchor="middle" font-size="10">${value.toFixed(2)}</text>`,
      );
    });
    out.push(
      `<text x="${(x0 + g * groupWidth + groupWidth / 2).toFixed(1)}" y="${y(0) + 18}" text-anchor="middle">${size} followers</text>`,
    );
  });
  out.push(
    `<line x1="${x0}" x2="${x0 + PANEL_WIDTH}" y1="${y(0)}" y2="${y(0)}" stroke="#333"/>`,
    `<line x1="${x0}" x2="${x0 + PANEL_WIDTH}" y1="${y(1)}" y2="${y(1)}" stroke="#333" stroke-dasharray="6 4"/>`,
    `<line x1="${x0}" x2="${x0 + PANEL_WIDTH}" y1="${y(panel.target)}" y2="${y(panel.target)}" stroke="#f4a100" stroke-dasharray="3 3"/>`,
  );
  return out.join('\n');
}

/** Round tick values from 0 up to `max`. */
function ticks(max: number): number[] {
  const rough = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? rough;
  const out: number[] = [];
  for (let tick = 0; tick <= max; tick += step) out.push(Number(tick.toFixed(6)));
  return out;
}
