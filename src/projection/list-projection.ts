import {
  type ExecutionResult,
  type FieldNode,
  GraphQLBoolean,
  type GraphQLError,
  type GraphQLField,
  GraphQLID,
  GraphQLInt,
  type GraphQLLeafType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  GraphQLString,
  getNullableType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  responsePathAsArray,
} from 'graphql';
import type { GatewayContext, ListProjectionSink } from '../context.ts';
import { planNodeBelow } from '../pipeline.ts';
import { collectFieldsWithoutDirectives, type FragmentScope, subSelections } from '../plan/collect-fields.ts';
import type { PlanNode } from '../plan/plan-types.ts';
import { GatewayError } from '../rest/errors.ts';
import { placedErrors } from '../schema/errors.ts';
import { memoized } from '../util/memoized.ts';

/**
 * List projection: a page of followers written without the executor.
 *
 * graphql-jit executes a 1,000-follower page item by item: for each follower a handler call, a result
 * object, a response path and a resolve info per resolver (`pinnedTweet`), a serializer call per leaf:
 * about 0.6 MB of objects per page, and a tenth of the request's samples besides what the garbage
 * collector spends on them. When every field a list's items select is at hand without waiting (X's
 * object read through the type's getters, the pinned tweet primed from `includes`), the list's resolver
 * instead projects the items itself, with a plan compiled once per place in the query:
 * one plain object per item, built in selection order, each leaf serialized by its type, as the executor
 * would write it. The resolver then hands the executor an empty list and the projection is put in its
 * place when execution ends (`ListProjections.applyTo`), with the errors of its fields (a deleted pinned
 * tweet is null with `NOT_FOUND`, exactly as the executor reports it).
 *
 * Anything the plan cannot write exactly as the executor would makes it give up, and the list runs
 * through the executor as before: a field with a resolver and no `xProjection`, with arguments or
 * directives; an abstract type; a non-null field without a value (the executor's null propagation); a
 * value a serializer refuses; an unexpected error (masked by the executor's path); a value not at hand.
 * `test/projection/list-projection.test.ts` checks answers with and without projection are the same.
 * Measured (`bench/results/history.md`, section 20): a 1,000-follower request allocates 3.1 MB instead
 * of 3.5 and spends about 5% less CPU.
 */

/** What an `xProjection` function returns for a value it cannot give without waiting. */
export const NOT_AT_HAND: unique symbol = Symbol('not at hand');

/**
 * A field's value without its resolver, for projection: from the value of its parent, the context and
 * the plan node of the field (when the planner made one); `NOT_AT_HAND` when it would have to wait or
 * cannot tell. A `GatewayError` returned is the field's error.
 */
export type ProjectionFunction = (
  parent: never,
  ctx: GatewayContext,
  planNode: PlanNode | undefined,
) => unknown;

const X_PROJECTION = 'xProjection';

/** The `extensions` of a field with a resolver whose value list projection can also get without it. */
export function xProjection(project: ProjectionFunction): { readonly [X_PROJECTION]: ProjectionFunction } {
  return { [X_PROJECTION]: project };
}

const X_WRITTEN = 'xWritten';

/** The `typeof` of leaf values written unchanged (an `int` is a 32-bit integer `number`). */
type PassedType = 'string' | 'boolean' | 'int';

/**
 * The `extensions` of a leaf field whose exposed property already holds its value as the type's
 * `serialize` would write it, whenever the value is of type `as` (a `DateTime` getter returns its instant
 * checked and written): projection passes such a value on without serializing it a second time. Any
 * other value (none, or the getter's error) is completed as usual.
 */
export function xWritten(as: PassedType): { readonly [X_WRITTEN]: PassedType } {
  return { [X_WRITTEN]: as };
}

/** Thrown inside a projection when the executor must write the list instead. */
class GiveUp {}
const GIVE_UP = new GiveUp();

/** A response path, linked to its parent's as the executor's are (arrays are built only for errors). */
type Path = GraphQLResolveInfo['path'];

/** What one projection of a list carries along. */
interface ProjectionRun {
  readonly ctx: GatewayContext;
  readonly info: GraphQLResolveInfo;
  readonly errors: GraphQLError[];
  /** Plan nodes by key relative to the list, looked up once per list. */
  readonly planNodes: Map<string, PlanNode | undefined>;
}

/** Writes an object value with its selection (at `path`), or throws `GIVE_UP`. */
type ObjectWriter = (run: ProjectionRun, value: unknown, path: Path) => Record<string, unknown>;

/** Writes a field's value as its type says (at `path` + `key`), or throws `GIVE_UP`. */
type Completer = (run: ProjectionRun, raw: unknown, path: Path, key: string | number) => unknown;

/** How one response key of an object is read and written. */
interface FieldWriter {
  readonly key: string;
  /** `__typename`: this name. */
  readonly typename?: string;
  /** A field read from its parent value's property (no resolver, or exposed by Pothos). */
  readonly property?: string;
  /** A field read by its projection function. */
  readonly read?: (run: ProjectionRun, parent: unknown) => unknown;
  /** The `typeof` of the values written unchanged: those of a nullable built-in type, or `xWritten`'s. */
  readonly passes?: PassedType;
  readonly complete: Completer;
}

/** One list's projected value, at its response path. */
interface ProjectedList {
  readonly path: readonly (string | number)[];
  readonly items: unknown[];
}

/**
 * The projections of one execution: the lists' resolvers project into it, and the executor's result is
 * completed with it. One per operation, made by the execution step (`src/compiled-execution.ts`); a
 * context without one (the schema run by graphql's own `execute`) never projects.
 */
export class ListProjections implements ListProjectionSink {
  private readonly lists: ProjectedList[] = [];
  private readonly errors: GraphQLError[] = [];

  /**
   * Projects the items of the list field being resolved; true when it did (the resolver then returns an
   * empty list), false when the executor must write them (nothing is kept then).
   */
  tryProject(ctx: GatewayContext, info: GraphQLResolveInfo, items: readonly unknown[]): boolean {
    const write = writerOf(info);
    if (!write) return false;
    const path = info.path;
    const run: ProjectionRun = { ctx, info, errors: [], planNodes: new Map() };
    const out = new Array<unknown>(items.length);
    try {
      for (let index = 0; index < items.length; index++) {
        const item = items[index];
        if (item === null || item === undefined) return false;
        out[index] = write(run, item, { prev: path, key: index, typename: undefined });
      }
    } catch (error) {
      if (error === GIVE_UP) return false;
      throw error;
    }
    this.lists.push({ path: responsePathAsArray(path), items: out });
    for (const error of run.errors) this.errors.push(error);
    return true;
  }

  /**
   * Empties the projected lists and their errors in place, once the answer is written: the arrays are made
   * with the execution, before the request waits for X, and are old under load by the time they are filled.
   */
  release(): void {
    for (const list of this.lists) list.items.length = 0;
    this.lists.length = 0;
    this.errors.length = 0;
  }

  /** The executor's result with the projected lists in place and their fields' errors added. */
  applyTo(result: ExecutionResult): ExecutionResult {
    for (const { path, items } of this.lists) placeAt(result.data, path, items);
    if (this.errors.length === 0) return result;
    return { ...result, errors: [...(result.errors ?? []), ...this.errors] };
  }
}

// Writers by place in the query: the executor hands every resolver call at one place the same
// `fieldNodes` array (a compiled query keeps it from one request to the next); `null` when the selection
// there cannot be projected.
const writers = new WeakMap<readonly FieldNode[], ObjectWriter | null>();

/** The writer of the items of the list field being resolved, or null when they cannot be projected. */
function writerOf(info: GraphQLResolveInfo): ObjectWriter | null {
  return memoized(writers, info.fieldNodes, () => {
    const list = getNullableType(info.returnType);
    if (!isListType(list)) return null;
    const item = getNullableType(list.ofType);
    if (!isObjectType(item)) return null;
    return objectWriter(info, item, info.fieldNodes, '');
  });
}

/**
 * The writer of an object type's selection over these field nodes (`prefix`: their plan key relative to
 * the list), or null when it cannot be projected. Types are looked at here, once: writing runs closures.
 */
function objectWriter(
  scope: FragmentScope,
  type: GraphQLObjectType,
  fieldNodes: readonly FieldNode[],
  prefix: string,
): ObjectWriter | null {
  const grouped = collectFieldsWithoutDirectives(scope, type, subSelections(fieldNodes));
  if (!grouped) return null;
  const fields: FieldWriter[] = [];
  for (const [key, nodes] of grouped) {
    const name = (nodes[0] as FieldNode).name.value;
    if (name === '__typename') {
      const typename = type.name;
      fields.push({ key, typename, complete: (_run, raw) => raw });
      continue;
    }
    const field = type.getFields()[name];
    if (!field || nodes.some((node) => (node.arguments?.length ?? 0) > 0)) return null;
    const planKey = prefix === '' ? key : `${prefix}.${key}`;
    const source = sourceOf(field, planKey);
    if (!source) return null;
    const named = namedObject(field.type);
    if (named === null) return null;
    const sub = named && objectWriter(scope, named, nodes, planKey);
    if (sub === null) return null;
    const passes = passesUnchanged(field.type) ?? (field.extensions[X_WRITTEN] as PassedType | undefined);
    fields.push({
      key,
      ...source,
      ...(passes ? { passes } : {}),
      complete: completerFor(field.type, nodes, sub),
    });
  }
  return compileWriter(type, fields);
}

/**
 * The writer of an object from its fields' writers, generated as graphql-jit generates its executors:
 * every property read under its own name and the answer's object written as one literal, so each read
 * and the object's shape stay monomorphic (a loop over the fields made every access megamorphic, and
 * was no faster than the executor). Names are written as JSON string literals: response keys and
 * property names are GraphQL names or Pothos's exposed property names, never code.
 */
function compileWriter(type: GraphQLObjectType, fields: readonly FieldWriter[]): ObjectWriter {
  const reads: string[] = [];
  const writes: string[] = [];
  fields.forEach((field, i) => {
    const key = JSON.stringify(field.key);
    if (field.typename !== undefined) {
      writes.push(`${key}: ${JSON.stringify(field.typename)}`);
      return;
    }
    reads.push(
      field.property !== undefined
        ? `const f${i} = value[${JSON.stringify(field.property)}];`
        : `const f${i} = fields[${i}].read(run, value);`,
    );
    const complete = `fields[${i}].complete(run, f${i}, path, ${key})`;
    const check =
      field.passes === 'int'
        ? `typeof f${i} === 'number' && (f${i} | 0) === f${i}`
        : field.passes
          ? `typeof f${i} === '${field.passes}'`
          : undefined;
    writes.push(`${key}: ${check ? `${check} ? f${i} : ${complete}` : complete}`);
  });
  const body = [
    "'use strict';",
    'return function write(run, value, path) {',
    '  if (isTypeOf !== undefined && isTypeOf(value, run.ctx, run.info) !== true) throw GIVE_UP;',
    ...reads.map((line) => `  ${line}`),
    `  return { ${writes.join(', ')} };`,
    '};',
  ].join('\n');
  return new Function('fields', 'isTypeOf', 'GIVE_UP', body)(fields, type.isTypeOf, GIVE_UP) as ObjectWriter;
}

/** The `typeof` of the values a nullable built-in leaf type writes unchanged, if it is one. */
function passesUnchanged(type: GraphQLOutputType): PassedType | undefined {
  if (type === GraphQLString || type === GraphQLID) return 'string';
  if (type === GraphQLBoolean) return 'boolean';
  return type === GraphQLInt ? 'int' : undefined;
}

/**
 * Where a field's value comes from without its resolver (`planKey`: the field's plan key relative to
 * the list), or undefined when only the resolver knows.
 */
function sourceOf(
  field: GraphQLField<unknown, unknown>,
  planKey: string,
): Pick<FieldWriter, 'property' | 'read'> | undefined {
  const project = field.extensions[X_PROJECTION] as ProjectionFunction | undefined;
  if (project) {
    return {
      read: (run, parent) => {
        const value = project(parent as never, run.ctx, planNodeOf(run, planKey));
        if (value === NOT_AT_HAND) throw GIVE_UP;
        return value;
      },
    };
  }
  const exposed = field.extensions.pothosExposedField;
  if (!field.resolve) return { property: field.name };
  return typeof exposed === 'string' ? { property: exposed } : undefined;
}

/**
 * The object type under a field's list and non-null wrappers; undefined for a leaf; null for an abstract
 * type (its items' types are the executor's to resolve).
 */
function namedObject(type: GraphQLOutputType): GraphQLObjectType | undefined | null {
  let at: GraphQLOutputType = type;
  while (isNonNullType(at) || isListType(at)) at = at.ofType;
  if (isObjectType(at)) return at;
  return isLeafType(at) ? undefined : null;
}

/**
 * The completer of a field's value: null stays null where the type allows it (else the executor's null
 * propagation takes over), a gateway error is the field's error where it may be null.
 */
function completerFor(
  type: GraphQLOutputType,
  fieldNodes: readonly FieldNode[],
  sub: ObjectWriter | undefined,
): Completer {
  if (isNonNullType(type)) {
    const present = presentCompleter(type.ofType, fieldNodes, sub);
    return (run, raw, path, key) => {
      if (raw === null || raw === undefined || raw instanceof Error || typeof raw === 'function')
        throw GIVE_UP;
      return present(run, raw, path, key);
    };
  }
  const present = presentCompleter(type, fieldNodes, sub);
  const errorAt = placedErrors(fieldNodes);
  return (run, raw, path, key) => {
    if (raw === null || raw === undefined) return null;
    // graphql's default resolver would call a method: the executor's job.
    if (typeof raw === 'function') throw GIVE_UP;
    if (raw instanceof Error) {
      // Anything but a gateway error is masked on the executor's path.
      if (!(raw instanceof GatewayError)) throw GIVE_UP;
      run.errors.push(errorAt(raw, responsePathAsArray({ prev: path, key, typename: undefined })));
      return null;
    }
    return present(run, raw, path, key);
  };
}

/** The completer of a present value of a nullable type: a leaf, a list item by item, an object. */
function presentCompleter(
  type: GraphQLOutputType,
  fieldNodes: readonly FieldNode[],
  sub: ObjectWriter | undefined,
): Completer {
  if (isLeafType(type)) return leafCompleter(type);
  if (isListType(type)) {
    const item = completerFor(type.ofType, fieldNodes, sub);
    return (run, raw, path, key) => {
      if (!Array.isArray(raw)) throw GIVE_UP;
      const here: Path = { prev: path, key, typename: undefined };
      const out = new Array<unknown>(raw.length);
      for (let index = 0; index < raw.length; index++) out[index] = item(run, raw[index], here, index);
      return out;
    };
  }
  if (sub) return (run, raw, path, key) => sub(run, raw, { prev: path, key, typename: undefined });
  return () => {
    throw GIVE_UP;
  };
}

/**
 * The completer of a leaf: the type's `serialize` (a refusal is the executor's to report), with the
 * values the built-in scalars return unchanged passed straight through.
 */
function leafCompleter(type: GraphQLLeafType): Completer {
  const serialize = (raw: unknown): unknown => {
    let serialized: unknown;
    try {
      serialized = type.serialize(raw);
    } catch {
      throw GIVE_UP;
    }
    if (serialized === null || serialized === undefined) throw GIVE_UP;
    return serialized;
  };
  if (type === GraphQLString || type === GraphQLID) {
    return (_run, raw) => (typeof raw === 'string' ? raw : serialize(raw));
  }
  if (type === GraphQLBoolean) return (_run, raw) => (typeof raw === 'boolean' ? raw : serialize(raw));
  if (type === GraphQLInt) {
    return (_run, raw) =>
      typeof raw === 'number' && Number.isInteger(raw) && raw <= 2147483647 && raw >= -2147483648
        ? raw
        : serialize(raw);
  }
  return (_run, raw) => serialize(raw);
}

/** The plan node of a projected field, looked up once per list. */
function planNodeOf(run: ProjectionRun, key: string): PlanNode | undefined {
  if (run.planNodes.has(key)) return run.planNodes.get(key);
  const node = planNodeBelow(run.ctx, run.info, key);
  run.planNodes.set(key, node);
  return node;
}

/** Puts `value` at `path` in the result's data, unless a null on the way (the executor's) left no place. */
function placeAt(data: unknown, path: readonly (string | number)[], value: unknown): void {
  let at = data as Record<string | number, unknown> | null | undefined;
  for (let i = 0; i < path.length - 1; i++) {
    if (at === null || typeof at !== 'object') return;
    at = at[path[i] as string | number] as Record<string | number, unknown> | null | undefined;
  }
  const last = path[path.length - 1];
  if (at !== null && typeof at === 'object' && last !== undefined && Array.isArray(at[last]))
    at[last] = value;
}
