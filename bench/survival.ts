import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Dispatcher } from 'undici';
import { median } from './ab-options.ts';

/**
 * How much of what a step allocates outlives it in V8's young generation. After each run of the step a
 * young-generation collection (a scavenge) is forced: what is still young afterwards survived it once
 * (it outlived the step), and what it moved to the old generation had survived the previous one too (it
 * outlived the step after it as well). A request's objects that some structure keeps past the next request
 * are promoted this way; under load every promoted byte is copied twice and then waits for a full
 * collection (`bench/results/history.md` §22).
 */

/** Per step, the median of the runs. */
export interface Survival {
  /** Bytes still young after the step's scavenge: they outlived the step. */
  readonly survivedBytes: number;
  /** Bytes the step's scavenge moved to the old generation: they outlived the step after their own. */
  readonly promotedBytes: number;
}

/** The options of {@link measureSurvival}. */
export interface SurvivalOptions {
  /** Runs before measuring (compilation, caches). @default 50 */
  readonly warmup?: number;
  /** Measured runs. @default 200 */
  readonly runs?: number;
}

/** Per step, the median of the runs, when all the step made before its wait was old by the end of the wait. */
export interface KeptAfterWait {
  /** Bytes the step had made before its wait and that two scavenges at the wait moved to the old generation. */
  readonly madeBeforeBytes: number;
  /**
   * Bytes the step made after its wait that were still alive two scavenges after it ended: what the old
   * objects it made before the wait (promises, async functions' states, containers filled later) kept.
   */
  readonly keptBytes: number;
}

/** V8's `gc()` with a collection type, obtained without `--expose-gc` on the command line. */
type CollectGarbage = (options: { type: 'minor' | 'major' }) => void;

let collect: CollectGarbage | undefined;

/**
 * The `gc` function, exposed on first use, with V8's allocation-site pretenuring turned off for the rest
 * of the process. The probes force scavenges in the middle of requests, so the objects made at some
 * allocation sites survive them often; V8 may then decide to allocate everything later made at those
 * sites straight in the old generation, and from then on each request's fresh objects, garbage or not,
 * read as kept. Whether it decides so depends on timing (on a loaded machine about one process in six
 * did, measuring 410–660 KB kept per 1,000-follower request instead of 61; none of twelve with it off).
 */
function collector(): CollectGarbage {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    setFlagsFromString('--no-allocation-site-pretenuring');
    collect = runInNewContext('gc') as CollectGarbage;
  }
  return collect;
}

/** V8's old generation (regular and large objects) and young generation, by space name. */
const OLD_SPACES: ReadonlySet<string> = new Set(['old_space', 'large_object_space']);
const YOUNG_SPACES: ReadonlySet<string> = new Set(['new_space', 'new_large_object_space']);

/** Bytes used in the named heap spaces. */
function usedBytes(spaces: ReadonlySet<string>): number {
  let used = 0;
  for (const space of getHeapSpaceStatistics()) {
    if (spaces.has(space.space_name)) used += space.space_used_size;
  }
  return used;
}

/** Runs `step` again and again, forcing a scavenge after each run, and reports the medians. */
export async function measureSurvival(
  step: () => Promise<void>,
  options: SurvivalOptions = {},
): Promise<Survival> {
  const gc = collector();
  const { warmup = 50, runs = 200 } = options;
  for (let i = 0; i < warmup; i++) await step();
  gc({ type: 'major' });
  const survived: number[] = [];
  const promoted: number[] = [];
  for (let i = 0; i < runs; i++) {
    await step();
    const before = usedBytes(OLD_SPACES);
    gc({ type: 'minor' });
    // A scavenge does not sweep the old generation, but the concurrent sweeper may free some of it meanwhile.
    promoted.push(Math.max(0, usedBytes(OLD_SPACES) - before));
    survived.push(usedBytes(YOUNG_SPACES));
  }
  return { survivedBytes: median(survived), promotedBytes: median(promoted) };
}

/**
 * Runs `step` again and again as under load: when the step calls `wait()` (where a request would wait for
 * X, or for its turn on the CPU), two scavenges make everything it made until then old, as the scavenges of
 * other requests do while it waits; after the step, two more scavenges free whatever it made since, unless
 * an old object points to it. A scavenge takes every old object for alive, so what those keep survives until
 * the next full collection however dead they are: the value an old promise settles with, the last value an
 * old async function resumed with, the new backing store of an old array or map filled after the wait
 * (`bench/results/history.md` §25). A step that never calls `wait` reports nothing made before it.
 */
export async function measureKeptAfterWait(
  step: (wait: () => void) => Promise<void>,
  options: SurvivalOptions = {},
): Promise<KeptAfterWait> {
  const gc = collector();
  const { warmup = 50, runs = 200 } = options;
  const scavengeTwice = () => {
    gc({ type: 'minor' });
    gc({ type: 'minor' });
  };
  for (let i = 0; i < warmup; i++) await step(() => {});
  const madeBefore: number[] = [];
  const kept: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc({ type: 'major' });
    scavengeTwice();
    const start = usedBytes(OLD_SPACES);
    let atWait: number | undefined;
    await step(() => {
      scavengeTwice();
      atWait ??= usedBytes(OLD_SPACES);
    });
    // Lets the turn that ended the step finish, so only what something still points to is left.
    await new Promise<void>((resolve) => setImmediate(resolve));
    scavengeTwice();
    const waited = atWait ?? start;
    madeBefore.push(Math.max(0, waited - start));
    kept.push(Math.max(0, usedBytes(OLD_SPACES) - waited));
  }
  return { madeBeforeBytes: median(madeBefore), keptBytes: median(kept) };
}

/** A dispatcher whose requests can be made the wait of {@link measureKeptAfterWait}. */
export interface WaitingDispatcher {
  /** What the client under test sends its requests through. */
  readonly dispatcher: Dispatcher;
  /** Runs `step` with `wait` called as each of its requests goes out through `dispatcher`. */
  during(wait: () => void, step: () => Promise<void>): Promise<void>;
}

/** Wraps `inner` so that a step's upstream calls are its waits (the X call a request waits for). */
export function waitingDispatcher(inner: Dispatcher): WaitingDispatcher {
  let onDispatch: () => void = () => {};
  return {
    dispatcher: inner.compose((dispatch) => (options, handler) => {
      onDispatch();
      return dispatch(options, handler);
    }),
    async during(wait, step) {
      onDispatch = wait;
      try {
        await step();
      } finally {
        onDispatch = () => {};
      }
    },
  };
}
