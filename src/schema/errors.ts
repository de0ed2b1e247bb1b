import {
  GraphQLError,
  type GraphQLErrorOptions,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  isObjectType,
} from 'graphql';
import { GatewayError } from '../rest/errors.ts';
import { withoutStack } from '../util/without-stack.ts';

/**
 * Where gateway errors become GraphQL errors: `extensions.code` from the contract, `extensions.upstream`
 * with X's problem where there is one, and the error's own client-safe extensions. Every resolver of the
 * schema converts them as they leave it (so they land on the field they concern, and Yoga's masking lets
 * them through untouched); any other error is masked by Yoga (`maskGatewayError` of
 * `src/plugins/gateway-errors.ts`), so internals never reach a client.
 */

/**
 * The GraphQL error of a gateway error, at a field (`at`) when it is already known (a projected list's,
 * `src/projection/list-projection.ts`), else located by the executor. It carries no `originalError`, so
 * Yoga's masking recognises it as a deliberate GraphQL error and passes it through unchanged.
 */
export function toGraphQLError(
  error: GatewayError,
  at?: Pick<GraphQLErrorOptions, 'nodes' | 'path'>,
): GraphQLError {
  return withoutStack(
    () =>
      new GraphQLError(error.message, {
        ...at,
        extensions: {
          ...error.extensions,
          code: error.code,
          ...(error.upstream ? { upstream: error.upstream } : {}),
        },
      }),
  );
}

/** Rethrows a gateway error as its GraphQL error; anything else unchanged. */
function convert(error: unknown): never {
  throw error instanceof GatewayError ? toGraphQLError(error) : error;
}

/** Converts the gateway errors of a resolver's value: a promise, or a list of promises (one per item). */
function convertValue(value: unknown): unknown {
  if (value instanceof Promise) return value.then(convertValue, convert);
  if (Array.isArray(value) && value.some((item) => item instanceof Promise)) return value.map(convertValue);
  return value;
}

/** Wraps every field resolver of a schema so gateway errors leave it as GraphQL errors. Mutates the schema. */
export function convertGatewayErrors(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve: GraphQLFieldResolver<unknown, unknown> | undefined = field.resolve;
      if (!resolve) continue;
      field.resolve = (source, args, context, info) => {
        try {
          return convertValue(resolve(source, args, context, info));
        } catch (error) {
          return convert(error);
        }
      };
    }
  }
  return schema;
}
