import { GraphQLError } from 'graphql';
import { maskError } from 'graphql-yoga';
import { GatewayError } from '../rest/errors.ts';

/**
 * Where gateway errors become GraphQL errors: `extensions.code` from the contract, `extensions.upstream`
 * with X's problem where there is one, and the error's own client-safe extensions. Any other error is
 * masked by Yoga's default masking, so internals never reach a client.
 */

/** The GraphQL error of a gateway error, at the field it concerns. */
export function toGraphQLError(error: GatewayError, located?: GraphQLError): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: located?.nodes,
    source: located?.source,
    positions: located?.positions,
    path: located?.path,
    originalError: error,
    extensions: {
      ...error.extensions,
      code: error.code,
      ...(error.upstream ? { upstream: error.upstream } : {}),
    },
  });
}

/** The `GatewayError` an error is or wraps, if any. */
export function gatewayErrorOf(error: unknown): GatewayError | undefined {
  if (error instanceof GatewayError) return error;
  if (error instanceof GraphQLError && error.originalError) return gatewayErrorOf(error.originalError);
  return undefined;
}

/**
 * Yoga's `maskedErrors.maskError`: gateway errors pass through with their code; GraphQL errors of the
 * request itself (validation, variables) pass through; everything else is masked.
 */
export function maskGatewayError(error: unknown, message: string, isDev?: boolean): Error {
  const gatewayError = gatewayErrorOf(error);
  if (gatewayError) return toGraphQLError(gatewayError, error instanceof GraphQLError ? error : undefined);
  return maskError(error, message, isDev);
}
