import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
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
import { collectFields, subSelections, type WalkScope } from './collect-fields.ts';
import {
  checkRootArgs,
  rootMultiplicity,
  rootTypeCounts,
  type TypeCounts,
  verifiesExistence,
} from './global-id.ts';
import type { OperationPlan, PlanError } from './plan-types.ts';
import {
  type Draft,
  finishNode,
  type PlanWalker,
  walkConnection,
  walkTweet,
  walkUser,
} from './walk-types.ts';

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
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of input.document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
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

/** Root fields whose `dryRun: true` prices the operation instead of running it (`cost`). */
const DRY_RUN_FIELDS = new Set(['cost']);

/** The state of one walk. */
export class Planner implements PlanWalker {
  readonly drafts = new Map<string, Draft>();
  readonly errors: PlanError[] = [];

  constructor(
    readonly scope: WalkScope,
    /** `X_READ_AHEAD` (see `PlanInput.readAhead`). */
    readonly readAhead = 0,
  ) {}

  /** Walks a query's root selection set. */
  plan(operation: OperationDefinitionNode): OperationPlan {
    const roots: string[] = [];
    let dryRun = false;
    const queryType = this.scope.schema.getQueryType();
    if (operation.operation === 'query' && queryType) {
      for (const [key, fieldNodes] of collectFields(this.scope, queryType, [operation.selectionSet])) {
        const draft = this.visitField(queryType, key, fieldNodes, '', undefined, 1);
        if (draft) roots.push(draft.path);
        dryRun ||= this.isDryRun(queryType, fieldNodes);
      }
    }
    const nodes = new Map([...this.drafts].map(([path, draft]) => [path, finishNode(draft)]));
    return { operation, nodes, roots, errors: this.errors, dryRun };
  }

  /** Is this root field a pricing request: `cost(dryRun: true)`? */
  private isDryRun(queryType: GraphQLObjectType, fieldNodes: FieldNode[]): boolean {
    const first = fieldNodes[0];
    if (!first || !DRY_RUN_FIELDS.has(first.name.value)) return false;
    const definition = queryType.getFields()[first.name.value];
    if (!definition?.args.some((arg) => arg.name === 'dryRun')) return false;
    try {
      return (
        getArgumentValues(definition, first, this.scope.variables as Record<string, unknown>).dryRun === true
      );
    } catch {
      return false;
    }
  }

  /** Records a bad argument of the field at `path`. */
  reject(path: string, error: unknown): void {
    this.errors.push({ path, error: error instanceof Error ? error : new Error(String(error)) });
  }

  /** The object type of this name in the schema, if there is one. */
  objectType(name: string): GraphQLObjectType | undefined {
    const type = this.scope.schema.getType(name);
    return isObjectType(type) ? type : undefined;
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
    const types = this.planTypes(named);
    let typeCounts: TypeCounts | undefined;
    if (parentType === this.scope.schema.getQueryType()) {
      try {
        checkRootArgs(definition.name, args);
      } catch (error) {
        this.reject(path, error);
      }
      multiplicity = rootMultiplicity(definition.name, args);
      typeCounts = rootTypeCounts(definition.name, args);
    }
    if (types.size === 0) {
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
      ...(typeCounts ? { typeCounts } : {}),
    };
    this.drafts.set(path, draft);
    if (parentPlan) this.drafts.get(parentPlan)?.children.push(path);
    if (types.has('User')) walkUser(this, draft, fieldNodes);
    if (types.has('Tweet')) walkTweet(this, draft, fieldNodes);
    if (types.has('UserConnection')) walkConnection(this, draft, fieldNodes);
    if (parentType === this.scope.schema.getQueryType() && verifiesExistence(definition.name)) {
      if (draft.user) draft.user.lookup = true;
      if (draft.tweet) draft.tweet.lookup = true;
    }
    return draft;
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

  /** The planned types a field's named type may be: User, Tweet (also through an interface or union), UserConnection. */
  private planTypes(named: GraphQLNamedType): Set<string> {
    const names = isAbstractType(named)
      ? this.scope.schema.getPossibleTypes(named).map((type) => type.name)
      : [named.name];
    return new Set(names.filter((name) => name === 'User' || name === 'Tweet' || name === 'UserConnection'));
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
