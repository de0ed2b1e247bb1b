import { parseArgs } from 'node:util';
import { runVariablesMemory } from './variables-memory.ts';

/**
 * `npm run hostile`: 1,000 requests, each with a distinct undeclared variable padded to just under the
 * body bound, to a gateway in this process. Prints resident memory and heap before and after (each after
 * forced garbage collections) and exits 1 when resident memory grew by more than 20 MB, or when a request
 * was not answered 200 without errors. Options: --requests, --concurrency, --max-growth-mb.
 */

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '1000' },
    'warm-up': { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '4' },
    'max-growth-mb': { type: 'string', default: '20' },
  },
});

/** A positive integer option, or exit naming it. */
function integerOption(name: string, value: string | undefined): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    console.error(`--${name} must be a positive integer; got ${String(value)}`);
    process.exit(2);
  }
  return parsed;
}

if (!(globalThis as { gc?: unknown }).gc) {
  console.error('hostile: run with node --expose-gc (npm run hostile does)');
  process.exit(2);
}
const maxGrowthMb = integerOption('max-growth-mb', values['max-growth-mb']);
// Bounded in time: a gateway that stalls fails the run instead of holding it.
const deadline = setTimeout(() => {
  console.log('hostile: FAILED (not finished within 2 minutes)');
  process.exit(1);
}, 120_000);
const report = await runVariablesMemory({
  requests: integerOption('requests', values.requests),
  concurrency: integerOption('concurrency', values.concurrency),
  warmUp: integerOption('warm-up', values['warm-up']),
});
clearTimeout(deadline);
const growthMb = report.rssAfterMb - report.rssBeforeMb;
const ok = report.statuses['200'] ?? 0;
console.log(
  `hostile: ${report.requests} requests of ${report.bodyBytes} bytes, each with a distinct undeclared variable`,
);
console.log(`  duration   ${(report.durationMs / 1000).toFixed(1)} s`);
console.log(
  `  statuses   ${JSON.stringify(report.statuses)}   answers with errors ${report.answersWithErrors}`,
);
console.log(
  `  rss        ${report.rssBeforeMb} MB before, ${report.rssAfterMb} MB after (${growthMb >= 0 ? '+' : ''}${growthMb} MB; the limit is +${maxGrowthMb} MB)`,
);
console.log(`  heap used  ${report.heapBeforeMb} MB before, ${report.heapAfterMb} MB after`);
console.log(`  external   ${report.externalBeforeMb} MB before, ${report.externalAfterMb} MB after`);
if (growthMb > maxGrowthMb || ok !== report.requests || report.answersWithErrors > 0) {
  console.log('hostile: FAILED');
  process.exit(1);
}
console.log('hostile: passed');
process.exit(0);
