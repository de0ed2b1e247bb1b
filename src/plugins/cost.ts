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
import { plannedListCalls, priceOperation, recordPrice } from '../cost/price.ts';
import type { RateLimitState } from '../rest/x-api.ts';
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
}

/**
 * Demand control, after the planning plugin and before execution: prices the planned operation in
 * upstream calls and refuses it with zero calls (`QUERY_TOO_COSTLY` over `X_MAX_UPSTREAM_CALLS`,
 * `RATE_LIMITED` when X has too little left for the caller); answers a dry run (`cost(dryRun: true)`) with only
 * its pricing root fields; and puts `extensions.cost` on every answer,
 * `extensions.stale` on those served from stale answers.
 */
export function useCost(options: CostPluginOptions = {}): Plugin<GatewayContext> {
  const { sharedRateLimitsFor } = options;
  return {
    onExecute: ({ args, executeFn, setExecuteFn, setResultAndStopExecution }) => {
      const ctx = args.contextValue as GatewayContext;
      const plan = ctx.plan;
      // No plan (planning not installed) or a plan with bad arguments (already answered): nothing to price.
      if (!plan || plan.errors.length > 0 || plan.operation?.operation !== 'query') return undefined;
      const { operation } = plan;
      const price = (shared: readonly RateLimitState[] | undefined) => {
        const priced = priceOperation(plan, ctx.session, {
          ...(options.maxUpstreamCalls === undefined ? {} : { maxUpstreamCalls: options.maxUpstreamCalls }),
          ...(shared ? { rateLimits: shared } : {}),
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
      const { loadSharedList } = ctx.session;
      // Without a shared level the price is worked out at once, with no promise in the way.
      if (!sharedRateLimitsFor && !loadSharedList) return price(undefined);
      return (async () => {
        const shared = await sharedRateLimitsFor?.(ctx.session.principal.key).catch(() => undefined);
        // With a shared level, pages another instance cached are pulled in first so the pricing sees them.
        if (loadSharedList) {
          await Promise.all(
            plannedListCalls(plan).map((call) =>
              loadSharedList.call(ctx.session, call.kind, call.ownerId, call.query).catch(() => undefined),
            ),
          );
        }
        return price(shared);
      })();
    },
    onResultProcess: ({ result, setResult }) => {
      if (isAsyncIterable(result)) return;
      const add = (one: ExecutionResult) =>
        one.extensions?.cost ? one : withExtensions(one, { cost: NO_COST });
      setResult(Array.isArray(result) ? result.map(add) : add(result as ExecutionResult));
    },
  };
}

/** The part of Envelop's `onExecuteDone` payload the plugin uses. */
interface ExecuteDone {
  readonly result: unknown;
  readonly setResult: (result: ExecutionResult) => void;
}

/** The root fields a dry run answers; every other root field is left out, unrun. */
const PRICING_FIELDS = new Set(['cost', 'rateLimit', '__typename']);

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
