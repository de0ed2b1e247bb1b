import { type ExecutionResult, GraphQLError, type Source, type SourceLocation } from 'graphql';
import { isAsyncIterable, maskError, type Plugin } from 'graphql-yoga';
import { awaitRequest, releaseLines } from '../observability/request-error-lines.ts';
import { GatewayError } from '../rest/errors.ts';
import { extensionsOf } from '../schema/errors.ts';
import { memoized } from '../util/memoized.ts';
import { withoutStack } from '../util/without-stack.ts';
import { requestContextOf } from './request-id.ts';

/**
 * Where errors leave the gateway: one plugin (`useGatewayErrors`) and Yoga's masking function
 * (`maskGatewayError`). Gateway errors (`GatewayError`, `src/rest/errors.ts`) become GraphQL errors with
 * their contract code in `extensions.code` (resolvers convert theirs as they leave them, see
 * `src/schema/errors.ts`); the errors of each result are settled for the response and written once;
 * every other error is masked by Yoga, so internals never reach a client.
 */

/**
 * The gateway's error plugin: settles the errors of each execution result (see `settleResultErrors`)
 * and writes the partial errors of a result with data once (see `leanResultErrors`).
 */
export function useGatewayErrors(): Plugin {
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result, setResult }) => {
        if (!('errors' in result) || !result.errors?.length) return;
        // Written straight from execution's errors when the result is processed: nothing to settle.
        if (writtenAsExecuted(result as ExecutionResult)) return;
        setResult({ ...result, errors: settleResultErrors(result.errors, args.document.loc?.source) });
      },
    }),
    onResultProcess({ request, result, setResult }) {
      // Yoga logged the unexpected errors it masked without the request: their lines are written now, with its id.
      if (!isAsyncIterable(result)) {
        const requestId = requestContextOf(request)?.requestId;
        for (const one of Array.isArray(result) ? result : [result])
          if (one?.errors?.length) releaseLines(one.errors, requestId);
      }
      if (Array.isArray(result) || isAsyncIterable(result)) return;
      const executed = result as ExecutionResult;
      const written = writtenGatewayErrors(executed);
      if (written) {
        setResult({ ...executed, errors: written });
        return;
      }
      const lean = leanResultErrors(executed);
      if (lean) setResult(lean);
    },
  };
}

/**
 * Yoga's `maskedErrors.maskError`: gateway errors (converted or not) keep their code; GraphQL errors of
 * the request itself (validation, variables) pass through; everything else is masked, and the error line
 * Yoga then writes waits for the result hook, which names the request (`request-error-lines.ts`).
 */
export function maskGatewayError(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof GatewayError) {
    const extensions = extensionsOf(original);
    if (!(error instanceof GraphQLError)) return new GraphQLError(original.message, { extensions });
    const { nodes, source, positions, path } = error;
    return new GraphQLError(original.message, { nodes, source, positions, path, extensions });
  }
  const masked = maskError(error, message, isDev);
  if (masked !== error) awaitRequest(error, masked);
  return masked;
}

/**
 * The error of a request whose context could not be made (a malformed `Authorization` header): its
 * contract code, with HTTP 401 for `UNAUTHENTICATED` and 400 otherwise.
 */
export function requestError(error: GatewayError): GraphQLError {
  const status = error.code === 'UNAUTHENTICATED' ? 401 : 400;
  return new GraphQLError(error.message, {
    extensions: { ...extensionsOf(error), http: { status } },
  });
}

/**
 * The errors of an execution result, settled for Yoga's response serialiser, which rebuilds every error
 * from its `nodes` (or `source` and `positions`) and its original, formatting the original's stack:
 * - an error made by graphql-jit carries only `locations`: it gets `source` and `positions` in the
 *   operation's text, so its locations survive the rebuild (and the masking of unexpected errors);
 * - a located gateway error (a resolver's converted error on its field) becomes one flat error with the
 *   same message, place and extensions, without an original or a stack, so nothing is copied or formatted.
 * Other errors are left as they are.
 */
export function settleResultErrors(
  errors: readonly GraphQLError[],
  source: Source | undefined,
): GraphQLError[] {
  return errors.map((error) => {
    const place = placeOf(error, source);
    const original = error.originalError;
    if (
      original instanceof GraphQLError &&
      !original.originalError &&
      original.extensions.code !== undefined
    ) {
      const { extensions } = original;
      return withoutStack(
        () => new GraphQLError(original.message, { ...place, path: error.path, extensions }),
      );
    }
    if (error.nodes || !place.positions) return error;
    return new GraphQLError(error.message, {
      ...place,
      path: error.path,
      originalError: error.originalError,
      extensions: error.extensions,
    });
  });
}

/** Where an error is, in the forms `GraphQLError` accepts: its nodes, or positions in the source. */
function placeOf(
  error: GraphQLError,
  source: Source | undefined,
): { nodes?: GraphQLError['nodes']; source?: Source; positions?: readonly number[] } {
  if (error.nodes) return { nodes: error.nodes, source: error.source, positions: error.positions };
  if (!source || !error.locations?.length) return {};
  const starts = lineStarts(source);
  return { source, positions: error.locations.map((location) => offsetOf(starts, location)) };
}

/** Offsets of the lines of a source, cached per source (Yoga's parser cache reuses them). */
const LINE_STARTS = new WeakMap<Source, number[]>();

/** The offset where each line of the source starts, as GraphQL counts lines (`\r\n`, `\n` or `\r`). */
function lineStarts(source: Source): number[] {
  return memoized(LINE_STARTS, source, () => {
    const starts = [0];
    for (const match of source.body.matchAll(/\r\n|[\n\r]/g)) starts.push(match.index + match[0].length);
    return starts;
  });
}

/** The offset of a 1-based line and column. */
function offsetOf(starts: readonly number[], { line, column }: SourceLocation): number {
  return (starts[line - 1] ?? 0) + column - 1;
}

/**
 * Whether a result's errors are written straight from the errors execution made (`writtenGatewayErrors`):
 * the result has data and every error is a gateway error its resolver converted (a deleted pinned tweet's
 * `NOT_FOUND`, one per such follower). Such errors pass Yoga's masking unchanged (their original is a
 * GraphQL error without an original of its own), and plugins that read them after execution see the
 * errors execution made.
 */
function writtenAsExecuted({ data, errors }: ExecutionResult): boolean {
  return (
    !!errors?.length && data !== null && data !== undefined && errors.every((error) => convertedOf(error))
  );
}

/** The converted gateway error behind an error execution made, when Yoga would write it as it is. */
function convertedOf(error: GraphQLError): GraphQLError | undefined {
  const original = error.originalError;
  return isPlainGraphQLError(original) && !original.originalError && original.extensions.code !== undefined
    ? original
    : undefined;
}

/**
 * The JSON forms of a result's errors when they are written as executed (`writtenAsExecuted`): exactly
 * what settling and then writing them (`settleResultErrors`, then `leanResultErrors`) would produce,
 * without building a settled `GraphQLError` per error on the way. Undefined otherwise (the result's errors
 * are then settled as usual).
 */
function writtenGatewayErrors(result: ExecutionResult): GraphQLError[] | undefined {
  if (!writtenAsExecuted(result)) return undefined;
  const written = (result.errors ?? []).map((error) => {
    const original = convertedOf(error) as GraphQLError;
    // `GraphQLError.toJSON`'s members, in its order, with the converted error's message and extensions.
    const json: Record<string, unknown> = { message: original.message };
    if (error.locations != null) json.locations = error.locations;
    if (error.path != null) json.path = error.path;
    json.extensions = original.extensions;
    return json;
  });
  // The JSON forms stand in for the errors: Yoga's processor writes them as they are.
  return written as unknown as GraphQLError[];
}

/**
 * Partial errors written once. Before writing a result, Yoga's JSON processor rebuilds every
 * `GraphQLError` in it (to leave out `extensions.http` and `extensions.unexpected`), and constructing a
 * `GraphQLError` costs about 20 µs; a page of followers carries one per deleted or protected pinned tweet,
 * dozens on a page of 1000.
 *
 * The result handed to Yoga instead carries each error's JSON form (`GraphQLError.toJSON()`: `message`,
 * `locations`, `path`, `extensions`), which is exactly what Yoga would write, and which it writes as it
 * is; undefined (the result left to Yoga) unless nothing else depends on the errors being
 * `GraphQLError`s: a result with data (so its errors do not decide the HTTP status) whose errors carry
 * neither `http` nor `unexpected` extensions.
 */
function leanResultErrors(result: ExecutionResult): ExecutionResult | undefined {
  const { data, errors } = result;
  if (!errors?.length || data === null || data === undefined) return undefined;
  if (!errors.every(isPlainGraphQLError)) return undefined;
  // The JSON forms stand in for the errors: the processor stringifies them to the same text.
  const written = errors.map((error) => error.toJSON()) as unknown as GraphQLError[];
  return { ...result, errors: written };
}

/** A `GraphQLError` with nothing for Yoga to strip before writing it. */
function isPlainGraphQLError(error: unknown): error is GraphQLError {
  if (!(error instanceof GraphQLError)) return false;
  const extensions = error.extensions as Record<string, unknown> | undefined;
  return extensions?.http === undefined && extensions?.unexpected === undefined;
}
