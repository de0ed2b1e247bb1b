import { setTimeout as sleep } from 'node:timers/promises';
import { canonicalQuery, type FieldSets } from './params.ts';
import type { UpstreamAnswer } from './parse-response.ts';
import { type CachedAnswer, covers, type ResponseCache } from './response-cache.ts';
import {
  emitSharedEvent,
  type SharedCachedAnswer,
  type SharedStateListener,
  type SharedStore,
} from './shared-store.ts';
import type { Endpoint } from './x-api.ts';

/**
 * The shared level of one call, when a `SharedStore` is configured.
 *
 * Cross-instance coalescing: the instance that misses both cache levels takes a short lock named after
 * the call (base key and fields) with `SET NX PX`, checks the shared cache once more (a holder stores its
 * answer before it releases), calls X, stores the answer, and releases the lock only if its token still
 * holds it. An instance that finds the lock held polls, with a growing pause, for a covering answer in the
 * shared cache or for the lock to be free (then it takes it). Polling cannot miss a wake-up. The holder
 * renews its lock every third of `lockTtlMs` while its call runs, so a holder that dies leaves a lock
 * that expires within `lockTtlMs`, after which a waiter takes it; after `lockWaitMs` a waiter stops
 * waiting for a live holder and calls X itself. Any store failure reads as "unavailable" and the call goes to X
 * as it would without the store.
 */

/** The shared level's configuration, resolved by the client. */
export interface SharedContext {
  readonly store: SharedStore;
  /**
   * Lifetime of a call's lock, renewed every third of it while the call runs: how long a holder that
   * died blocks the others at most.
   */
  readonly lockTtlMs: number;
  /** The longest a call waits for another instance's identical call (alive and renewing) before calling X itself. */
  readonly lockWaitMs: number;
  readonly onShared: SharedStateListener | undefined;
  /**
   * Answers pulled into the LRU ahead of their call (for pricing) and not yet served: their first local
   * hit is reported at the `shared` level, where the answer really came from.
   */
  readonly pulledAhead: WeakSet<CachedAnswer>;
}

/** What the shared functions need from the call's client context. */
export interface SharedCallContext {
  readonly shared: SharedContext;
  readonly cache: ResponseCache;
  /** Fresh lifetime and stale bound of answers, milliseconds. */
  readonly ttlMs: number;
  readonly staleMs: number;
  readonly now: () => number;
}

/** The first and longest pauses between two polls of a waiter. */
const FIRST_POLL_MS = 5;
const LONGEST_POLL_MS = 50;

/** An answer from the shared cache younger than `maxAgeMs` and covering `fields`; copied into the LRU. */
export async function readSharedAnswer(
  ctx: SharedCallContext,
  baseKey: string,
  fields: FieldSets,
  maxAgeMs: number,
): Promise<CachedAnswer | undefined> {
  if (maxAgeMs <= 0) return undefined;
  const now = ctx.now();
  const answers = await ctx.shared.store.readAnswers(baseKey);
  const found = answers.find((a) => now - a.fetchedAt < maxAgeMs && covers(a.fields, fields));
  if (found) ctx.cache.store(baseKey, found);
  return found;
}

/**
 * Fetches through the shared level: a fresh shared answer (`shared: true`), else one upstream call made
 * by whichever instance holds the call's lock, else, after the bounded wait, an upstream call of its own.
 */
export async function fetchShared(
  ctx: SharedCallContext,
  endpoint: Endpoint,
  baseKey: string,
  fields: FieldSets,
  fetch: () => Promise<UpstreamAnswer>,
): Promise<{ readonly answer: UpstreamAnswer; readonly shared: boolean }> {
  const { store, onShared } = ctx.shared;
  const lockName = `${baseKey}|${canonicalQuery(fields)}`;
  const deadline = performance.now() + ctx.shared.lockWaitMs;
  const fromShared = (answer: CachedAnswer) => {
    emitSharedEvent(onShared, { kind: 'hit', level: 'shared', endpoint });
    return { answer, shared: true };
  };
  let pauseMs = FIRST_POLL_MS;
  let waited = false;
  for (;;) {
    const cached = await readSharedAnswer(ctx, baseKey, fields, ctx.ttlMs);
    if (cached) {
      if (waited) emitSharedEvent(onShared, { kind: 'lock-wait', outcome: 'answered' });
      return fromShared(cached);
    }
    const lock = await store.acquireLock(lockName, ctx.shared.lockTtlMs);
    if (lock.acquired) {
      if (waited) emitSharedEvent(onShared, { kind: 'lock-wait', outcome: 'acquired' });
      const renew = setInterval(
        () => {
          void store.extendLock(lockName, lock.token, ctx.shared.lockTtlMs);
        },
        Math.max(1, Math.floor(ctx.shared.lockTtlMs / 3)),
      );
      try {
        // The previous holder stores its answer before releasing: look once more before calling X.
        const again = await readSharedAnswer(ctx, baseKey, fields, ctx.ttlMs);
        if (again) return fromShared(again);
        return { answer: await fetchAndShare(ctx, baseKey, fields, fetch), shared: false };
      } finally {
        clearInterval(renew);
        await store.releaseLock(lockName, lock.token);
      }
    }
    if (lock.reason === 'unavailable') {
      return { answer: await fetchAndShare(ctx, baseKey, fields, fetch), shared: false };
    }
    if (performance.now() >= deadline) {
      emitSharedEvent(onShared, { kind: 'lock-wait', outcome: 'timed-out' });
      return { answer: await fetchAndShare(ctx, baseKey, fields, fetch), shared: false };
    }
    waited = true;
    await sleep(pauseMs);
    pauseMs = Math.min(LONGEST_POLL_MS, pauseMs * 2);
  }
}

/** Calls X and stores the answer in the shared cache (the caller stores it in the LRU). */
async function fetchAndShare(
  ctx: SharedCallContext,
  baseKey: string,
  fields: FieldSets,
  fetch: () => Promise<UpstreamAnswer>,
): Promise<UpstreamAnswer> {
  const answer = await fetch();
  if (ctx.ttlMs > 0) await storeShared(ctx, baseKey, { fields, ...answer });
  return answer;
}

/**
 * Adds an answer to its shared group, dropping older answers it covers and answers past the stale bound
 * (the same rule as the LRU). Two instances storing the same group at once may lose one of the two
 * answers: the cost is one more upstream call later, never a wrong answer.
 */
async function storeShared(
  ctx: SharedCallContext,
  baseKey: string,
  answer: SharedCachedAnswer,
): Promise<void> {
  const keepMs = Math.max(ctx.ttlMs, ctx.staleMs);
  const limit = ctx.now() - keepMs;
  const kept = (await ctx.shared.store.readAnswers(baseKey)).filter(
    (old) =>
      old.fetchedAt > limit && !(covers(answer.fields, old.fields) && answer.fetchedAt >= old.fetchedAt),
  );
  await ctx.shared.store.writeAnswers(baseKey, [answer, ...kept], keepMs);
}
