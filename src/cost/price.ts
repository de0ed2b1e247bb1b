import type { GatewayContext } from '../context.ts';
import { type CallEstimate, type EstimateOptions, estimateUpstreamCalls } from '../plan/estimate.ts';
import type { OperationPlan, PlannedListCall } from '../plan/plan-types.ts';
import { nextUtcMidnight } from '../rest/billing/spend-ledger.ts';
import {
  type GatewayError,
  QueryTooCostlyError,
  RateLimitedError,
  SpendLimitedError,
} from '../rest/errors.ts';
import type { DayBill, Endpoint, RateLimitState, XSession } from '../rest/x-api.ts';
import { memoized } from '../util/memoized.ts';
import {
  DEFAULT_MAX_USD_PER_QUERY,
  DEFAULT_PRICES,
  formatUsd,
  type Micros,
  type Prices,
  priceOf,
  toUsd,
} from './money.ts';

/**
 * Demand control: the price of one operation in upstream calls and in X's pay-per-use dollars, from the
 * planner's one walk, checked against `X_MAX_UPSTREAM_CALLS`, `X_MAX_USD_PER_QUERY`, `X_MAX_USD_PER_DAY`
 * and what X has left for the caller on each endpoint, before any call is made. A query that cannot
 * finish, or would cost more than allowed, never starts.
 */

/** The default of `X_MAX_UPSTREAM_CALLS`. */
export const DEFAULT_MAX_UPSTREAM_CALLS = 15;

/** The price of one operation for one caller. */
export interface OperationPrice {
  /** Calls the operation may make (cached pages left out). */
  readonly estimate: CallEstimate;
  /** The most calls one operation may plan (`X_MAX_UPSTREAM_CALLS`). */
  readonly maxUpstreamCalls: number;
  /** The caller's known budget on each endpoint the operation may call. */
  readonly rateLimits: readonly RateLimitState[];
  /** Every endpoint the operation touches, cached or not. */
  readonly endpoints: readonly Endpoint[];
  /** What the operation may cost at most in X's pay-per-use billing (micro-dollars; cached pages left out). */
  readonly estimatedMicros: Micros;
  /** The per-resource prices used (`X_PRICES`). */
  readonly prices: Prices;
  /** `X_MAX_USD_PER_QUERY` in micro-dollars; 0: no limit. */
  readonly maxMicrosPerQuery: Micros;
  /** `X_MAX_USD_PER_DAY` in micro-dollars; 0: no limit. */
  readonly maxMicrosPerDay: Micros;
  /** The app's bill for the UTC day before the operation, when the session has a ledger. */
  readonly day: DayBill | undefined;
  /**
   * Why the operation must not run, when it must not: `QUERY_TOO_COSTLY`, `SPEND_LIMITED` or
   * `RATE_LIMITED`.
   */
  readonly refusal: GatewayError | undefined;
}

/** What pricing needs besides the plan. */
export interface PriceOptions {
  /** @default 15 */
  readonly maxUpstreamCalls?: number;
  /** The caller's rate-limit state; @default the session's own `rateLimits()` */
  readonly rateLimits?: readonly RateLimitState[];
  /** @default Date.now */
  readonly now?: () => number;
  /** Per-resource prices (`X_PRICES`). @default DEFAULT_PRICES */
  readonly prices?: Prices;
  /** `X_MAX_USD_PER_QUERY` in micro-dollars, 0 for none. @default DEFAULT_MAX_USD_PER_QUERY */
  readonly maxMicrosPerQuery?: Micros;
  /** `X_MAX_USD_PER_DAY` in micro-dollars, 0 for none. @default 0 */
  readonly maxMicrosPerDay?: Micros;
  /** The app's bill for the UTC day (every instance's, with a shared ledger); @default the session ledger's own */
  readonly day?: DayBill | undefined;
}

/** Prices a plan for a session's principal and decides whether it may run. */
export function priceOperation(
  plan: OperationPlan,
  session: XSession,
  options: PriceOptions = {},
): OperationPrice {
  const maxUpstreamCalls = options.maxUpstreamCalls ?? DEFAULT_MAX_UPSTREAM_CALLS;
  const now = options.now?.() ?? Date.now();
  const cachedIn = (stale: boolean): EstimateOptions => ({
    isCached: (call: PlannedListCall) =>
      session.isListCached?.(call.kind, call.ownerId, call.query, stale) ?? false,
    isLookupCached: (lookup) => session.isLookupCached?.(lookup, stale) ?? false,
    cachedUserId: (username, query) => session.cachedUserId?.(username, query, stale),
  });
  const estimate = estimateUpstreamCalls(plan, cachedIn(false));
  const endpoints = endpointsOf(plan);
  const known = options.rateLimits ?? session.rateLimits();
  const rateLimits = known.filter((state) => endpoints.includes(state.endpoint));
  const prices = options.prices ?? DEFAULT_PRICES;
  const maxMicrosPerQuery = options.maxMicrosPerQuery ?? DEFAULT_MAX_USD_PER_QUERY;
  const maxMicrosPerDay = options.maxMicrosPerDay ?? 0;
  const estimatedMicros = priceOf(estimate.resources, prices);
  const day = options.day ?? session.ledger?.todayLocal();
  const dayMicros = day ? priceOf(day.billed, prices) : 0;
  let refusal: GatewayError | undefined;
  if (estimate.total > maxUpstreamCalls) {
    refusal = new QueryTooCostlyError(
      `This query needs up to ${estimate.total} upstream calls to X (${describe(estimate)}); ` +
        `the limit is ${maxUpstreamCalls} per query (X_MAX_UPSTREAM_CALLS). ` +
        'Ask for smaller pages (`first`/`last`), fewer nested lists or fewer ids.',
      { extensions: { estimatedUpstreamCalls: estimate.total, maxUpstreamCalls } },
    );
  } else if (maxMicrosPerQuery > 0 && estimatedMicros > maxMicrosPerQuery) {
    refusal = new QueryTooCostlyError(
      `This query may cost up to ${formatUsd(estimatedMicros)} in X's pay-per-use billing ` +
        `(${describeResources(estimate)}); the limit is ${formatUsd(maxMicrosPerQuery)} per query ` +
        '(X_MAX_USD_PER_QUERY). Ask for smaller pages (`first`/`last`), fewer nested lists, fewer ids ' +
        'or no pinned tweets.',
      {
        extensions: {
          estimatedUsd: toUsd(estimatedMicros),
          maxUsdPerQuery: toUsd(maxMicrosPerQuery),
        },
      },
    );
  } else if (maxMicrosPerDay > 0 && estimatedMicros > 0 && dayMicros + estimatedMicros > maxMicrosPerDay) {
    refusal = new SpendLimitedError(
      `This query may cost up to ${formatUsd(estimatedMicros)}, and the app's X bill for ${day?.day ?? 'today'} ` +
        `is already ${formatUsd(dayMicros)} of ${formatUsd(maxMicrosPerDay)} allowed per UTC day ` +
        '(X_MAX_USD_PER_DAY); nothing was called.',
      nextUtcMidnight(now),
      {
        extensions: {
          estimatedUsd: toUsd(estimatedMicros),
          billedUsd: toUsd(dayMicros),
          limitUsd: toUsd(maxMicrosPerDay),
        },
      },
    );
  } else if (estimate.total > 0) {
    // Pages held in the cache within the stale bound are served even while X refuses: they need no budget.
    const needed = estimateUpstreamCalls(plan, cachedIn(true));
    refusal = budgetRefusal(needed, rateLimits, now);
  }
  return {
    estimate,
    maxUpstreamCalls,
    rateLimits,
    endpoints,
    estimatedMicros,
    prices,
    maxMicrosPerQuery,
    maxMicrosPerDay,
    day,
    refusal,
  };
}

// Plans are kept and shared by every request of a document: what pricing reads from a plan alone is
// worked out once per plan.
const endpointsByPlan = new WeakMap<OperationPlan, readonly Endpoint[]>();
const listCallsByPlan = new WeakMap<OperationPlan, readonly PlannedListCall[]>();

/** Every endpoint a plan may call, sorted. */
function endpointsOf(plan: OperationPlan): readonly Endpoint[] {
  return memoized(endpointsByPlan, plan, () => {
    const all = [...plan.nodes.values()].flatMap((node) =>
      (node.upstream ?? []).map((calls) => calls.endpoint),
    );
    return [...new Set(all)].sort();
  });
}

/** The list calls a plan knows before execution (connections whose owner the operation names). */
export function plannedListCalls(plan: OperationPlan): readonly PlannedListCall[] {
  return memoized(listCallsByPlan, plan, () =>
    [...plan.nodes.values()].flatMap((node) => (node.connection?.call ? [node.connection.call] : [])),
  );
}

/** `RATE_LIMITED` when an endpoint needs more calls than X has left before its reset, else undefined. */
function budgetRefusal(
  estimate: CallEstimate,
  rateLimits: readonly RateLimitState[],
  now: number,
): RateLimitedError | undefined {
  for (const state of rateLimits) {
    const calls = estimate.byEndpoint[state.endpoint] ?? 0;
    if (calls === 0 || calls <= state.remaining || state.resetAt.getTime() <= now) continue;
    return new RateLimitedError(
      `This query needs up to ${calls} call${calls === 1 ? '' : 's'} to ${state.endpoint}, and X allows ${state.remaining} more ` +
        `for this caller until ${state.resetAt.toISOString()}; nothing was called.`,
      state.resetAt,
      {
        now,
        extensions: {
          endpoint: state.endpoint,
          estimatedUpstreamCalls: estimate.total,
          remaining: state.remaining,
        },
      },
    );
  }
  return undefined;
}

/** `GET /2/users/:id/followers: 101, GET /2/users: 2`. */
function describe(estimate: CallEstimate): string {
  return Object.entries(estimate.byEndpoint)
    .map(([endpoint, calls]) => `${endpoint}: ${calls}`)
    .join(', ');
}

/** `1000 follows, 1000 posts, 1 users`. */
function describeResources(estimate: CallEstimate): string {
  return Object.entries(estimate.resources)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} ${kind}`)
    .join(', ');
}

/** The prices of requests, by their context (set by the cost plugin, read by `Query.cost`). */
const prices = new WeakMap<GatewayContext, OperationPrice>();

/** Records the price of a request's operation. */
export function recordPrice(ctx: GatewayContext, price: OperationPrice): void {
  prices.set(ctx, price);
}

/** The recorded price of a request's operation, if the cost plugin priced it. */
export function recordedPrice(ctx: GatewayContext): OperationPrice | undefined {
  return prices.get(ctx);
}
