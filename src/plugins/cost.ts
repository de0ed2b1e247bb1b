import {
  type DocumentNode,
  type ExecutionResult,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.ts';
import { costExtension, NO_COST, staleExtension, withExtensions } from '../cost/cost-extensions.ts';
import type { Micros, Prices } from '../cost/money.ts';
import { type OperationPrice, plannedListCalls, priceOperation, recordPrice } from '../cost/price.ts';
import type { DayBill, RateLimitState, ResourceCounts } from '../rest/x-api.ts';
import { toGraphQLError } from '../schema/errors.ts';

/** Options of {@link useCost}. */
export interface CostPluginOptions {
  /** The most upstream calls one query may plan (`X_MAX_UPSTREAM_CALLS`). @default 15 */
  readonly maxUpstreamCalls?: number;
  /**
   * The caller's rate-limit state as every gateway instance knows it (`XClient.sharedRateLimitsFor`);
   * omitted, the session's own `rateLimits()`.
   */
  readonly sharedRateLimitsFor?: (principalKey: string) => Promise<RateLimitState[]>;
  /** Per-resource prices (`X_PRICES`). @default DEFAULT_PRICES */
  readonly prices?: Prices;
  /** `X_MAX_USD_PER_QUERY` in micro-dollars, 0 for none. @default DEFAULT_MAX_USD_PER_QUERY ($20) */
  readonly maxMicrosPerQuery?: Micros;
  /** `X_MAX_USD_PER_DAY` in micro-dollars, 0 for none. @default 0 */
  readonly maxMicrosPerDay?: Micros;
  /** Receives what each executed query was billed, by kind (metrics). */
  readonly onBilled?: (billed: ResourceCounts, prices: Prices) => void;
}

/**
 * Demand control, after the planning plugin and before execution: prices the planned operation in
 * upstream calls and refuses it with zero calls (`QUERY_TOO_COSTLY` over `X_MAX_UPSTREAM_CALLS`,
 * `RATE_LIMITED` when X has too little left for the caller); answers a dry run (`cost(dryRun: true)`) with only
 * its pricing root fields; and puts `extensions.cost` on every answer,
 * `extensions.stale` on those served from stale answers.
 */
export function useCost(options: CostPluginOptions = {}): Plugin<GatewayContext> {
  const { sharedRateLimitsFor, onBilled } = options;
  const money = {
    ...(options.prices ? { prices: options.prices } : {}),
    ...(options.maxMicrosPerQuery === undefined ? {} : { maxMicrosPerQuery: options.maxMicrosPerQuery }),
    ...(options.maxMicrosPerDay === undefined ? {} : { maxMicrosPerDay: options.maxMicrosPerDay }),
  };
  const dayLimited = (options.maxMicrosPerDay ?? 0) > 0;
  return {
    onExecute: ({ args, executeFn, setExecuteFn, setResultAndStopExecution }) => {
      const ctx = args.contextValue as GatewayContext;
      const plan = ctx.plan;
      // No plan (planning not installed) or a plan with bad arguments (already answered): nothing to price.
      if (!plan || plan.errors.length > 0 || plan.operation?.operation !== 'query') return undefined;
      const { operation } = plan;
      const price = (shared: readonly RateLimitState[] | undefined, day: DayBill | undefined) => {
        const priced = priceOperation(plan, ctx.session, {
          ...(options.maxUpstreamCalls === undefined ? {} : { maxUpstreamCalls: options.maxUpstreamCalls }),
          ...(shared ? { rateLimits: shared } : {}),
          ...money,
          ...(day ? { day } : {}),
        });
        recordPrice(ctx, priced);
        if (plan.dryRun) {
          setExecuteFn((execArgs) =>
            executeFn({
              ...execArgs,
              document: dryRunDocument(
                execArgs.document,
                operation,
                execArgs.schema.getQueryType()?.name ?? 'Query',
              ),
            }),
          );
        } else if (priced.refusal) {
          setResultAndStopExecution({
            errors: [toGraphQLError(priced.refusal)],
            extensions: { cost: costExtension(ctx, priced) },
          });
          return undefined;
        }
        return {
          onExecuteDone: ({ result, setResult }: ExecuteDone) => {
            if (isAsyncIterable(result)) return;
            reportBilled(ctx, priced);
            const stale = staleExtension(ctx);
            setResult(
              withExtensions(result as ExecutionResult, {
                cost: costExtension(ctx, priced),
                ...(stale ? { stale } : {}),
              }),
            );
          },
        };
      };
      const { loadSharedList, ledger } = ctx.session;
      // Every instance's bill of the day is read only when a daily limit needs it.
      const sharedDay = dayLimited && ledger?.shared;
      // Without a shared level the price is worked out at once, with no promise in the way.
      if (!sharedRateLimitsFor && !loadSharedList && !sharedDay) return price(undefined, undefined);
      return (async () => {
        const [shared, day] = await Promise.all([
          sharedRateLimitsFor?.(ctx.session.principal.key).catch(() => undefined),
          sharedDay ? ledger.today().catch(() => undefined) : undefined,
        ]);
        // With a shared level, pages another instance cached are pulled in first so the pricing sees them.
        if (loadSharedList) {
          await Promise.all(
            plannedListCalls(plan).map((call) =>
              loadSharedList.call(ctx.session, call.kind, call.ownerId, call.query).catch(() => undefined),
            ),
          );
        }
        return price(shared, day);
      })();
    },
    onResultProcess: ({ result, setResult }) => {
      if (isAsyncIterable(result)) return;
      const add = (one: ExecutionResult) =>
        one.extensions?.cost ? one : withExtensions(one, { cost: NO_COST });
      setResult(Array.isArray(result) ? result.map(add) : add(result as ExecutionResult));
    },
  };

  /** Reports a query's bill to `onBilled`, when it billed anything. */
  function reportBilled(ctx: GatewayContext, priced: OperationPrice): void {
    const billed = ctx.session.stats.billed;
    if (onBilled && billed) onBilled(billed, priced.prices);
  }
}

/** The part of Envelop's `onExecuteDone` payload the plugin uses. */
interface ExecuteDone {
  readonly result: unknown;
  readonly setResult: (result: ExecutionResult) => void;
}

/** The root fields a dry run answers; every other root field is left out, unrun. */
const PRICING_FIELDS = new Set(['cost', 'rateLimit', 'spend', '__typename']);

/**
 * The document with `operation` reduced to its pricing root fields, wherever they are selected: directly,
 * in inline fragments, or in fragments on the query type (spread at the root, nested or not). Fragments and
 * their `@include`/`@skip` stay as written; only the other root fields are left out.
 */
function dryRunDocument(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  queryTypeName: string,
): DocumentNode {
  const reduce = <T extends OperationDefinitionNode | FragmentDefinitionNode>(definition: T): T => ({
    ...definition,
    selectionSet: pricingSelections(definition.selectionSet),
  });
  return {
    ...document,
    definitions: document.definitions.map((definition) => {
      if (definition === operation) return reduce(operation);
      const onQuery =
        definition.kind === Kind.FRAGMENT_DEFINITION && definition.typeCondition.name.value === queryTypeName;
      return onQuery ? reduce(definition) : definition;
    }),
  };
}

/** A root selection set without its non-pricing fields (inline fragments reduced, spreads kept). */
function pricingSelections(selectionSet: SelectionSetNode): SelectionSetNode {
  const selections = selectionSet.selections.flatMap((selection): SelectionNode[] => {
    if (selection.kind === Kind.FIELD) return PRICING_FIELDS.has(selection.name.value) ? [selection] : [];
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      return [{ ...selection, selectionSet: pricingSelections(selection.selectionSet) }];
    }
    return [selection];
  });
  return { ...selectionSet, selections };
}

/** Is a result a stream (subscriptions, incremental delivery) rather than one result? */
function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
