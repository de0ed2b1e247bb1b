import { type DocumentNode, type ExecutionResult, execute, type GraphQLSchema } from 'graphql';
import type { GatewayContext } from '../context.ts';
import { planErrors, planRequest, priceRequest } from '../pipeline.ts';
import { toGraphQLError } from '../schema/errors.ts';

/** What a schema-stitching gateway hands a subschema executor (a subset of graphql-tools' `ExecutionRequest`). */
export interface DelegatedRequest {
  readonly document: DocumentNode;
  readonly variables?: Record<string, unknown> | undefined;
  readonly operationName?: string | undefined;
  /** The context of the stitching gateway's own request. */
  readonly context?: unknown;
}

/** Options of {@link createGatewayExecutor}. */
export interface ExecutorOptions {
  /** The most upstream calls one delegated operation may plan (`X_MAX_UPSTREAM_CALLS`). @default 15 */
  readonly maxUpstreamCalls?: number;
}

/** An executor for `@graphql-tools/stitch` subschema configurations (graphql-tools' `Executor`). */
export type GatewayExecutor = <TReturn = Record<string, unknown>>(
  request: DelegatedRequest,
) => Promise<ExecutionResult<TReturn>>;

/**
 * Runs delegated operations against the gateway schema in process. Every operation a stitching gateway
 * delegates while answering one of its requests (its root fields, then each merge of `User` by
 * `users(restIds:)`) shares the loaders of that request, keyed by the outer request's context object, so
 * a user fetched by one delegation is not fetched again by the next. Each delegation is planned before it
 * runs and priced, like `/graphql` does: bad arguments are `BAD_USER_INPUT` and too costly operations
 * `QUERY_TOO_COSTLY`, without any upstream call. Each delegation is priced on its own.
 */
export function createGatewayExecutor(
  schema: GraphQLSchema,
  contextFor: (outerContext: unknown) => GatewayContext,
  options: ExecutorOptions = {},
): GatewayExecutor {
  const byOuterContext = new WeakMap<object, GatewayContext>();
  return async <TReturn>(request: DelegatedRequest): Promise<ExecutionResult<TReturn>> => {
    const outer = request.context;
    let shared = typeof outer === 'object' && outer !== null ? byOuterContext.get(outer) : undefined;
    if (!shared) {
      shared = contextFor(outer);
      if (typeof outer === 'object' && outer !== null) byOuterContext.set(outer, shared);
    }
    const { document, operationName, variables: variableValues } = request;
    const plan = planRequest({ schema, document, operationName, variableValues });
    if (!('nodes' in plan)) return { errors: plan };
    if (plan.errors.length > 0) return { errors: planErrors(plan) };
    // A context of its own per delegation (its own plan), with the request's shared session and loaders.
    const context: GatewayContext = { session: shared.session, loaders: shared.loaders, plan };
    // Demand control as on `/graphql`: a delegation planning too many calls (or more than X has left
    // for the caller) is refused before any call.
    const refusal = priceRequest(context, plan, options)?.refusal;
    if (refusal) return { errors: [toGraphQLError(refusal)] };
    return (await execute({
      schema,
      document: request.document,
      variableValues: request.variables,
      operationName: request.operationName,
      contextValue: context,
    })) as ExecutionResult<TReturn>;
  };
}
