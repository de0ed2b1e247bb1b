import { describe, expect, it } from 'vitest';
import { measureKeptAfterWait, measureSurvival } from '../../bench/survival.ts';

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

describe('measureKeptAfterWait', () => {
  it('reports nothing kept when the objects of a step are made after its wait', async () => {
    const result = await measureKeptAfterWait(
      async (wait) => {
        wait();
        const page = objects(256 * 1024);
        await Promise.resolve(page.length);
      },
      { runs: 40 },
    );
    expect(result.keptBytes).toBeLessThan(16 * 1024);
  });

  it('reports what an array made before the wait and filled after it keeps', async () => {
    const result = await measureKeptAfterWait(
      async (wait) => {
        const pages: unknown[] = [];
        wait();
        pages.push(objects(256 * 1024));
        await Promise.resolve(pages.length);
      },
      { runs: 40 },
    );
    expect(result.madeBeforeBytes).toBeLessThan(16 * 1024);
    expect(result.keptBytes).toBeGreaterThan(128 * 1024);
  });

  it('reports the value a promise made before the wait settles with as kept', async () => {
    const result = await measureKeptAfterWait(
      async (wait) => {
        let settle: (page: unknown[]) => void = () => {};
        const answer = new Promise<unknown[]>((resolve) => {
          settle = resolve;
        });
        wait();
        settle(objects(256 * 1024));
        (await answer).length;
        // The async function's own state last resumed with the page: resuming it once more lets that go,
        // so what is left is the promise's.
        await 0;
      },
      { runs: 40 },
    );
    expect(result.keptBytes).toBeGreaterThan(128 * 1024);
  });

  it('reports the last value an async function started before the wait resumed with as kept, until it resumes again', async () => {
    const run = (resumeOnceMore: boolean) =>
      measureKeptAfterWait(
        async (wait) => {
          let open: () => void = () => {};
          const gate = new Promise<void>((resolve) => {
            open = resolve;
          });
          const read = async () => {
            await gate;
            // A promise made after the wait: only the async function's state can keep its value.
            const page = await Promise.resolve(objects(256 * 1024));
            if (resumeOnceMore) await 0;
            return page.length;
          };
          const done = read();
          wait();
          open();
          await done;
        },
        { runs: 40 },
      );
    expect((await run(false)).keptBytes).toBeGreaterThan(128 * 1024);
    expect((await run(true)).keptBytes).toBeLessThan(16 * 1024);
  });

  it('reports what a map made before the wait keeps after clear() once it grew', async () => {
    const result = await measureKeptAfterWait(
      async (wait) => {
        const byId = new Map<number, unknown>();
        wait();
        for (const [id, item] of objects(256 * 1024).entries()) byId.set(id, item);
        // The grown table is young and the first one, old, points to it; clear() only starts a third.
        byId.clear();
        await Promise.resolve(byId.size);
      },
      { runs: 40 },
    );
    expect(result.keptBytes).toBeGreaterThan(128 * 1024);
  });
});
