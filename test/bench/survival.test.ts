import { describe, expect, it } from 'vitest';
import { measureSurvival } from '../../bench/survival.ts';

/** About `bytes` of small objects, each reachable from the returned array. */
function objects(bytes: number): { readonly n: number; readonly s: string }[] {
  return Array.from({ length: bytes / 64 }, (_, n) => ({ n, s: `item ${n}` }));
}

describe('measureSurvival', () => {
  it('reports nearly nothing promoted for a step whose objects die with it', async () => {
    const survival = await measureSurvival(async () => {
      const garbage = objects(256 * 1024);
      await Promise.resolve(garbage.length);
    });
    expect(survival.promotedBytes).toBeLessThan(16 * 1024);
  });

  it('reports what a step leaves reachable until the next step as survived, not promoted', async () => {
    let previous: unknown;
    const survival = await measureSurvival(async () => {
      // Each run keeps its objects until the next run replaces them: they outlive one scavenge only.
      previous = objects(256 * 1024);
      await Promise.resolve(previous);
    });
    expect(survival.survivedBytes).toBeGreaterThan(128 * 1024);
    expect(survival.promotedBytes).toBeLessThan(16 * 1024);
  });

  it('reports what outlives the next step too as promoted', async () => {
    const kept: unknown[] = [];
    const survival = await measureSurvival(async () => {
      // Each run's objects stay reachable during the two runs after it: they outlive two scavenges.
      kept.push(objects(256 * 1024));
      if (kept.length > 2) kept.shift();
      await Promise.resolve(kept.length);
    });
    expect(survival.promotedBytes).toBeGreaterThan(128 * 1024);
  });
});
