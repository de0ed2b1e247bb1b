import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.ts';
import { GatewayError } from '../rest/errors.ts';
import { toGraphQLError } from '../schema/errors.ts';
import { planOperation } from './build-plan.ts';

/**
 * Plans each operation once, before execution, and stores the plan in the context for the resolvers
 * (and later plugins, such as the cost estimator, which read `context.plan`). An operation with bad
 * arguments (out-of-range `first`, malformed ids or cursors) is answered with `BAD_USER_INPUT` errors at
 * their paths and never executes, so it makes no upstream call.
 */
export function usePlanning(): Plugin<GatewayContext> {
  return {
    onExecute: ({ args, setResultAndStopExecution }) => {
      const plan = planOperation({
        schema: args.schema,
        document: args.document,
        operationName: args.operationName,
        variables: args.variableValues as Record<string, unknown> | undefined,
      });
      (args.contextValue as GatewayContext).plan = plan;
      if (plan.errors.length === 0) return;
      setResultAndStopExecution({
        errors: plan.errors.map(({ path, error }) => {
          const extensions =
            error instanceof GatewayError ? toGraphQLError(error).extensions : { code: 'BAD_USER_INPUT' };
          return new GraphQLError(error.message, { path: path.split('.'), extensions });
        }),
      });
    },
  };
}
