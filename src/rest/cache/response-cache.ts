import { LRUCache } from 'lru-cache';
import type { XBody } from '../answers/parse-response.ts';
import type { FieldSets } from '../query-params.ts';

/**
 * The response cache: validated X answers bounded in bytes, per principal.
 *
 * Entries are grouped under a base key (principal, endpoint, path and non-field parameters); each group
 * holds answers fetched with different field lists. A lookup serves any answer of the group whose field
 * lists are supersets of the requested ones (an answer with more fields serves a request for fewer; the
 * extra fields are harmless to the caller). An answer is fresh for `ttlMs` after it was fetched, and may
 * still be served as stale up to `staleMs` after it was fetched, but only when X rate limits or fails:
 * the LRU keeps a group for `staleMs`, and freshness is checked per answer against its `fetchedAt`.
 */

/** One cached answer. */
export interface CachedAnswer {
  readonly fields: FieldSets;
  readonly body: XBody;
  /** Epoch milliseconds when X produced it. */
  readonly fetchedAt: number;
  /** Size of X's body in bytes, the cache's unit of cost. */
  readonly bytes: number;
}

/** Options of the cache. */
export interface ResponseCacheOptions {
  readonly ttlMs: number;
  readonly staleMs: number;
  readonly maxBytes: number;
  readonly now: () => number;
}

/** Fixed per-answer overhead counted on top of the body, so tiny bodies still cost something. */
const ENTRY_OVERHEAD_BYTES = 256;

/** The byte-bounded LRU cache of X answers. */
export class ResponseCache {
  readonly #options: ResponseCacheOptions;
  readonly #groups: LRUCache<string, CachedAnswer[]> | undefined;

  constructor(options: ResponseCacheOptions) {
    this.#options = options;
    this.#groups =
      options.ttlMs > 0
        ? new LRUCache<string, CachedAnswer[]>({
            maxSize: options.maxBytes,
            sizeCalculation: (answers) =>
              Math.max(
                1,
                answers.reduce((sum, a) => sum + a.bytes + ENTRY_OVERHEAD_BYTES, 0),
              ),
            ttl: Math.max(options.ttlMs, options.staleMs),
            perf: { now: options.now },
          })
        : undefined;
  }

  /** A fresh answer covering `fields`, newest first. */
  fresh(baseKey: string, fields: FieldSets): CachedAnswer | undefined {
    return this.#find(baseKey, fields, this.#options.ttlMs);
  }

  /** An answer covering `fields` no older than the stale bound (fresh ones included). */
  stale(baseKey: string, fields: FieldSets): CachedAnswer | undefined {
    return this.#find(baseKey, fields, Math.max(this.#options.ttlMs, this.#options.staleMs));
  }

  /** Stores an answer, dropping older answers of the group it covers and answers past the stale bound. */
  store(baseKey: string, answer: CachedAnswer): void {
    const groups = this.#groups;
    if (!groups) return;
    const kept = this.#live(groups.get(baseKey)).filter(
      (old) => !(covers(answer.fields, old.fields) && answer.fetchedAt >= old.fetchedAt),
    );
    groups.set(baseKey, [answer, ...kept]);
  }

  /** Total bytes held (for metrics and tests). */
  get sizeBytes(): number {
    return this.#groups?.calculatedSize ?? 0;
  }

  /** The newest answer of a group covering `fields` and younger than `maxAgeMs`. */
  #find(baseKey: string, fields: FieldSets, maxAgeMs: number): CachedAnswer | undefined {
    const answers = this.#live(this.#groups?.get(baseKey));
    const now = this.#options.now();
    return answers.find((a) => now - a.fetchedAt < maxAgeMs && covers(a.fields, fields));
  }

  /** A group without answers past the stale bound. */
  #live(answers: CachedAnswer[] | undefined): CachedAnswer[] {
    if (!answers) return [];
    const limit = this.#options.now() - Math.max(this.#options.ttlMs, this.#options.staleMs);
    return answers.filter((a) => a.fetchedAt > limit);
  }
}

/** True when every list of `wanted` is a subset of the same list in `held`. */
export function covers(held: FieldSets, wanted: FieldSets): boolean {
  return Object.entries(wanted).every(([name, values]) => {
    const have = new Set(held[name] ?? []);
    return values.every((v) => have.has(v));
  });
}
