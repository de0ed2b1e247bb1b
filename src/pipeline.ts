import {
  type DocumentNode,
  GraphQLError,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  getOperationAST,
  getVariableValues,
  Kind,
  type VariableDefinitionNode,
} from 'graphql';
import type { GatewayContext } from './context.ts';
import { type OperationPrice, type PriceOptions, priceOperation, recordPrice } from './cost/price.ts';
import { planOperation } from './plan/build-plan.ts';
import type { PlanCache } from './plan/plan-cache.ts';
import type { OperationPlan, PlanNode } from './plan/plan-types.ts';
import { BadUserInputError, GatewayError } from './rest/errors.ts';
import { extensionsOf } from './schema/errors.ts';
import { memoized } from './util/memoized.ts';

/**
 * The one pipeline every way of running the gateway's schema goes through: after parsing and validation,
 * the operation is planned (bad arguments are `BAD_USER_INPUT`, before any call) and priced (too costly
 * is `QUERY_TOO_COSTLY`, more than X has left `RATE_LIMITED`, before any call), then executed with the
 * plan in the context. The server's plugins (`usePlanning`, `useCost` in `src/yoga.ts`), the stitching
 * executor (`src/library/executor.ts`) and resolvers run without either (graphql's own `execute` over the
 * exported schema) all plan and price with the functions here.
 */

/** An operation to plan: what `execute` receives. */
export interface OperationRequest {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operationName?: string | null | undefined;
  readonly variableValues?: Readonly<Record<string, unknown>> | null | undefined;
}

/**
 * The plan of a request's operation, from `cache` or planned (and kept there when its key is small
 * enough); or the errors of its variables when they do not fit their declared types (`BAD_USER_INPUT`,
 * 400 under `application/graphql-response+json`).
 */
export function planRequest(
  request: OperationRequest,
  options: { readonly cache?: PlanCache | undefined; readonly readAhead?: number | undefined } = {},
): OperationPlan | readonly GraphQLError[] {
  const { schema, document, operationName } = request;
  const { cache, readAhead = 0 } = options;
  const variables = (request.variableValues ?? undefined) as Record<string, unknown> | undefined;
  const operation = getOperationAST(document, operationName);
  if (!operation) return planOperation({ schema, document, operationName, variables, readAhead });
  const definitions = operation.variableDefinitions ?? [];
  // Keyed by the values as sent: the same values always coerce alike, so a plan kept under them was
  // planned from values that coerced without errors, and a hit needs no coercion.
  const sent = cache && declaredValues(definitions, variables);
  const key = sent && cache?.keyOf(document, operation, sent);
  const kept = key === undefined ? undefined : cache?.get(key);
  if (kept) return kept;
  // Only the variables the operation declares count.
  const coerced = getVariableValues(schema, definitions, variables ?? {});
  if (coerced.errors) return coerced.errors.map(variableError);
  const plan = planOperation({
    schema,
    document,
    operationName,
    variables: coerced.coerced,
    variablesCoerced: true,
    readAhead,
  });
  if (key !== undefined) cache?.set(key, plan);
  return plan;
}

/**
 * The values sent for the variables an operation declares (a variable not sent is left out), or
 * undefined when one is not plain JSON (`undefined`, a non-finite number, a BigInt, a `Date`: values only
 * a library caller can pass, which JSON would write like another value), so the request is planned
 * without the cache.
 */
function declaredValues(
  definitions: readonly VariableDefinitionNode[],
  variables: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> | undefined {
  const values: Record<string, unknown> = {};
  for (const definition of definitions) {
    const name = definition.variable.name.value;
    if (!variables || !Object.hasOwn(variables, name)) continue;
    const value = variables[name];
    if (!isPlainJson(value)) return undefined;
    values[name] = value;
  }
  return values;
}

/** How deep a value used as a plan-cache key may nest; a deeper one is planned without the cache. */
const MAX_KEYED_DEPTH = 32;

/**
 * Whether JSON writes a value as itself (null, strings, booleans, finite numbers, plain arrays and objects
 * of them), nested at most `MAX_KEYED_DEPTH` deep.
 */
function isPlainJson(value: unknown, depth = 0): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || depth >= MAX_KEYED_DEPTH) return false;
  if (Array.isArray(value)) return value.every((item) => isPlainJson(item, depth + 1));
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.values(value).every((item) => isPlainJson(item, depth + 1));
}

/** The GraphQL errors of a plan's bad arguments, each at its path (`BAD_USER_INPUT` unless coded). */
export function planErrors(plan: OperationPlan): GraphQLError[] {
  return plan.errors.map(({ path, error }) => {
    const extensions = error instanceof GatewayError ? extensionsOf(error) : { code: 'BAD_USER_INPUT' };
    return new GraphQLError(error.message, { path: path.split('.'), extensions });
  });
}

/**
 * Prices a context's plan with the session's own view of X's budget and records the price on the
 * context (for `cost`, `rateLimit`, `spend` and `extensions.cost`). Only queries are priced.
 */
export function priceRequest(
  ctx: GatewayContext,
  plan: OperationPlan,
  options: PriceOptions = {},
): OperationPrice | undefined {
  if (plan.errors.length > 0 || plan.operation?.operation !== 'query') return undefined;
  const price = priceOperation(plan, ctx.session, options);
  recordPrice(ctx, price);
  return price;
}

/** A variable that does not fit its type is a request error: `BAD_USER_INPUT`, HTTP 400. */
function variableError(error: GraphQLError): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes ?? null,
    extensions: { code: 'BAD_USER_INPUT', http: { spec: true, status: 400 } },
  });
}

/** Why a plan made by a resolver must not run (its price's refusal), by plan. */
const refusals = new WeakMap<OperationPlan, GatewayError>();

/**
 * The plan of the operation `info` belongs to. When no plugin planned it (the schema run by graphql's own
 * `execute`), the first resolver plans and prices it, once per operation: the plan is kept in the
 * context, and a refusal (`QUERY_TOO_COSTLY`, `RATE_LIMITED`, `SPEND_LIMITED`) is thrown by every field
 * that reads its plan node (see {@link planNodeAt}), so no call is made.
 */
export function planOf(ctx: GatewayContext, info: GraphQLResolveInfo): OperationPlan {
  if (ctx.plan?.operation !== info.operation) {
    const plan = planOperation({
      schema: info.schema,
      document: { kind: Kind.DOCUMENT, definitions: [info.operation, ...Object.values(info.fragments)] },
      operationName: info.operation.name?.value,
      variables: info.variableValues,
      variablesCoerced: true,
    });
    ctx.plan = plan;
    const limits = ctx.maxUpstreamCalls === undefined ? {} : { maxUpstreamCalls: ctx.maxUpstreamCalls };
    const refusal = priceRequest(ctx, plan, limits)?.refusal;
    if (refusal) refusals.set(plan, refusal);
  }
  return ctx.plan;
}

/**
 * The plan node of the field being resolved (its response path without list indices). Throws the
 * operation's refusal when pricing refused it, and the field's own argument error when it has one, so
 * a field never calls X for an operation the server would not run.
 */
export function planNodeAt(ctx: GatewayContext, info: GraphQLResolveInfo): PlanNode | undefined {
  const plan = planOf(ctx, info);
  const refusal = refusals.get(plan);
  if (refusal) throw refusal;
  const key = placeKey(info);
  if (plan.errors.length > 0) {
    const error = plan.errors.find((one) => one.path === key)?.error;
    if (error) throw error instanceof GatewayError ? error : new BadUserInputError(error.message);
  }
  return plan.nodes.get(key);
}

/**
 * The plan node of the field whose value holds the field being resolved (`user.pinnedTweet` for
 * `user.pinnedTweet.text`), or undefined at the root: where a lazily loaded object finds its query.
 */
export function parentPlanNodeAt(ctx: GatewayContext, info: GraphQLResolveInfo): PlanNode | undefined {
  return info.path.prev ? planOf(ctx, info).nodes.get(pathKey(info.path.prev)) : undefined;
}

/**
 * The plan node at `relative` (response keys joined by dots) below the field being resolved: where a
 * list's projection (`src/projection/list-projection.ts`) finds the plan of its items' fields.
 */
export function planNodeBelow(
  ctx: GatewayContext,
  info: GraphQLResolveInfo,
  relative: string,
): PlanNode | undefined {
  return planOf(ctx, info).nodes.get(`${placeKey(info)}.${relative}`);
}

// Path keys by place in the query. graphql-js and graphql-jit hand every resolver call at one place of a
// query the same `fieldNodes` array (the items of a list share it, and a compiled query keeps it from one
// request to the next), while no two places share one: a place's key is worked out once, not once per
// list item.
const pathKeys = new WeakMap<GraphQLResolveInfo['fieldNodes'], string>();

/** The path key of the field being resolved, worked out once per place in the query. */
function placeKey(info: GraphQLResolveInfo): string {
  return memoized(pathKeys, info.fieldNodes, () => pathKey(info.path));
}

/** A response path without list indices: `user.followers.edges.node`. */
function pathKey(path: GraphQLResolveInfo['path']): string {
  const keys: string[] = [];
  for (let at: GraphQLResolveInfo['path'] | undefined = path; at; at = at.prev) {
    if (typeof at.key === 'string') keys.push(at.key);
  }
  return keys.reverse().join('.');
}
