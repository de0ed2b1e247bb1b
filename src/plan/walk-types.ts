import type { FieldNode, GraphQLObjectType } from 'graphql';
import { decodeCursor } from '../loaders/list-cursor.ts';
import { type EdgeCursor, type PageDirection, pageCalls, pageItems } from '../loaders/list-paging.ts';
import type { ListKind } from '../rest/x-api.ts';
import type { TweetField, UserExpansion, UserField } from '../rest/x-types.ts';
import { collectFields, subSelections, type WalkScope } from './collect-fields.ts';
import { connectionCall } from './connection-call.ts';
import type { ConnectionPlan, PlanCalls, PlanNode, TypeCounts } from './plan-types.ts';
import { checkPageArgs, DEFAULT_PAGE_SIZE, type PageArgs } from './validate.ts';
import {
  type FieldArgs,
  LIST_ITEM_KIND,
  needsOf,
  type XField,
  type XObjectKind,
  type XRootCall,
} from './x-needs.ts';

/** What the objects of one X kind at a draft need: fields, expansions and the expanded objects' fields. */
interface ObjectNeeds {
  lookup: boolean;
  fields: Set<XField>;
  expansions: Set<UserExpansion>;
  expansionFields: Set<XField>;
}

/** A plan node while the walk fills it in. */
export interface Draft {
  path: string;
  parentPath: string | undefined;
  children: string[];
  fieldName: string;
  parentType: string;
  returnType: string;
  args: FieldArgs;
  multiplicity: number;
  typeCounts?: TypeCounts;
  /** The needs of each X object the field may yield, by kind. */
  objects: Partial<Record<XObjectKind, ObjectNeeds>>;
  /** The lookup the field makes when its objects must be looked up (a root field's, a `lookup` relation's). */
  call?: XRootCall;
  /** The lookups of a root field whose values may be of several types: one per type with values. */
  lookupsByType?: readonly PlanCalls[];
  /** The owner of the lists beneath, when a root field's arguments name it. */
  owner?: { readonly restId?: string; readonly username?: string };
  connection?: {
    kind: ListKind;
    pageSize: number;
    direction: PageDirection;
    cursor: string | undefined;
    decoded: EdgeCursor | undefined;
    /** The owner's X id when the operation names it. */
    ownerId: string | undefined;
    /** The owner's username when the operation names the owner by it. */
    ownerUsername?: string;
    needsPage: boolean;
    totalCount: boolean;
    /** The owner's X fields the page's selection reads (`totalCount`). */
    ownerFields: Set<XField>;
    /** `X_READ_AHEAD`: the fewest items the page's first call (from no cursor) asks X for. */
    readAhead: number;
    items: Draft[];
  };
}

/**
 * What the walkers below use of the planner (`Planner` in build-plan.ts, which implements it): its scope,
 * its drafts, its errors and its visit of one field.
 */
export interface PlanWalker {
  readonly scope: WalkScope;
  readonly drafts: Map<string, Draft>;
  /** `X_READ_AHEAD`: the fewest items a list page's first call asks X for. */
  readonly readAhead: number;
  /** Records a bad argument of the field at `path`. */
  reject(path: string, error: unknown): void;
  /** Visits one merged field; its plan node when it makes one. */
  visitField(
    parentType: GraphQLObjectType,
    key: string,
    fieldNodes: FieldNode[],
    parentPath: string,
    parentPlan: string | undefined,
    multiplicity: number,
  ): Draft | undefined;
}

/**
 * Fills in what the X objects of one kind a field yields need, from the declarations of the fields its
 * selection reads on `type`, visiting the fields with plans of their own (relations, lists).
 */
export function walkObject(
  planner: PlanWalker,
  draft: Draft,
  fieldNodes: FieldNode[],
  type: GraphQLObjectType,
  kind: XObjectKind,
): void {
  const needs: ObjectNeeds = {
    lookup: false,
    fields: new Set(),
    expansions: new Set(),
    expansionFields: new Set(),
  };
  draft.objects[kind] = needs;
  for (const [key, nodes] of collectFields(planner.scope, type, subSelections(fieldNodes))) {
    const name = nodes[0]?.name.value ?? '';
    // `__typename` is known without a lookup.
    if (name.startsWith('__')) continue;
    const declared = needsOf(type.getFields()[name]);
    if (declared && 'free' in declared) continue;
    if (declared && 'fields' in declared) {
      for (const field of declared.fields) needs.fields.add(field);
      needs.lookup = true;
      continue;
    }
    const child = planner.visitField(type, key, nodes, draft.path, draft.path, 1);
    if (declared && 'list' in declared) {
      // A list needs nothing of its owner unless its selection reads the owner's fields.
      for (const field of child?.connection?.ownerFields ?? []) {
        needs.lookup = true;
        needs.fields.add(field);
      }
      continue;
    }
    needs.lookup = true;
    if (declared && 'expansion' in declared) {
      needs.expansions.add(declared.expansion);
      for (const expanded of Object.values(child?.objects ?? {})) {
        for (const field of expanded.fields) needs.expansionFields.add(field);
      }
    } else if (declared && 'lookup' in declared) {
      needs.fields.add(declared.lookup.idField);
    }
  }
}

/** Fills in a page of an X list: page arguments, cursor, and its items' merged needs. */
export function walkConnection(
  planner: PlanWalker,
  draft: Draft,
  fieldNodes: FieldNode[],
  type: GraphQLObjectType,
  kind: ListKind,
): void {
  let request = {
    size: DEFAULT_PAGE_SIZE,
    direction: 'forward' as PageDirection,
    cursor: undefined as string | undefined,
  };
  let decoded: EdgeCursor | undefined;
  const ownerDraft = draft.parentPath === undefined ? undefined : planner.drafts.get(draft.parentPath);
  // Only a root field's arguments name the owner.
  const owner = ownerDraft?.parentPath === undefined ? ownerDraft?.owner : undefined;
  const ownerId = owner?.restId;
  const ownerUsername = ownerId === undefined ? owner?.username : undefined;
  try {
    request = checkPageArgs(draft.args as PageArgs);
    const argument = request.direction === 'forward' ? 'after' : 'before';
    if (request.cursor !== undefined)
      decoded = decodeCursor(request.cursor, { list: kind, ownerId }, argument);
  } catch (error) {
    planner.reject(draft.path, error);
  }
  const connection = {
    kind,
    pageSize: request.size,
    direction: request.direction,
    cursor: request.cursor,
    decoded,
    ownerId,
    ...(ownerUsername === undefined ? {} : { ownerUsername }),
    needsPage: false,
    totalCount: false,
    ownerFields: new Set<XField>(),
    readAhead: planner.readAhead,
    items: [] as Draft[],
  };
  draft.connection = connection;
  for (const [key, nodes] of collectFields(planner.scope, type, subSelections(fieldNodes))) {
    const declared = needsOf(type.getFields()[nodes[0]?.name.value ?? '']);
    if (declared && 'ownerFields' in declared) {
      connection.totalCount = true;
      for (const field of declared.ownerFields) connection.ownerFields.add(field);
    }
    if (declared && 'page' in declared) {
      connection.needsPage = true;
      planner.visitField(type, key, nodes, draft.path, draft.path, request.size);
    }
  }
  // The X objects found beneath the page's fields are its items.
  for (const path of draft.children) {
    const item = planner.drafts.get(path);
    if (item) connection.items.push(item);
  }
}

/** Freezes a draft into a plan node with sorted field lists. */
export function finishNode(draft: Draft): PlanNode {
  const { connection } = draft;
  let node: PlanNode = {
    path: draft.path,
    parentPath: draft.parentPath,
    children: draft.children,
    fieldName: draft.fieldName,
    parentType: draft.parentType,
    returnType: draft.returnType,
    args: draft.args,
    multiplicity: draft.multiplicity,
    ...(draft.typeCounts ? { typeCounts: draft.typeCounts } : {}),
  };
  for (const kind of Object.keys(draft.objects) as XObjectKind[]) {
    node = { ...node, [kind]: objectPlan(kind, [draft]) };
  }
  if (!connection) return withUpstream(node, draft);
  const { decoded, items, ownerId, ownerFields: _ownerFields, ...rest } = connection;
  const planned: ConnectionPlan = {
    ...rest,
    ...(decoded ? { decoded } : {}),
    items: objectPlan(LIST_ITEM_KIND, items),
  };
  const call = ownerId === undefined ? undefined : connectionCall(planned, ownerId);
  return {
    ...node,
    connection: { ...planned, ...(call ? { call } : {}) },
    ...(connection.needsPage
      ? {
          upstream: pageUpstream(
            connection.kind,
            pageCalls(rest.direction, rest.pageSize, decoded),
            pageItems(rest.direction, rest.pageSize, decoded, rest.readAhead),
          ),
        }
      : {}),
  };
}

/** The merged needs of one X kind in some drafts (a list's items, every alias). */
interface MergedNeeds {
  readonly fields: Set<XField>;
  readonly expansions: Set<UserExpansion>;
  readonly expansionFields: Set<XField>;
}

/** The X query of each kind of object from its merged needs: `user.fields`, `tweet.fields`, `expansions`. */
const QUERY_OF: { readonly [K in XObjectKind]: (needs: MergedNeeds) => NonNullable<PlanNode[K]>['query'] } = {
  user: (needs) => ({
    userFields: sorted(needs.fields as Set<UserField>),
    expansions: sorted(needs.expansions),
    tweetFields: needs.expansions.size > 0 ? sorted(needs.expansionFields as Set<TweetField>) : [],
  }),
  tweet: (needs) => ({ tweetFields: sorted(needs.fields as Set<TweetField>) }),
};

/** The merged plan of one X kind of some drafts (a connection's items, every alias). */
function objectPlan<K extends XObjectKind>(kind: K, drafts: readonly Draft[]): NonNullable<PlanNode[K]> {
  const merged: MergedNeeds = { fields: new Set(), expansions: new Set(), expansionFields: new Set() };
  let lookup = false;
  for (const draft of drafts) {
    const needs = draft.objects[kind];
    if (!needs) continue;
    lookup ||= needs.lookup;
    for (const field of needs.fields) merged.fields.add(field);
    for (const expansion of needs.expansions) merged.expansions.add(expansion);
    for (const field of needs.expansionFields) merged.expansionFields.add(field);
  }
  // An expansion puts its id field in the object: asking for the field too would be redundant.
  for (const expansion of merged.expansions) merged.fields.delete(expansion as XField);
  return { lookup, query: QUERY_OF[kind](merged) } as NonNullable<PlanNode[K]>;
}

/** Adds the lookup a node of X objects makes, if it makes one. */
function withUpstream(node: PlanNode, draft: Draft): PlanNode {
  const lookup = Object.values(draft.objects).some((needs) => needs.lookup);
  // An object named by username must be looked up to learn its id, whatever is read of it; so must the viewer.
  if (!lookup && !draft.call?.always) return node;
  if (draft.lookupsByType)
    return draft.lookupsByType.length > 0 ? { ...node, upstream: draft.lookupsByType } : node;
  const call = draft.call;
  if (!call) return node;
  const calls: PlanCalls = { endpoint: call.endpoint, calls: 1, batched: call.batched ?? true };
  return { ...node, upstream: [calls], ...(call.keys ? { keys: call.keys } : {}) };
}

/** The list call of a connection. */
function pageUpstream(kind: ListKind, calls: number, resources: number): readonly PlanCalls[] {
  return [{ endpoint: `GET /2/users/:id/${kind}`, calls, batched: false, resources }];
}

/** A sorted copy of a set. */
function sorted<T extends string>(values: Set<T>): T[] {
  return [...values].sort();
}
