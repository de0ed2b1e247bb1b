import {
  BREAK,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  getOperationAST,
  isAbstractType,
  isListType,
  Kind,
  type OperationDefinitionNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from './context.ts';
import { ListProjections } from './projection/list-projection.ts';
import { memoized } from './util/memoized.ts';

/** Options of {@link useCompiledExecution}. */
export interface CompiledExecutionOptions {
  /**
   * Lets lists' resolvers project their items (`src/projection/list-projection.ts`) instead of leaving
   * them to the executor; off, every item is executed (the answers are the same).
   * @default true
   */
  readonly projectLists?: boolean | undefined;
}

/**
 * Executes operations with graphql-jit: each operation of a document is compiled once into a function,
 * which runs a query several times faster than graphql-js's interpreter on large lists. A compiled query
 * is kept per document AND per operation (a document with `query A` and `query B` has two), so the
 * operation a request names is always the one that runs; it goes when Yoga's parser cache lets the
 * document go. Operations graphql-jit gets wrong or cannot compile run on graphql-js instead: those with a
 * non-null variable that has a default value (graphql-jit reports it missing when the client leaves it out),
 * and any it refuses to compile (graphql-js then answers with the error). Compiled queries run with a
 * `ListProjections` in the context, and their results are completed with what lists projected.
 */
export function useCompiledExecution(options: CompiledExecutionOptions = {}): Plugin {
  const { projectLists = true } = options;
  // Per document, then per operation node: `null` for an operation left to graphql-js.
  const compiled = new WeakMap<DocumentNode, WeakMap<OperationDefinitionNode, CompiledQuery | null>>();
  return {
    onExecute: ({ executeFn, setExecuteFn }) => {
      // The execute function receives the arguments it runs (the cost plugin's dry run swaps the
      // document), so the compiled query is looked up there, not here.
      setExecuteFn((args) => {
        const operation = getOperationAST(args.document, args.operationName);
        if (!operation) return executeFn(args);
        const byOperation = memoized(compiled, args.document, () => new WeakMap());
        const query = memoized(byOperation, operation, () => compile(args.schema, args.document, operation));
        // Only compiled queries project: graphql-jit hands a resolver the same field nodes at one place
        // from one request to the next, so a place's writer is compiled once; graphql-js makes new ones
        // for every execution. (A context is reused across executions, as by the cost plugin's dry run,
        // so one that must not project is cleared.)
        const projections = projectInto(args.contextValue, projectLists && query !== null);
        if (!query) return executeFn(args);
        const complete = (result: ExecutionResult) => (projections ? projections.applyTo(result) : result);
        // The result is written by `JSON.stringify` (Yoga's default), not graphql-jit's `stringify`: that
        // one builds the answer by concatenation, a rope that writing it out must first flatten (another
        // copy of the whole answer: 0.6 MB for 1,000 followers), and it is no faster to begin with.
        const result = query.query(args.rootValue, args.contextValue, args.variableValues);
        return result instanceof Promise
          ? result.then((done) => markCompiled(complete(done)))
          : markCompiled(complete(result));
      });
    },
  };
}

/**
 * Puts a fresh `ListProjections` in the request's context (a gateway context) and returns it, or, when
 * `project` is false, clears any left there by an earlier execution.
 */
function projectInto(contextValue: unknown, project: boolean): ListProjections | undefined {
  if (typeof contextValue !== 'object' || contextValue === null || !('loaders' in contextValue))
    return undefined;
  const projections = project ? new ListProjections() : undefined;
  (contextValue as GatewayContext).projections = projections;
  return projections;
}

// Results a compiled query produced (what `ranCompiled` reads).
const compiledResults = new WeakSet<object>();

/** Notes that a compiled query produced `result`, and returns it. */
function markCompiled(result: ExecutionResult): ExecutionResult {
  compiledResults.add(result);
  return result;
}

/** Did a compiled query (rather than graphql-js) produce this execution result? */
export function ranCompiled(result: unknown): boolean {
  return typeof result === 'object' && result !== null && compiledResults.has(result);
}

/** The compiled query of one operation, or null when graphql-js must run it. */
function compile(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): CompiledQuery | null {
  if (
    operation.operation !== 'query' ||
    hasNonNullVariableWithDefault(operation) ||
    selectsListOfAbstractType(schema, document)
  )
    return null;
  try {
    const result = compileQuery(schema, document, operation.name?.value);
    return isCompiledQuery(result) ? result : null;
  } catch {
    // graphql-jit throws on some documents graphql-js answers with an error (a root type the schema lacks).
    return null;
  }
}

/**
 * Does the document select a list of an interface or union (`nodes`, `_entities`)? graphql-jit answers such
 * a list with one extra `null` item for each item whose resolver fails (a representation X does not find),
 * so those operations run on graphql-js, which keeps the list as long as it was asked.
 */
function selectsListOfAbstractType(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let found = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: () => {
        const type = getNullableType(typeInfo.getType());
        if (isListType(type) && isAbstractType(getNamedType(type))) {
          found = true;
          return BREAK;
        }
        return undefined;
      },
    }),
  );
  return found;
}

/** Does the operation declare `$v: T! = default`? */
function hasNonNullVariableWithDefault(operation: OperationDefinitionNode): boolean {
  return (operation.variableDefinitions ?? []).some(
    (variable) => variable.defaultValue !== undefined && variable.type.kind === Kind.NON_NULL_TYPE,
  );
}
