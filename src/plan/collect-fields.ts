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

/** What a walk needs to resolve fragments: the schema and the document's fragments. */
export interface FragmentScope {
  readonly schema: GraphQLSchema;
  readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>;
}

/** What the planner's walk needs to resolve fragments and directives. */
export interface WalkScope extends FragmentScope {
  /** Coerced variable values. */
  readonly variables: Readonly<Record<string, unknown>>;
}

/** What becomes of one selection in a walk: collected, left out, or refused (the walk gives up). */
type Verdict = 'collect' | 'skip' | 'refuse';

/** A selection (field, inline fragment or fragment spread), as directives see it. */
type Selection = SelectionSetNode['selections'][number];

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
  const verdict = (selection: Selection): Verdict => (included(scope, selection) ? 'collect' : 'skip');
  for (const selectionSet of selectionSets)
    collectInto(scope, runtimeType, selectionSet, fields, visited, verdict);
  return fields;
}

/**
 * The fields as `collectFields` collects them, for a walk whose result must not depend on the variables
 * (list projection's writers, made once per place in a query): null when any selection carries a
 * directive, since `@skip` and `@include` decide per request.
 */
export function collectFieldsWithoutDirectives(
  scope: FragmentScope,
  runtimeType: GraphQLObjectType,
  selectionSets: readonly SelectionSetNode[],
): Map<string, FieldNode[]> | null {
  const fields = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  const verdict = (selection: Selection): Verdict =>
    (selection.directives?.length ?? 0) > 0 ? 'refuse' : 'collect';
  for (const selectionSet of selectionSets) {
    if (!collectInto(scope, runtimeType, selectionSet, fields, visited, verdict)) return null;
  }
  return fields;
}

/** The sub-selections of a merged field. */
export function subSelections(fieldNodes: readonly FieldNode[]): SelectionSetNode[] {
  return fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
}

/** Adds the fields of one selection set to `fields`; false when `verdict` refused a selection. */
function collectInto(
  scope: FragmentScope,
  runtimeType: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  fields: Map<string, FieldNode[]>,
  visited: Set<string>,
  verdict: (selection: Selection) => Verdict,
): boolean {
  for (const selection of selectionSet.selections) {
    const decided = verdict(selection);
    if (decided === 'refuse') return false;
    if (decided === 'skip') continue;
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      const existing = fields.get(key);
      if (existing) existing.push(selection);
      else fields.set(key, [selection]);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition;
      if (condition && !applies(scope, condition.name.value, runtimeType)) continue;
      if (!collectInto(scope, runtimeType, selection.selectionSet, fields, visited, verdict)) return false;
    } else {
      const name = selection.name.value;
      const fragment = scope.fragments[name];
      if (visited.has(name) || !fragment) continue;
      visited.add(name);
      if (!applies(scope, fragment.typeCondition.name.value, runtimeType)) continue;
      if (!collectInto(scope, runtimeType, fragment.selectionSet, fields, visited, verdict)) return false;
    }
  }
  return true;
}

/** Does a selection survive `@skip` and `@include`? */
function included(scope: WalkScope, node: Selection): boolean {
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
function applies(scope: FragmentScope, typeName: string, runtimeType: GraphQLObjectType): boolean {
  const conditionType = typeFromAST(scope.schema, {
    kind: Kind.NAMED_TYPE,
    name: { kind: Kind.NAME, value: typeName },
  });
  if (!conditionType) return false;
  if (conditionType === runtimeType) return true;
  return isAbstractType(conditionType) && scope.schema.isSubType(conditionType, runtimeType);
}
