import type { GraphQLResolveInfo } from 'graphql';
import { builder } from '../builder.ts';
import type { GatewayContext } from '../context.ts';
import { toUsd } from '../cost/money.ts';
import { type OperationPrice, priceOperation, recordedPrice } from '../cost/price.ts';
import { planOf } from '../pipeline.ts';
import { xRoot } from '../plan/x-needs.ts';
import { totalCount } from '../rest/billing/billed-resources.ts';
import type { Endpoint, RateLimitState } from '../rest/x-api.ts';

/**
 * `Query.rateLimit`: X's budget for the caller's principal, as the last answers' headers told it once the
 * rest of the operation ran; and
 * `Query.cost`: the price of the operation it is selected in. With `cost(dryRun: true)` the operation is
 * priced and not run (no upstream call; only `cost`, `rateLimit` and `__typename` are answered), the
 * way GitHub's `rateLimit(dryRun: true)` works (`rateLimit` keeps the contract's signature).
 */

/** The price of the current operation: the cost plugin's, else priced now (library use without it). */
function priceOf(ctx: GatewayContext, info: GraphQLResolveInfo): OperationPrice {
  return recordedPrice(ctx) ?? priceOperation(planOf(ctx, info), ctx.session);
}

const DRY_RUN_DESCRIPTION =
  'Price the operation without running it: no upstream call is made, and only `cost`, `rateLimit` ' +
  'and `__typename` are answered.';

/** A rate-limit window with the current operation's planned calls on its endpoint. */
interface PricedRateLimit extends RateLimitState {
  readonly cost: number;
}

const RateLimitRef = builder.objectRef<PricedRateLimit>('RateLimit').implement({
  description:
    "X's rate-limit window of one endpoint for the caller, from the last `x-rate-limit-*` headers.",
  fields: (t) => ({
    endpoint: t.exposeString('endpoint', {
      description: 'The endpoint, as X names it: `GET /2/users/:id/followers`.',
    }),
    limit: t.exposeInt('limit', { description: 'Requests allowed per window.' }),
    remaining: t.exposeInt('remaining', { description: 'Requests left in the current window.' }),
    used: t.int({
      description: 'Requests spent in the current window.',
      resolve: (s) => Math.max(0, s.limit - s.remaining),
    }),
    resetAt: t.field({ type: 'DateTime', description: 'When the window resets.', resolve: (s) => s.resetAt }),
    cost: t.exposeInt('cost', {
      description: 'Upstream calls the current operation plans on this endpoint (at most).',
    }),
  }),
});

builder.queryField('rateLimit', (t) =>
  t.field({
    type: [RateLimitRef],
    description:
      "X's budget for the caller, one entry per endpoint the gateway has called for it, after the rest " +
      'of the operation ran (its own calls included, as GitHub shows the budget after the query). Makes ' +
      'no call.',
    resolve: async (_root, _args, ctx, info) => {
      const price = priceOf(ctx, info);
      // Resolved after the operation's other fields: the budget they spent shows.
      await ctx.session.settled?.();
      return [...ctx.session.rateLimits()]
        .sort((a, b) => a.endpoint.localeCompare(b.endpoint))
        .map((state) => ({ ...state, cost: price.estimate.byEndpoint[state.endpoint] ?? 0 }));
    },
  }),
);

/** One endpoint of a price. */
interface EndpointPrice {
  readonly endpoint: Endpoint;
  readonly calls: number;
  readonly state: RateLimitState | undefined;
}

const EndpointCostRef = builder.objectRef<EndpointPrice>('EndpointCost').implement({
  description: 'The calls an operation plans on one X endpoint, and what X has left there for the caller.',
  fields: (t) => ({
    endpoint: t.exposeString('endpoint', { description: 'The endpoint, as X names it.' }),
    calls: t.exposeInt('calls', { description: 'Upstream calls planned (at most).' }),
    remaining: t.int({
      nullable: true,
      description: 'Requests X has left in the window; null before the gateway has called the endpoint.',
      resolve: (p) => p.state?.remaining ?? null,
    }),
    resetAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the window resets; null when unknown.',
      resolve: (p) => p.state?.resetAt ?? null,
    }),
  }),
});

const QueryCostRef = builder.objectRef<OperationPrice>('QueryCost').implement({
  description: 'The price of an operation in upstream calls to X, computed before any call.',
  fields: (t) => ({
    estimatedUpstreamCalls: t.int({
      description: 'Upstream calls the operation may make (an upper bound; cached pages left out).',
      resolve: (p) => p.estimate.total,
    }),
    cachedCalls: t.int({
      description: 'Calls left out because their answer is already cached.',
      resolve: (p) => p.estimate.cached,
    }),
    maxUpstreamCalls: t.exposeInt('maxUpstreamCalls', {
      description: 'The most upstream calls one operation may plan (`X_MAX_UPSTREAM_CALLS`).',
    }),
    estimatedUsd: t.float({
      description:
        "What the operation may cost at most in X's pay-per-use billing, in USD (an upper bound; cached " +
        'pages left out, and resources already billed today may turn out free).',
      resolve: (p) => toUsd(p.estimatedMicros),
    }),
    estimatedResources: t.int({
      description: 'The resources behind `estimatedUsd`: users, follows and posts together.',
      resolve: (p) => totalCount(p.estimate.resources),
    }),
    maxUsdPerQuery: t.float({
      description: 'The most one operation may be estimated to cost (`X_MAX_USD_PER_QUERY`); 0: no limit.',
      resolve: (p) => toUsd(p.maxMicrosPerQuery),
    }),
    allowed: t.boolean({
      description:
        'Would the operation run (false: refused with `QUERY_TOO_COSTLY`, `SPEND_LIMITED` or `RATE_LIMITED`)?',
      resolve: (p) => p.refusal === undefined,
    }),
    refusal: t.string({
      nullable: true,
      description: 'Why the operation would be refused, when it would be.',
      resolve: (p) => p.refusal?.message ?? null,
    }),
    endpoints: t.field({
      type: [EndpointCostRef],
      description: 'The planned calls per endpoint.',
      resolve: (p) =>
        Object.entries(p.estimate.byEndpoint).map(([endpoint, calls]) => ({
          endpoint: endpoint as Endpoint,
          calls: calls ?? 0,
          state: p.rateLimits.find((state) => state.endpoint === endpoint),
        })),
    }),
  }),
});

builder.queryField('cost', (t) =>
  t.field({
    type: QueryCostRef,
    description:
      'The price of this operation in upstream calls to X, computed before any call. Makes no call.',
    args: { dryRun: t.arg.boolean({ defaultValue: false, description: DRY_RUN_DESCRIPTION }) },
    extensions: xRoot({ dryRun: (args) => args.dryRun === true }),
    resolve: (_root, _args, ctx, info) => priceOf(ctx, info),
  }),
);
