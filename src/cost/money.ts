import { RESOURCE_KINDS, type ResourceCounts, type ResourceKind } from '../rest/x-api.ts';

/**
 * Money in exact arithmetic: amounts are integers of micro-dollars (1 USD = 1,000,000), so sums and
 * products never drift the way binary fractions do. They are shown as USD numbers with at most six
 * decimals (`15.01`), which an IEEE double represents closely enough to print exactly.
 */

/** An amount in micro-dollars (an integer). */
export type Micros = number;

/** Micro-dollars per dollar. */
export const MICROS_PER_USD = 1_000_000;

/** Per-resource read prices, in micro-dollars. */
export type Prices = Readonly<Record<ResourceKind, Micros>>;

/** X's published pay-per-use read prices: User read $0.010, Following/Followers read $0.010, Posts read $0.005. */
export const DEFAULT_PRICES: Prices = Object.freeze({ users: 10_000, follows: 10_000, posts: 5_000 });

/**
 * The default of `X_MAX_USD_PER_QUERY`, in micro-dollars: $20, enough for one 1000-follower page with
 * pinned tweets and its owner ($10 + $5 + $0.01 = $15.01).
 */
export const DEFAULT_MAX_USD_PER_QUERY: Micros = 20_000_000;

const USD_PATTERN = /^(\d{1,9})(?:\.(\d{1,6}))?$/;

/** Parses a USD amount (`0.010`, `20`, up to six decimals); undefined when malformed. */
export function parseUsd(text: string): Micros | undefined {
  const match = USD_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const fraction = (match[2] ?? '').padEnd(6, '0');
  return Number(match[1]) * MICROS_PER_USD + Number(fraction);
}

/** An amount as a USD number (`15010000` → `15.01`). */
export function toUsd(micros: Micros): number {
  return micros / MICROS_PER_USD;
}

/** An amount as text for messages: `$15.01`, `$0.005`. */
export function formatUsd(micros: Micros): string {
  return `$${toUsd(micros)
    .toFixed(6)
    .replace(/0{1,4}$/, '')}`;
}

/** What `counts` resources cost at `prices`. */
export function priceOf(counts: ResourceCounts, prices: Prices): Micros {
  let micros = 0;
  for (const kind of RESOURCE_KINDS) micros += counts[kind] * prices[kind];
  return micros;
}

/**
 * Parses `X_PRICES`: comma-separated `kind=usd` pairs (`users=0.010,follows=0.010,posts=0.005`); kinds
 * left out keep X's published price. Throws `TypeError` naming the problem.
 */
export function parsePrices(text: string): Prices {
  const prices: Record<ResourceKind, Micros> = { ...DEFAULT_PRICES };
  const seen = new Set<string>();
  for (const part of text.split(',')) {
    const [kind = '', value = '', ...rest] = part.split('=').map((piece) => piece.trim());
    if (!(RESOURCE_KINDS as readonly string[]).includes(kind) || rest.length > 0) {
      throw new TypeError(`"${part.trim()}" is not kind=usd with kind one of ${RESOURCE_KINDS.join(', ')}`);
    }
    const micros = parseUsd(value);
    if (micros === undefined)
      throw new TypeError(`the price of ${kind} must be a USD amount (got "${value}")`);
    if (seen.has(kind)) throw new TypeError(`${kind} is priced twice`);
    seen.add(kind);
    prices[kind as ResourceKind] = micros;
  }
  return Object.freeze(prices);
}
