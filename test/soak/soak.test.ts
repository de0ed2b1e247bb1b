import { describe, expect, it } from 'vitest';
import { runSoak } from './soak.ts';

/** The short soak of the suite; `npm run soak` runs the full one (10,000 queries at concurrency 50). */
describe('runSoak', () => {
  it('answers 500 queries at concurrency 20 with 5% injected faults, every answer well-formed', async () => {
    const report = await runSoak({ queries: 500, concurrency: 20, faultRate: 0.05, seed: 1 });
    console.info(`short soak: ${JSON.stringify(report)}`);
    expect(report.crashes).toEqual([]);
    expect(report.malformed).toEqual([]);
    expect(Object.values(report.statuses).reduce((a, b) => a + b, 0)).toBe(500);
    // Seed 1 injects every kind of fault the emulator has, and most of them reach a request.
    expect(Object.keys(report.faultsInjected).sort()).toEqual([
      'drop',
      'hang',
      'latency',
      'malformed',
      'status 429',
      'status 500',
      'status 503',
    ]);
    expect(report.faultsApplied).toBeGreaterThan(10);
    // Flat memory after warm-up: the heap grows by less than the size of a few cached pages' worth.
    expect(report.heapEndMb - report.heapWarmMb).toBeLessThan(64);
  }, 180_000);
});
