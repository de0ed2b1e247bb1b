import type { GraphQLResolveInfo } from 'graphql';
import { builder } from '../builder.ts';
import type { GatewayContext } from '../context.ts';
import { type Micros, type Prices, priceOf, toUsd } from '../cost/money.ts';
import { type OperationPrice, priceOperation, recordedPrice } from '../cost/price.ts';
import { planOf } from '../pipeline.ts';
import { totalCount, zeroCounts } from '../rest/billing/billed-resources.ts';
import { nextUtcMidnight, utcDay } from '../rest/billing/spend-ledger.ts';
import { RESOURCE_KINDS, type ResourceCounts, type ResourceKind } from '../rest/x-api.ts';

/**
 * `Query.spend`: the app's X bill for the current UTC day in pay-per-use dollars (resources new to the
 * app that day, every instance sharing `REDIS_URL` together), and the daily limit.
 */

/** The day's bill with the prices and limit it is read against. */
interface SpendView {
  readonly day: string;
  readonly billed: ResourceCounts;
  readonly prices: Prices;
  readonly limit: Micros;
  readonly shared: boolean;
}

/** One kind of resource in the day's bill. */
interface SpendKind {
  readonly kind: ResourceKind;
  readonly resources: number;
  readonly price: Micros;
}

/** The price of the current operation: the cost plugin's, else priced now (library use without it). */
function priceFor(ctx: GatewayContext, info: GraphQLResolveInfo): OperationPrice {
  return recordedPrice(ctx) ?? priceOperation(planOf(ctx, info), ctx.session);
}

const ResourceKindRef = builder.enumType('ResourceKind', {
  description: 'The kinds of resources X bills reads of.',
  values: {
    USERS: { value: 'users', description: 'A user returned by a user lookup (User read).' },
    FOLLOWS: {
      value: 'follows',
      description: 'A user returned in a followers/following page (Following/Followers read).',
    },
    POSTS: {
      value: 'posts',
      description: 'A post: a tweet lookup or an expanded pinned tweet (Posts read).',
    },
  },
});

const SpendKindRef = builder.objectRef<SpendKind>('SpendByKind').implement({
  description: 'The resources of one kind X billed the app for in the day, and their price.',
  fields: (t) => ({
    kind: t.field({ type: ResourceKindRef, resolve: (k) => k.kind }),
    resources: t.exposeInt('resources', { description: 'Resources billed (each at most once a day).' }),
    priceUsd: t.float({
      description: 'The price of one resource (`X_PRICES`).',
      resolve: (k) => toUsd(k.price),
    }),
    billedUsd: t.float({ description: 'What they cost.', resolve: (k) => toUsd(k.resources * k.price) }),
  }),
});

const SpendRef = builder.objectRef<SpendView>('Spend').implement({
  description:
    "The app's X bill for the UTC day in pay-per-use dollars: resources new to the app that day (X " +
    'deduplicates within a UTC day), as this gateway (all instances sharing `REDIS_URL`) received them.',
  fields: (t) => ({
    day: t.exposeString('day', { description: 'The UTC day, `YYYY-MM-DD`.' }),
    billedResources: t.int({
      description: 'Resources billed this day, every kind together.',
      resolve: (s) => totalCount(s.billed),
    }),
    billedUsd: t.float({
      description: 'What X bills for them, in USD (up to six decimals).',
      resolve: (s) => toUsd(priceOf(s.billed, s.prices)),
    }),
    limitUsd: t.float({
      description: 'The most the app may be billed in the day (`X_MAX_USD_PER_DAY`); 0: no limit.',
      resolve: (s) => toUsd(s.limit),
    }),
    remainingUsd: t.float({
      nullable: true,
      description: 'What is left of the daily limit; null without one.',
      resolve: (s) => (s.limit > 0 ? toUsd(Math.max(0, s.limit - priceOf(s.billed, s.prices))) : null),
    }),
    resetAt: t.field({
      type: 'DateTime',
      description: 'The next UTC midnight, when the day (and its limit) starts afresh.',
      resolve: (s) => nextUtcMidnight(Date.parse(`${s.day}T00:00:00Z`)),
    }),
    shared: t.exposeBoolean('shared', {
      description: 'Whether the ledger is shared by every instance (`REDIS_URL`) rather than this one alone.',
    }),
    byKind: t.field({
      type: [SpendKindRef],
      description: 'The bill by kind of resource.',
      resolve: (s) =>
        RESOURCE_KINDS.map((kind) => ({ kind, resources: s.billed[kind], price: s.prices[kind] })),
    }),
  }),
});

builder.queryField('spend', (t) =>
  t.field({
    type: SpendRef,
    description:
      "The app's X bill for the UTC day: day, billedResources, billedUsd, limitUsd, after the rest of " +
      'the operation ran (its own bill included). Makes no call to X.',
    resolve: async (_root, _args, ctx, info) => {
      const price = priceFor(ctx, info);
      // Resolved after the operation's other fields: what they were billed shows.
      await ctx.session.settled?.();
      const { ledger } = ctx.session;
      const bill = ledger ? await ledger.today() : { day: utcDay(Date.now()), billed: zeroCounts() };
      return {
        ...bill,
        prices: price.prices,
        limit: price.maxMicrosPerDay,
        shared: ledger?.shared ?? false,
      };
    },
  }),
);
