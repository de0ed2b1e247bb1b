import type { ExecutionResult } from 'graphql';
import type { GatewayContext } from '../context.ts';
import { totalCount, zeroCounts } from '../rest/billing/billed-resources.ts';
import type { Endpoint, RateLimitState, ResourceCounts } from '../rest/x-api.ts';
import { DEFAULT_PRICES, priceOf, toUsd } from './money.ts';
import type { OperationPrice } from './price.ts';

/**
 * `extensions.cost` (every answer) and `extensions.stale` (answers with data served stale while X rate
 * limited or failed), built from a request's price and its session's counters once it has run.
 */

/** One endpoint's rate-limit window, as `extensions.cost.rateLimits` shows it. */
export interface RateLimitExtension {
  readonly endpoint: Endpoint;
  readonly limit: number;
  readonly remaining: number;
  readonly used: number;
  readonly resetAt: string;
}

/** `extensions.cost`. */
export interface CostExtension {
  readonly estimatedUpstreamCalls: number;
  readonly actualUpstreamCalls: number;
  readonly cacheHits: number;
  /** Calls the estimate left out because their answer was already cached. */
  readonly cachedCalls: number;
  readonly maxUpstreamCalls?: number;
  /** The estimate by endpoint. */
  readonly byEndpoint: Partial<Record<Endpoint, number>>;
  /** The caller's budget on the endpoints the operation touches, after it ran. */
  readonly rateLimits: readonly RateLimitExtension[];
  /** What the operation may cost at most in X's pay-per-use billing, in USD (known before any call). */
  readonly estimatedUsd: number;
  /** The resources behind `estimatedUsd`, by kind. */
  readonly estimatedResources: ResourceCounts;
  /** Resources X bills for this query's answers: those new to the app in this UTC day. */
  readonly billedResources: number;
  /** `billedResources` by kind. */
  readonly billedByKind: ResourceCounts;
  /** What X will charge for this query's answers, in USD. */
  readonly billedUsd: number;
}

/** The cost of an answer that planned nothing (a refused document, a validation error, an HTTP error). */
export const NO_COST: CostExtension = {
  estimatedUpstreamCalls: 0,
  actualUpstreamCalls: 0,
  cacheHits: 0,
  cachedCalls: 0,
  byEndpoint: {},
  rateLimits: [],
  estimatedUsd: 0,
  estimatedResources: zeroCounts(),
  billedResources: 0,
  billedByKind: zeroCounts(),
  billedUsd: 0,
};

/** The rate-limit entry of one state. */
export function rateLimitExtension(state: RateLimitState): RateLimitExtension {
  return {
    endpoint: state.endpoint,
    limit: state.limit,
    remaining: state.remaining,
    used: Math.max(0, state.limit - state.remaining),
    resetAt: state.resetAt.toISOString(),
  };
}

/** `extensions.cost` of a request: its price and what its session actually did. */
export function costExtension(ctx: GatewayContext, price: OperationPrice | undefined): CostExtension {
  const { stats } = ctx.session;
  const billed = { ...(stats.billed ?? zeroCounts()) };
  const endpoints = new Set<Endpoint>([...(price?.endpoints ?? []), ...stats.staleEndpoints]);
  const rateLimits = ctx.session
    .rateLimits()
    .filter((state) => endpoints.has(state.endpoint))
    .map(rateLimitExtension);
  return {
    estimatedUpstreamCalls: price?.estimate.total ?? 0,
    actualUpstreamCalls: stats.upstreamCalls,
    cacheHits: stats.cacheHits,
    cachedCalls: price?.estimate.cached ?? 0,
    ...(price ? { maxUpstreamCalls: price.maxUpstreamCalls } : {}),
    byEndpoint: price?.estimate.byEndpoint ?? {},
    rateLimits,
    estimatedUsd: toUsd(price?.estimatedMicros ?? 0),
    estimatedResources: price?.estimate.resources ?? zeroCounts(),
    billedResources: totalCount(billed),
    billedByKind: billed,
    billedUsd: toUsd(priceOf(billed, price?.prices ?? DEFAULT_PRICES)),
  };
}

/** `extensions.stale`: which endpoints were served from the cache while X refused, and which fields. */
export interface StaleExtension {
  readonly endpoints: readonly Endpoint[];
  /** Response paths (list indices left out) of the fields whose data came from a stale answer. */
  readonly paths: readonly string[];
  readonly message: string;
}

/** The stale extension of a request, undefined when nothing was served stale. */
export function staleExtension(ctx: GatewayContext): StaleExtension | undefined {
  const endpoints = ctx.session.stats.staleEndpoints;
  if (endpoints.length === 0) return undefined;
  const paths = [...(ctx.plan?.nodes.values() ?? [])]
    .filter((node) => node.upstream?.some((calls) => endpoints.includes(calls.endpoint)))
    .map((node) => node.path);
  return {
    endpoints: [...endpoints].sort(),
    paths,
    message: 'X rate limited or failed: some data was served from answers cached earlier.',
  };
}

/** A result with more extensions (the given ones win over the result's own). */
export function withExtensions<R extends ExecutionResult>(result: R, extra: Record<string, unknown>): R {
  return { ...result, extensions: { ...(result.extensions ?? {}), ...extra } };
}
