import { GraphQLError, type Source, type SourceLocation } from 'graphql';
import { memoized } from '../util/memoized.ts';
import { withoutStack } from './errors.ts';

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
