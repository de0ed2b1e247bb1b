import type { GraphQLField, GraphQLNamedType } from 'graphql';
import type { Endpoint, ListKind } from '../rest/x-api.ts';
import type { TweetField, UserExpansion, UserField } from '../rest/x-types.ts';

/**
 * What the schema declares about X, read by the planner. Each schema type backed by X declares, in its
 * `extensions`, the X object it maps to (`xObject`) or that it is a page of an X list (`xList`); each of
 * its fields declares what it needs from X (`xNeeds`), and each root field how it finds its objects
 * (`xRoot`). The declarations live with the fields in `src/schema`; the planner reads them from the
 * `GraphQLSchema` it is given and never names a type or a field itself.
 */

/**
 * The X objects a type may map to, each the key of its plan (`PlanNode.user`, `PlanNode.tweet`), in the
 * order a field whose values may be either plans them.
 */
export const X_OBJECT_KINDS = ['user', 'tweet'] as const;

/** An X object a type may map to. */
export type XObjectKind = (typeof X_OBJECT_KINDS)[number];

/** The X objects a list page holds: X's follows lists hold users. */
export const LIST_ITEM_KIND = 'user' satisfies XObjectKind;

/** A `user.fields` or `tweet.fields` value. */
export type XField = UserField | TweetField;

/** Field arguments, coerced. */
export type FieldArgs = Readonly<Record<string, unknown>>;

/** The extension keys of the declarations. */
export const X_OBJECT = 'xObject';
export const X_LIST = 'xList';
export const X_NEEDS = 'xNeeds';
export const X_ROOT = 'xRoot';

/** On a type backed by an X object: which one, and the endpoint that looks it up by X id. */
export interface XObjectType {
  readonly kind: XObjectKind;
  /** The batched lookup by X ids (`ids=`, up to 100 per call). */
  readonly lookup: Endpoint;
}

/**
 * What one field of an X-backed type (or of a list page type) needs. Exactly one of:
 * - `free`: known without a lookup (the X id).
 * - `fields`: the object must be looked up, with these X fields (`[]`: X's default fields suffice).
 * - `expansion`: a related object X sends in `includes` when the parent's call names this expansion; the
 *   sub-selection's fields join the parent's call.
 * - `lookup`: a related object looked up on its own, by the X id the parent's `idField` holds.
 * - `list`: a page of an X list whose owner is the parent.
 * - `page`: (on a list page type) reading it needs the page; the X objects found beneath are its items.
 * - `ownerFields`: (on a list page type) read from the list owner's X fields.
 */
export type XFieldNeeds =
  | { readonly free: true }
  | { readonly fields: readonly XField[] }
  | { readonly expansion: UserExpansion }
  | { readonly lookup: { readonly idField: XField } }
  | { readonly list: ListKind }
  | { readonly page: true }
  | { readonly ownerFields: readonly XField[] };

/** The lookup call of a root field. */
export interface XRootCall {
  readonly endpoint: Endpoint;
  /** Do many values share calls of up to 100 keys? @default true */
  readonly batched?: boolean;
  /** Is the call made whatever is read (a username or the token names the object, not its id)? */
  readonly always?: boolean;
  /** The keys the arguments name (ids or usernames), when known before execution. */
  readonly keys?: readonly string[];
}

/** How a root field finds its objects, from its arguments. */
export interface XRootNeeds {
  /** Checks the arguments; throws `BadUserInputError` naming the bad one. */
  readonly check?: (args: FieldArgs) => void;
  /** How many values the field yields. @default 1 */
  readonly count?: (args: FieldArgs) => number;
  /** The lookup it makes when its objects must be looked up. */
  readonly call?: (args: FieldArgs) => XRootCall | undefined;
  /** Are its objects always looked up, so that an id X does not know is null with `NOT_FOUND`? */
  readonly verifies?: boolean;
  /**
   * For fields whose values may be of several X-backed types: how many values of each type (by type
   * name, every type present); each type is looked up on its own `XObjectType.lookup`.
   */
  readonly typeCounts?: (args: FieldArgs) => Readonly<Record<string, number>>;
  /** The owner of the lists beneath, when the arguments name it by X id or by username. */
  readonly owner?: (args: FieldArgs) => { readonly restId?: string; readonly username?: string } | undefined;
  /** Does the field ask to price the operation instead of running it? */
  readonly dryRun?: (args: FieldArgs) => boolean;
}

/** The `extensions` of an X-backed object type. */
export function xObject(declaration: XObjectType): { readonly [X_OBJECT]: XObjectType } {
  return { [X_OBJECT]: declaration };
}

/** The `extensions` of a type that is a page of an X list. */
export function xList(): { readonly [X_LIST]: true } {
  return { [X_LIST]: true };
}

/** The `extensions` of a field of an X-backed type. */
export function xNeeds(declaration: XFieldNeeds): { readonly [X_NEEDS]: XFieldNeeds } {
  return { [X_NEEDS]: declaration };
}

/** The `extensions` of a root field that finds X objects. */
export function xRoot(declaration: XRootNeeds): { readonly [X_ROOT]: XRootNeeds } {
  return { [X_ROOT]: declaration };
}

/** A type's X object declaration, if it has one. */
export function objectOf(type: GraphQLNamedType | undefined): XObjectType | undefined {
  return type?.extensions[X_OBJECT] as XObjectType | undefined;
}

/** Is this type a page of an X list? */
export function isListPage(type: GraphQLNamedType | undefined): boolean {
  return type?.extensions[X_LIST] === true;
}

/** A field's needs, if it declares them. */
export function needsOf(field: GraphQLField<unknown, unknown> | undefined): XFieldNeeds | undefined {
  return field?.extensions[X_NEEDS] as XFieldNeeds | undefined;
}

/** A root field's declaration, if it has one. */
export function rootOf(field: GraphQLField<unknown, unknown> | undefined): XRootNeeds | undefined {
  return field?.extensions[X_ROOT] as XRootNeeds | undefined;
}
