/**
 * X's pay-per-use billing, emulated: reads are charged per resource returned (a user of a
 * followers/following page is a Following/Followers read, a user of a lookup a User read, a tweet, or a
 * pinned tweet expanded with its user, a Posts read), each resource at most once per app and UTC day.
 * The emulator keeps that ledger per app and day and shows it at `GET /__emulator/billing`.
 */
import type { Principal } from './auth.ts';

/** The kinds X prices separately. */
export type BilledKind = 'users' | 'follows' | 'posts';

/** X's published prices, in micro-dollars per resource. */
const PRICES: Record<BilledKind, number> = { users: 10_000, follows: 10_000, posts: 5_000 };

/** One app's bill for one UTC day. */
export interface BillingDay {
  /** The app: `app:<n>` for the n-th app token; user tokens and OAuth 1.0a belong to `app:1`. */
  readonly app: string;
  /** `YYYY-MM-DD` (UTC). */
  readonly day: string;
  /** Distinct resources billed, by kind. */
  readonly users: number;
  readonly follows: number;
  readonly posts: number;
  /** What they cost at X's published prices, in USD. */
  readonly usd: number;
}

/** The ledger. */
export interface BillingLedger {
  /** Bills the resources of one successful answer to the caller's app. */
  record(principal: Principal, endpoint: string, body: unknown): void;
  /** Every app's bill per day, oldest first. */
  days(): BillingDay[];
  /** Forgets every bill. */
  reset(): void;
}

/** The app a principal bills to: its app token's, or the emulator's one client app for user context. */
export function billedApp(principal: Principal): string {
  return principal.kind === 'app' ? principal.key : 'app:1';
}

/** Creates an empty ledger on `clock`. */
export function createBillingLedger(clock: () => number): BillingLedger {
  /** `app|day` → the set of `kind:id` billed. */
  const ledgers = new Map<string, Set<string>>();
  return {
    record(principal, endpoint, body) {
      const day = new Date(clock()).toISOString().slice(0, 10);
      const key = `${billedApp(principal)}|${day}`;
      let seen = ledgers.get(key);
      if (!seen) {
        seen = new Set();
        ledgers.set(key, seen);
      }
      const answer = (body ?? {}) as { data?: unknown; includes?: { users?: unknown; tweets?: unknown } };
      const data = Array.isArray(answer.data) ? answer.data : answer.data ? [answer.data] : [];
      const kind: BilledKind = /\/(followers|following)$/.test(endpoint)
        ? 'follows'
        : endpoint.startsWith('GET /2/tweets')
          ? 'posts'
          : 'users';
      for (const id of ids(data)) seen.add(`${kind}:${id}`);
      for (const id of ids(answer.includes?.tweets)) seen.add(`posts:${id}`);
      for (const id of ids(answer.includes?.users)) seen.add(`users:${id}`);
    },
    days() {
      return [...ledgers].map(([key, seen]) => {
        const [app = '', day = ''] = key.split('|');
        const counts: Record<BilledKind, number> = { users: 0, follows: 0, posts: 0 };
        for (const entry of seen) counts[entry.slice(0, entry.indexOf(':')) as BilledKind]++;
        const micros =
          counts.users * PRICES.users + counts.follows * PRICES.follows + counts.posts * PRICES.posts;
        return { app, day, ...counts, usd: micros / 1_000_000 };
      });
    },
    reset() {
      ledgers.clear();
    },
  };
}

/** The string ids of a list of resources. */
function ids(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => {
    const id = (item as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? [id] : [];
  });
}
