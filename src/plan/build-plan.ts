import {
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  getVariableValues,
  isAbstractType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
} from 'graphql';
import { fragmentsOf } from '../util/document-fragments.ts';
import { collectFields, subSelections, type WalkScope } from './collect-fields.ts';
import type { OperationPlan, PlanCalls, PlanError } from './plan-types.ts';
import { type Draft, finishNode, type PlanWalker, walkConnection, walkObject } from './walk-types.ts';
import { isListPage, needsOf, objectOf, rootOf, X_OBJECT_KINDS, type XRootNeeds } from './x-needs.ts';

/** What `planOperation` plans. */
export interface PlanInput {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  /** @default the document's only operation */
  readonly operationName?: string | null | undefined;
  /** The variables: raw as the client sent them, or already coerced with `variablesCoerced`. */
  readonly variables?: Readonly<Record<string, unknown>> | null | undefined;
  /** @default false */
  readonly variablesCoerced?: boolean;
  /** `X_READ_AHEAD`: the fewest items a list page's first call asks X for (see `firstCallSize`). @default 0 */
  readonly readAhead?: number;
}

/**
 * The planner: ONE walk of an operation's selection set (fragments, inline fragments, aliases,
 * `@include`/`@skip` with variables, repeated fields merged) that yields, for every field returning users,
 * tweets, nodes or a user connection, the minimal X fields it needs, whether a lookup is needed at all, its
 * page size and multiplicity, and the upstream calls it makes. Resolvers read the result; the cost estimator
 * multiplies its `upstream` calls through `multiplicity` along `parentPath`.
 */
export function planOperation(input: PlanInput): OperationPlan {
  const operation = findOperation(input.document, input.operationName);
  const empty: OperationPlan = { operation, nodes: new Map(), roots: [], errors: [], dryRun: false };
  if (!operation) return empty;
  let variables: Record<string, unknown> = { ...(input.variables ?? {}) };
  if (!input.variablesCoerced) {
    const coerced = getVariableValues(input.schema, operation.variableDefinitions ?? [], variables);
    if (coerced.errors) return empty;
    variables = coerced.coerced;
  }
  const fragments = fragmentsOf(input.document);
  const planner = new Planner({ schema: input.schema, fragments, variables }, input.readAhead ?? 0);
  return planner.plan(operation);
}

/** The operation to run, as `graphql-js` picks it. */
function findOperation(
  document: DocumentNode,
  name: string | null | undefined,
): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (name) return operations.find((operation) => operation.name?.value === name);
  return operations.length === 1 ? operations[0] : undefined;
}

/** The state of one walk. */
export class Planner implements PlanWalker {
  readonly drafts = new Map<string, Draft>();
  readonly errors: PlanError[] = [];
  /** Does a root field ask to price the operation instead of running it (`XRootNeeds.dryRun`)? */
  private dryRun = false;

  constructor(
    readonly scope: WalkScope,
    /** `X_READ_AHEAD` (see `PlanInput.readAhead`). */
    readonly readAhead = 0,
  ) {}

  /** Walks a query's root selection set. */
  plan(operation: OperationDefinitionNode): OperationPlan {
    const roots: string[] = [];
    const queryType = this.scope.schema.getQueryType();
    if (operation.operation === 'query' && queryType) {
      for (const [key, fieldNodes] of collectFields(this.scope, queryType, [operation.selectionSet])) {
        const draft = this.visitField(queryType, key, fieldNodes, '', undefined, 1);
        if (draft) roots.push(draft.path);
      }
    }
    const nodes = new Map([...this.drafts].map(([path, draft]) => [path, finishNode(draft)]));
    return { operation, nodes, roots, errors: this.errors, dryRun: this.dryRun };
  }

  /** Records a bad argument of the field at `path`. */
  reject(path: string, error: unknown): void {
    this.errors.push({ path, error: error instanceof Error ? error : new Error(String(error)) });
  }

  /**
   * Visits one merged field: makes a plan node when it returns users, tweets, nodes or a connection, and
   * otherwise walks through it looking for such fields further down.
   */
  visitField(
    parentType: GraphQLObjectType,
    key: string,
    fieldNodes: FieldNode[],
    parentPath: string,
    parentPlan: string | undefined,
    multiplicity: number,
  ): Draft | undefined {
    const first = fieldNodes[0];
    const definition = first ? parentType.getFields()[first.name.value] : undefined;
    if (!first || !definition) return undefined;
    const path = parentPath ? `${parentPath}.${key}` : key;
    const args = this.argumentsOf(definition, first, path);
    const named = getNamedType(definition.type);
    const types = this.plannedTypes(named);
    const root = parentType === this.scope.schema.getQueryType() ? rootOf(definition) : undefined;
    if (root) multiplicity = this.visitRoot(root, args, path);
    if (types.length === 0) {
      this.walkThrough(named, fieldNodes, path, parentPlan, multiplicity);
      return undefined;
    }
    const draft: Draft = {
      path,
      parentPath: parentPlan,
      children: [],
      fieldName: definition.name,
      parentType: parentType.name,
      returnType: named.name,
      args,
      multiplicity,
      objects: {},
    };
    this.drafts.set(path, draft);
    if (parentPlan) this.drafts.get(parentPlan)?.children.push(path);
    if (root) this.describeRoot(draft, root);
    const declared = needsOf(definition);
    // A relation looked up on its own: on the lookup of the type it returns.
    const lookup = declared && 'lookup' in declared ? objectOf(named)?.lookup : undefined;
    if (lookup) draft.call = { endpoint: lookup };
    for (const type of types) {
      const object = objectOf(type);
      if (object) walkObject(this, draft, fieldNodes, type, object.kind);
      else if (declared && 'list' in declared) walkConnection(this, draft, fieldNodes, type, declared.list);
    }
    if (root?.verifies) for (const needs of Object.values(draft.objects)) needs.lookup = true;
    return draft;
  }

  /** Checks a root field's arguments and notes a pricing request; how many values the field yields. */
  private visitRoot(root: XRootNeeds, args: Readonly<Record<string, unknown>>, path: string): number {
    try {
      root.check?.(args);
    } catch (error) {
      this.reject(path, error);
    }
    this.dryRun ||= root.dryRun?.(args) === true;
    return root.count?.(args) ?? 1;
  }

  /** What a root field's arguments say of its lookups and of the owner of the lists beneath. */
  private describeRoot(draft: Draft, root: XRootNeeds): void {
    const call = root.call?.(draft.args);
    if (call) draft.call = call;
    const owner = root.owner?.(draft.args);
    if (owner) draft.owner = owner;
    const typeCounts = root.typeCounts?.(draft.args);
    if (!typeCounts) return;
    draft.typeCounts = typeCounts;
    // Each type is looked up on its own endpoint, for its own ids.
    const lookups: PlanCalls[] = [];
    for (const [name, instances] of Object.entries(typeCounts)) {
      const endpoint = objectOf(this.scope.schema.getType(name))?.lookup;
      if (endpoint && instances > 0) lookups.push({ endpoint, calls: 1, batched: true, instances });
    }
    draft.lookupsByType = lookups;
  }

  /** Walks the fields of a type that is not planned itself (`PageInfo`, a metrics object, ...). */
  private walkThrough(
    named: GraphQLNamedType,
    fieldNodes: FieldNode[],
    path: string,
    parentPlan: string | undefined,
    multiplicity: number,
  ): void {
    const selections = subSelections(fieldNodes);
    if (selections.length === 0) return;
    const runtimeTypes = isAbstractType(named)
      ? this.scope.schema.getPossibleTypes(named)
      : isObjectType(named)
        ? [named]
        : [];
    for (const runtimeType of runtimeTypes) {
      for (const [key, nodes] of collectFields(this.scope, runtimeType, selections)) {
        this.visitField(runtimeType, key, nodes, path, parentPlan, multiplicity);
      }
    }
  }

  /**
   * The planned object types a field's named type may be (also through an interface or union): X-backed
   * types in the order of `X_OBJECT_KINDS`, then pages of X lists.
   */
  private plannedTypes(named: GraphQLNamedType): GraphQLObjectType[] {
    const types = isAbstractType(named)
      ? this.scope.schema.getPossibleTypes(named)
      : isObjectType(named)
        ? [named]
        : [];
    const rank = (type: GraphQLObjectType): number => {
      const object = objectOf(type);
      return object ? X_OBJECT_KINDS.indexOf(object.kind) : X_OBJECT_KINDS.length;
    };
    return types.filter((type) => objectOf(type) || isListPage(type)).sort((a, b) => rank(a) - rank(b));
  }

  /** A field's arguments with the variables applied; invalid ones are left to GraphQL validation. */
  private argumentsOf(
    definition: GraphQLField<unknown, unknown>,
    node: FieldNode,
    path: string,
  ): Record<string, unknown> {
    try {
      return getArgumentValues(definition, node, this.scope.variables as Record<string, unknown>);
    } catch (error) {
      this.reject(path, error);
      return {};
    }
  }
}
