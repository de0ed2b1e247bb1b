import {
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLIncludeDirective,
  type GraphQLObjectType,
  type GraphQLSchema,
  GraphQLSkipDirective,
  getDirectiveValues,
  isAbstractType,
  Kind,
  type SelectionSetNode,
  typeFromAST,
} from 'graphql';

/** What the planner's walk needs to resolve fragments and directives. */
export interface WalkScope {
  readonly schema: GraphQLSchema;
  readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  /** Coerced variable values. */
  readonly variables: Readonly<Record<string, unknown>>;
}

/**
 * The fields the selection sets select on an object of `runtimeType`, by response key in selection order,
 * as `graphql-js` executes them: fragments and inline fragments whose type condition applies are flattened,
 * `@skip`/`@include` are applied with the variables, and a key selected twice merges its field nodes.
 */
export function collectFields(
  scope: WalkScope,
  runtimeType: GraphQLObjectType,
  selectionSets: readonly SelectionSetNode[],
): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  for (const selectionSet of selectionSets) collectInto(scope, runtimeType, selectionSet, fields, visited);
  return fields;
}

/** The sub-selections of a merged field. */
export function subSelections(fieldNodes: readonly FieldNode[]): SelectionSetNode[] {
  return fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
}

/** Adds the fields of one selection set to `fields`. */
function collectInto(
  scope: WalkScope,
  runtimeType: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  fields: Map<string, FieldNode[]>,
  visited: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (!included(scope, selection)) continue;
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      const existing = fields.get(key);
      if (existing) existing.push(selection);
      else fields.set(key, [selection]);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition;
      if (condition && !applies(scope, condition.name.value, runtimeType)) continue;
      collectInto(scope, runtimeType, selection.selectionSet, fields, visited);
    } else {
      const name = selection.name.value;
      const fragment = scope.fragments[name];
      if (visited.has(name) || !fragment) continue;
      visited.add(name);
      if (!applies(scope, fragment.typeCondition.name.value, runtimeType)) continue;
      collectInto(scope, runtimeType, fragment.selectionSet, fields, visited);
    }
  }
}

/** Does a selection survive `@skip` and `@include`? */
function included(scope: WalkScope, node: Parameters<typeof getDirectiveValues>[1]): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, scope.variables as Record<string, unknown>);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(
    GraphQLIncludeDirective,
    node,
    scope.variables as Record<string, unknown>,
  );
  return include?.if !== false;
}

/** Does a type condition apply to an object of `runtimeType`? */
function applies(scope: WalkScope, typeName: string, runtimeType: GraphQLObjectType): boolean {
  const conditionType = typeFromAST(scope.schema, {
    kind: Kind.NAMED_TYPE,
    name: { kind: Kind.NAME, value: typeName },
  });
  if (!conditionType) return false;
  if (conditionType === runtimeType) return true;
  return isAbstractType(conditionType) && scope.schema.isSubType(conditionType, runtimeType);
}
