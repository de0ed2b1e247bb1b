import {
  type DocumentNode,
  type FragmentDefinitionNode,
  getOperationAST,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import { fragmentsOf } from './document-fragments.ts';

/** A document's fragments by name. */
type Fragments = Readonly<Record<string, FragmentDefinitionNode>>;

/**
 * Empties an execution's result along the operation's selection, once the answer is written: every key of
 * a field with a selection is set to null once the object or list under it is emptied (lists in place).
 * A leaf (a field without a selection: a scalar, an enum, or a `JSON` value passed through from X, which
 * may be the response cache's own) is neither entered nor cleared. Every object and list it empties is
 * the execution's own. Why: `src/plugins/request-release.ts`.
 */
export function releaseResult(
  data: Record<string, unknown>,
  document: DocumentNode,
  operationName?: string | null,
): void {
  const operation = getOperationAST(document, operationName);
  if (!operation) return;
  releaseSelection(data, operation.selectionSet, fragmentsOf(document));
}

/** Empties one result object along a selection (fragments followed, whatever their type condition). */
function releaseSelection(
  object: Record<string, unknown>,
  selectionSet: SelectionSetNode,
  fragments: Fragments,
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      // A leaf's value (a string of X's page at most) is left in place: writing null over every leaf
      // would change the field's representation in each object and cost more than it frees.
      if (!selection.selectionSet) continue;
      const key = selection.alias?.value ?? selection.name.value;
      const value = object[key];
      if (value === undefined || value === null || typeof value !== 'object') continue;
      releaseValue(value, selection.selectionSet, fragments);
      object[key] = null;
    } else {
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
      if (fragment) releaseSelection(object, fragment.selectionSet, fragments);
    }
  }
}

/** Empties a value under a field with a selection: an object, or a list (of lists) of them. */
function releaseValue(value: object, selectionSet: SelectionSetNode, fragments: Fragments): void {
  if (!Array.isArray(value)) {
    releaseSelection(value as Record<string, unknown>, selectionSet, fragments);
    return;
  }
  for (const item of value) {
    if (item !== null && typeof item === 'object') releaseValue(item, selectionSet, fragments);
  }
  value.length = 0;
}
