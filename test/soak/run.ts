import { parseArgs } from 'node:util';
import { runSoak } from './soak.ts';

/**
 * `npm run soak`: 10,000 queries at concurrency 50 against the emulator with 5% injected faults of every
 * kind. Prints the report and exits 1 when an answer was malformed, a request crashed, or resident memory
 * grew by more than 25% (and 64 MB) after warm-up. Options: --queries, --concurrency, --fault-rate, --seed.
 */

const { values } = parseArgs({
  options: {
    queries: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '50' },
    'fault-rate': { type: 'string', default: '0.05' },
    seed: { type: 'string', default: '1' },
  },
});

/** A positive number option, or exit naming it. */
function numberOption(name: string, value: string | undefined): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) {
    console.error(`--${name} must be a non-negative number; got ${String(value)}`);
    process.exit(2);
  }
  return parsed;
}

const report = await runSoak({
  queries: numberOption('queries', values.queries),
  concurrency: numberOption('concurrency', values.concurrency),
  faultRate: numberOption('fault-rate', values['fault-rate']),
  seed: numberOption('seed', values.seed),
});
const injected = Object.values(report.faultsInjected).reduce((a, b) => a + b, 0);
const rssGrowthMb = report.rssEndMb - report.rssWarmMb;
console.log(`soak: ${report.queries} queries at concurrency ${report.concurrency}, seed ${report.seed}`);
console.log(`  duration        ${(report.durationMs / 1000).toFixed(1)} s`);
console.log(
  `  faults injected ${injected} (${JSON.stringify(report.faultsInjected)}), applied ${report.faultsApplied}`,
);
console.log(`  statuses        ${JSON.stringify(report.statuses)}`);
console.log(`  error codes     ${JSON.stringify(report.errorCodes)}`);
console.log(`  malformed       ${report.malformed.length}   crashes ${report.crashes.length}`);
console.log(
  `  rss after warm-up ${report.rssWarmMb} MB, at the end ${report.rssEndMb} MB (${rssGrowthMb >= 0 ? '+' : ''}${rssGrowthMb} MB)`,
);
console.log(`  rss by tenths   ${report.rssSamplesMb.join(' ')} MB`);
console.log(`  heap after warm-up ${report.heapWarmMb} MB, at the end ${report.heapEndMb} MB`);
for (const line of [...report.malformed, ...report.crashes].slice(0, 10)) console.log(`  ! ${line}`);
const grew = rssGrowthMb > 64 && rssGrowthMb > report.rssWarmMb * 0.25;
if (report.malformed.length > 0 || report.crashes.length > 0 || grew) {
  console.log('soak: FAILED');
  process.exit(1);
}
console.log('soak: passed');
