import { takeBody } from '../answers/hand-over.ts';
import type { UpstreamAnswer, XBody } from '../answers/parse-response.ts';
import type { FieldSets } from '../query-params.ts';
import type { Endpoint } from '../x-api.ts';
import type { CachedAnswer, ResponseCache } from './response-cache.ts';

/**
 * Where a call's answer is looked up and kept, as the call path uses it. `LocalAnswerCache` is the
 * in-process LRU; with a shared level, `SharedAnswerCache` wraps it in the same interface (chosen once,
 * by the client), so the call path never asks which one it has.
 */

/** The cache's name of one call: its base key (principal, endpoint, path, non-field parameters) and fields. */
export interface CallKey {
  readonly endpoint: Endpoint;
  readonly baseKey: string;
  readonly fields: FieldSets;
}

/** An answer `AnswerCache.fetch` obtained, and whether it came from another instance (no upstream call). */
export interface FetchedAnswer {
  /** Emptied by the layer that reads it (`takeBody` of `hand-over.ts`). */
  body: XBody;
  readonly fetchedAt: number;
  readonly hit: boolean;
}

/** The levels of the response cache behind one interface. */
export interface AnswerCache {
  /** A fresh answer covering the call, about to be served as a hit (the shared level reports its level). */
  fresh(key: CallKey): CachedAnswer | undefined;
  /** An answer covering the call in the local level: fresh, or with `stale` within the stale bound. Read-only. */
  peek(baseKey: string, fields: FieldSets, stale: boolean): CachedAnswer | undefined;
  /** Obtains the answer with `upstream` (or from another instance) and keeps it. */
  fetch(key: CallKey, upstream: () => Promise<UpstreamAnswer>): Promise<FetchedAnswer>;
  /** An answer within the stale bound to stand in for a failed call. */
  stale(key: CallKey): CachedAnswer | undefined | Promise<CachedAnswer | undefined>;
  /**
   * Copies the shared level's newest answer covering the call into the local level, so `peek` sees it.
   * Present only with a shared level.
   */
  readonly pull?: ((key: CallKey) => Promise<void>) | undefined;
}

/** The in-process level alone: the byte-bounded LRU. */
export class LocalAnswerCache implements AnswerCache {
  readonly #cache: ResponseCache;

  constructor(cache: ResponseCache) {
    this.#cache = cache;
  }

  fresh(key: CallKey): CachedAnswer | undefined {
    return this.#cache.fresh(key.baseKey, key.fields);
  }

  peek(baseKey: string, fields: FieldSets, stale: boolean): CachedAnswer | undefined {
    return stale ? this.#cache.stale(baseKey, fields) : this.#cache.fresh(baseKey, fields);
  }

  async fetch(key: CallKey, upstream: () => Promise<UpstreamAnswer>): Promise<FetchedAnswer> {
    const answer = await upstream();
    this.store(key.baseKey, { fields: key.fields, ...answer });
    return { body: takeBody(answer), fetchedAt: answer.fetchedAt, hit: false };
  }

  stale(key: CallKey): CachedAnswer | undefined {
    return this.#cache.stale(key.baseKey, key.fields);
  }

  /** Keeps an answer in the LRU (the shared level copies its answers in here). */
  store(baseKey: string, answer: CachedAnswer): void {
    this.#cache.store(baseKey, answer);
  }
}
