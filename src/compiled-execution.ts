import { useGraphQlJit } from '@envelop/graphql-jit';
import { type DocumentNode, Kind } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { memoized } from './rest/params.ts';

/**
 * Executes operations with graphql-jit: each document is compiled once into a function (kept per
 * document; Yoga's parser cache hands out one document per query text), which runs a query several
 * times faster than graphql-js's interpreter on large lists. Operations graphql-jit gets wrong run on
 * graphql-js instead: those with a non-null variable that has a default value (graphql-jit reports it
 * missing when the client leaves it out).
 */
export function useCompiledExecution(): Plugin {
  const compilable = new WeakMap<DocumentNode, boolean>();
  return useGraphQlJit(
    {},
    {
      enableIf: ({ document }) =>
        memoized(compilable, document, () => !hasNonNullVariableWithDefault(document)),
    },
  ) as Plugin;
}

/** Does any operation of the document declare `$v: T! = default`? */
function hasNonNullVariableWithDefault(document: DocumentNode): boolean {
  return document.definitions.some(
    (definition) =>
      definition.kind === Kind.OPERATION_DEFINITION &&
      (definition.variableDefinitions ?? []).some(
        (variable) => variable.defaultValue !== undefined && variable.type.kind === Kind.NON_NULL_TYPE,
      ),
  );
}
