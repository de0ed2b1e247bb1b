import type { SharedStore } from '../shared-store.ts';
import {
  type BilledResources,
  type DailyLedger,
  type DayBill,
  RESOURCE_KINDS,
  type ResourceCounts,
  type ResourceKind,
} from '../x-api.ts';
import { zeroCounts } from './billed-resources.ts';

/**
 * X's daily deduplication, modelled: which resources (kind + id) the app already received in the current
 * UTC day, so that only resources new to the app count as billed. One ledger per X app: every token the
 * gateway sends (the app's bearer token, its OAuth 1.0a user, its clients' user tokens) bills the same
 * app. In memory it remembers at most `maxEntries` resources a day; past that, every resource counts as
 * new (billed: the bill may read high, never low). With a shared store (`REDIS_URL`) every instance
 * records into one Redis set per kind and day; while Redis is unavailable each instance falls back to
 * its own memory (again erring high).
 */

/** Options of {@link SpendLedger}. */
export interface SpendLedgerOptions {
  /** Resources remembered per day in memory. @default 200000 */
  readonly maxEntries?: number;
  /** The shared level (Redis), when instances share one ledger. */
  readonly store?: SharedStore | undefined;
  /** Names the app in shared keys (a hash, never a credential). @default 'app' */
  readonly appKey?: string;
  /** @default Date.now */
  readonly now?: () => number;
}

/** The default of `maxEntries`: about 15 MB of ids, $2,000 of follows a day. */
export const DEFAULT_LEDGER_MAX_ENTRIES = 200_000;

/** One UTC day, in milliseconds. */
const DAY_MS = 24 * 3600_000;

/** How long a day's shared set is kept: the day and one more. */
const SHARED_DAY_TTL_MS = 2 * DAY_MS;

/** One empty set of ids per kind. */
function emptySeen(): Record<ResourceKind, Set<string>> {
  return { users: new Set(), follows: new Set(), posts: new Set() };
}

/** The UTC day of an instant, `YYYY-MM-DD`. */
export function utcDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** The next UTC midnight after an instant. */
export function nextUtcMidnight(epochMs: number): Date {
  const day = new Date(epochMs);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 1));
}

/** The ledger of one app. */
export class SpendLedger implements DailyLedger {
  readonly #maxEntries: number;
  readonly #store: SharedStore | undefined;
  readonly #appKey: string;
  readonly #now: () => number;
  #day = '';
  /** When `#day` ends (the next UTC midnight), epoch milliseconds: the day is named once. */
  #dayEndsAtMs = 0;
  // One set per kind, keyed by the ids X sent (no per-id key string to build: a page of 1000 followers
  // records 1,000+ ids per answer); `#seenCount` is their total size, bounded by `#maxEntries`.
  #seen = emptySeen();
  #seenCount = 0;
  #billed = zeroCounts();
  /** The day's totals as the shared level last reported them. */
  #shared = zeroCounts();

  constructor(options: SpendLedgerOptions = {}) {
    this.#maxEntries = options.maxEntries ?? DEFAULT_LEDGER_MAX_ENTRIES;
    this.#store = options.store;
    this.#appKey = options.appKey ?? 'app';
    this.#now = options.now ?? Date.now;
  }

  /** Whether the ledger is shared between instances. */
  get shared(): boolean {
    return this.#store?.recordSpend !== undefined;
  }

  /**
   * Records the resources of one answer from X and tells how many of each kind are new to the app this
   * day (what X bills). Synchronous without a shared level.
   */
  record(resources: BilledResources): ResourceCounts | Promise<ResourceCounts> {
    const day = this.#today();
    const local = this.#recordLocally(resources);
    const store = this.#store;
    if (!store?.recordSpend) return local;
    return store.recordSpend(this.#appKey, day, resources, SHARED_DAY_TTL_MS).then((reply) => {
      if (!reply) return local;
      if (this.#day === day) this.#shared = reply.totals;
      return reply.added;
    });
  }

  /** The day's bill as this instance knows it (no shared read). */
  todayLocal(): DayBill {
    const day = this.#today();
    return { day, billed: maxCounts(this.#billed, this.#shared) };
  }

  /** The day's bill: the shared level's when there is one and it answers, else this instance's. */
  async today(): Promise<DayBill> {
    const day = this.#today();
    const totals = await this.#store?.readSpend?.(this.#appKey, day);
    if (totals && this.#day === day) this.#shared = totals;
    return this.todayLocal();
  }

  /** The current UTC day, forgetting the previous day's resources when it changed. */
  #today(): string {
    const now = this.#now();
    // Every request asks (pricing, recording): naming the day takes a `Date` and a string, so only when
    // the clock has left the day named last.
    if (now < this.#dayEndsAtMs && now >= this.#dayEndsAtMs - DAY_MS) return this.#day;
    const day = utcDay(now);
    this.#dayEndsAtMs = nextUtcMidnight(now).getTime();
    if (day !== this.#day) {
      this.#day = day;
      this.#seen = emptySeen();
      this.#seenCount = 0;
      this.#billed = zeroCounts();
      this.#shared = zeroCounts();
    }
    return day;
  }

  /** Records resources in memory; once full, unknown ones count as new without being remembered. */
  #recordLocally(resources: BilledResources): ResourceCounts {
    const added = zeroCounts();
    for (const kind of RESOURCE_KINDS) {
      const seen = this.#seen[kind];
      for (const id of resources[kind]) {
        if (seen.has(id)) continue;
        added[kind]++;
        if (this.#seenCount < this.#maxEntries) {
          seen.add(id);
          this.#seenCount++;
        }
      }
      this.#billed[kind] += added[kind];
    }
    return added;
  }
}

/** The larger count of each kind. */
function maxCounts(a: ResourceCounts, b: ResourceCounts): ResourceCounts {
  return {
    users: Math.max(a.users, b.users),
    follows: Math.max(a.follows, b.follows),
    posts: Math.max(a.posts, b.posts),
  };
}
