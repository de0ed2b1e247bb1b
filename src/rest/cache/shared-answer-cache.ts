import { setTimeout as sleep } from 'node:timers/promises';
import { takeBody } from '../answers/hand-over.ts';
import type { UpstreamAnswer } from '../answers/parse-response.ts';
import { canonicalQuery, type FieldSets } from '../query-params.ts';
import {
  emitSharedEvent,
  type SharedCachedAnswer,
  type SharedStateListener,
  type SharedStore,
} from '../shared-store.ts';
import type { AnswerCache, CallKey, FetchedAnswer, LocalAnswerCache } from './answer-cache.ts';
import { type CachedAnswer, covers } from './response-cache.ts';

/**
 * The shared level of the response cache (`REDIS_URL`), wrapped around the in-process one: a call
 * missing the LRU looks in the shared cache, and an answer fetched by any instance is kept in both.
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
export interface SharedAnswerCacheOptions {
  readonly store: SharedStore;
  /**
   * Lifetime of a call's lock, renewed every third of it while the call runs: how long a holder that
   * died blocks the others at most.
   */
  readonly lockTtlMs: number;
  /** The longest a call waits for another instance's identical call (alive and renewing) before calling X itself. */
  readonly lockWaitMs: number;
  readonly onShared: SharedStateListener | undefined;
  /** Fresh lifetime and stale bound of answers, milliseconds (a TTL of 0 means no shared level for answers). */
  readonly ttlMs: number;
  readonly staleMs: number;
  readonly now: () => number;
}

/** The first and longest pauses between two polls of a waiter. */
const FIRST_POLL_MS = 5;
const LONGEST_POLL_MS = 50;

/** The shared cache in front of X, with the in-process LRU as its first level. */
export class SharedAnswerCache implements AnswerCache {
  readonly #local: LocalAnswerCache;
  readonly #options: SharedAnswerCacheOptions;
  /**
   * Answers pulled into the LRU ahead of their call (for pricing) and not yet served: their first local
   * hit is reported at the `shared` level, where the answer really came from.
   */
  readonly #pulledAhead = new WeakSet<CachedAnswer>();

  constructor(local: LocalAnswerCache, options: SharedAnswerCacheOptions) {
    this.#local = local;
    this.#options = options;
  }

  fresh(key: CallKey): CachedAnswer | undefined {
    const found = this.#local.fresh(key);
    if (found) {
      const level = this.#pulledAhead.delete(found) ? 'shared' : 'local';
      emitSharedEvent(this.#options.onShared, { kind: 'hit', level, endpoint: key.endpoint });
    }
    return found;
  }

  peek(baseKey: string, fields: FieldSets, stale: boolean): CachedAnswer | undefined {
    return this.#local.peek(baseKey, fields, stale);
  }

  async fetch(key: CallKey, upstream: () => Promise<UpstreamAnswer>): Promise<FetchedAnswer> {
    const { answer, shared } = await this.#fetchShared(key, upstream);
    // A shared hit is already in the LRU (`#readShared` puts it there).
    if (!shared) this.#local.store(key.baseKey, { fields: key.fields, ...answer });
    // X's answer is taken out of its record; a shared hit is the cache's own and stays whole.
    return { body: shared ? answer.body : takeBody(answer), fetchedAt: answer.fetchedAt, hit: shared };
  }

  async stale(key: CallKey): Promise<CachedAnswer | undefined> {
    return this.#local.stale(key) ?? (await this.#readShared(key, this.#keepMs));
  }

  readonly pull = async (key: CallKey): Promise<void> => {
    const pulled = await this.#readShared(key, this.#keepMs);
    if (pulled) this.#pulledAhead.add(pulled);
  };

  /** How long an answer is kept: its fresh lifetime or the stale bound, whichever is longer. */
  get #keepMs(): number {
    return Math.max(this.#options.ttlMs, this.#options.staleMs);
  }

  /** An answer from the shared cache younger than `maxAgeMs` and covering the call; copied into the LRU. */
  async #readShared(key: CallKey, maxAgeMs: number): Promise<CachedAnswer | undefined> {
    if (maxAgeMs <= 0) return undefined;
    const now = this.#options.now();
    const answers = await this.#options.store.readAnswers(key.baseKey);
    const found = answers.find((a) => now - a.fetchedAt < maxAgeMs && covers(a.fields, key.fields));
    if (found) this.#local.store(key.baseKey, found);
    return found;
  }

  /**
   * Fetches through the shared level: a fresh shared answer (`shared: true`), else one upstream call made
   * by whichever instance holds the call's lock, else, after the bounded wait, an upstream call of its own.
   */
  async #fetchShared(
    key: CallKey,
    fetch: () => Promise<UpstreamAnswer>,
  ): Promise<{ readonly answer: UpstreamAnswer; readonly shared: boolean }> {
    const { store, onShared, lockTtlMs, lockWaitMs, ttlMs } = this.#options;
    const lockName = `${key.baseKey}|${canonicalQuery(key.fields)}`;
    const deadline = performance.now() + lockWaitMs;
    const fromShared = (answer: CachedAnswer) => {
      emitSharedEvent(onShared, { kind: 'hit', level: 'shared', endpoint: key.endpoint });
      return { answer, shared: true };
    };
    let pauseMs = FIRST_POLL_MS;
    let waited = false;
    for (;;) {
      const cached = await this.#readShared(key, ttlMs);
      if (cached) {
        if (waited) emitSharedEvent(onShared, { kind: 'lock-wait', outcome: 'answered' });
        return fromShared(cached);
      }
      const lock = await store.acquireLock(lockName, lockTtlMs);
      if (lock.acquired) {
        if (waited) emitSharedEvent(onShared, { kind: 'lock-wait', outcome: 'acquired' });
        const renew = setInterval(
          () => {
            void store.extendLock(lockName, lock.token, lockTtlMs);
          },
          Math.max(1, Math.floor(lockTtlMs / 3)),
        );
        try {
          // The previous holder stores its answer before releasing: look once more before calling X.
          const again = await this.#readShared(key, ttlMs);
          if (again) return fromShared(again);
          return { answer: await this.#fetchAndShare(key, fetch), shared: false };
        } finally {
          clearInterval(renew);
          await store.releaseLock(lockName, lock.token);
        }
      }
      if (lock.reason === 'unavailable') {
        return { answer: await this.#fetchAndShare(key, fetch), shared: false };
      }
      if (performance.now() >= deadline) {
        emitSharedEvent(onShared, { kind: 'lock-wait', outcome: 'timed-out' });
        return { answer: await this.#fetchAndShare(key, fetch), shared: false };
      }
      waited = true;
      await sleep(pauseMs);
      pauseMs = Math.min(LONGEST_POLL_MS, pauseMs * 2);
    }
  }

  /** Calls X and stores the answer in the shared cache (the caller stores it in the LRU). */
  async #fetchAndShare(key: CallKey, fetch: () => Promise<UpstreamAnswer>): Promise<UpstreamAnswer> {
    const answer = await fetch();
    if (this.#options.ttlMs > 0) await this.#storeShared(key.baseKey, { fields: key.fields, ...answer });
    return answer;
  }

  /**
   * Adds an answer to its shared group, dropping older answers it covers and answers past the stale bound
   * (the same rule as the LRU). Two instances storing the same group at once may lose one of the two
   * answers: the cost is one more upstream call later, never a wrong answer.
   */
  async #storeShared(baseKey: string, answer: SharedCachedAnswer): Promise<void> {
    const { store, now } = this.#options;
    const keepMs = this.#keepMs;
    const limit = now() - keepMs;
    const kept = (await store.readAnswers(baseKey)).filter(
      (old) =>
        old.fetchedAt > limit && !(covers(answer.fields, old.fields) && answer.fetchedAt >= old.fetchedAt),
    );
    await store.writeAnswers(baseKey, [answer, ...kept], keepMs);
  }
}
