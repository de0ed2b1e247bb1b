import type { FieldNode, GraphQLObjectType } from 'graphql';
import { decodeCursor, plannedCall } from '../loaders/list-cursor.ts';
import { type EdgeCursor, type PageDirection, pageCalls, pageItems } from '../loaders/list-paging.ts';
import type { Endpoint, ListKind } from '../rest/x-api.ts';
import type { TweetField, UserExpansion, UserField } from '../rest/x-types.ts';
import { collectFields, subSelections, type WalkScope } from './collect-fields.ts';
import { AUTHOR_ID_FIELD, TOTAL_COUNT_FIELD, TWEET_FIELD_NEEDS, USER_FIELD_NEEDS } from './field-needs.ts';
import { decodeGlobalId, LOOKUP_ENDPOINTS, rootEndpoint, type TypeCounts } from './global-id.ts';
import type { PlanCalls, PlanNode } from './plan-types.ts';
import { checkPageArgs, DEFAULT_PAGE_SIZE, type PageArgs } from './validate.ts';

/** A plan node while the walk fills it in. */
export interface Draft {
  path: string;
  parentPath: string | undefined;
  children: string[];
  fieldName: string;
  parentType: string;
  returnType: string;
  args: Record<string, unknown>;
  multiplicity: number;
  typeCounts?: TypeCounts;
  user?: {
    lookup: boolean;
    userFields: Set<UserField>;
    expansions: Set<UserExpansion>;
    tweetFields: Set<TweetField>;
  };
  tweet?: { lookup: boolean; tweetFields: Set<TweetField> };
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
  /** The object type of this name in the schema, if there is one. */
  objectType(name: string): GraphQLObjectType | undefined;
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

/** Fills in what the users a field yields need, visiting `pinnedTweet`, `followers` and `following`. */
export function walkUser(planner: PlanWalker, draft: Draft, fieldNodes: FieldNode[]): void {
  const userType = planner.objectType('User');
  if (!userType) return;
  const needs = { lookup: false, userFields: new Set<UserField>(), expansions: new Set<UserExpansion>() };
  const tweetFields = new Set<TweetField>();
  draft.user = { ...needs, tweetFields };
  for (const [key, nodes] of collectFields(planner.scope, userType, subSelections(fieldNodes))) {
    const name = nodes[0]?.name.value ?? '';
    const known = USER_FIELD_NEEDS[name];
    if (known) {
      for (const field of known.fields) draft.user.userFields.add(field);
      draft.user.lookup ||= known.lookup;
      continue;
    }
    const child = planner.visitField(userType, key, nodes, draft.path, draft.path, 1);
    if (name === 'pinnedTweet') {
      draft.user.lookup = true;
      draft.user.expansions.add('pinned_tweet_id');
      for (const field of child?.tweet?.tweetFields ?? []) tweetFields.add(field);
    } else if (name === 'followers' || name === 'following') {
      if (child?.connection?.totalCount) {
        draft.user.lookup = true;
        draft.user.userFields.add(TOTAL_COUNT_FIELD);
      }
    } else {
      draft.user.lookup = true;
    }
  }
}

/** Fills in what the tweets a field yields need, visiting `author`. */
export function walkTweet(planner: PlanWalker, draft: Draft, fieldNodes: FieldNode[]): void {
  const tweetType = planner.objectType('Tweet');
  if (!tweetType) return;
  draft.tweet = { lookup: false, tweetFields: new Set() };
  for (const [key, nodes] of collectFields(planner.scope, tweetType, subSelections(fieldNodes))) {
    const name = nodes[0]?.name.value ?? '';
    const known = TWEET_FIELD_NEEDS[name];
    if (known) {
      for (const field of known.fields) draft.tweet.tweetFields.add(field);
      draft.tweet.lookup ||= known.lookup;
      continue;
    }
    planner.visitField(tweetType, key, nodes, draft.path, draft.path, 1);
    draft.tweet.lookup = true;
    if (name === 'author') draft.tweet.tweetFields.add(AUTHOR_ID_FIELD);
  }
}

/** Fills in a `followers`/`following` connection: page arguments, cursor, and its items' merged needs. */
export function walkConnection(planner: PlanWalker, draft: Draft, fieldNodes: FieldNode[]): void {
  const kind: ListKind = draft.fieldName === 'following' ? 'following' : 'followers';
  let request = {
    size: DEFAULT_PAGE_SIZE,
    direction: 'forward' as PageDirection,
    cursor: undefined as string | undefined,
  };
  let decoded: EdgeCursor | undefined;
  const ownerId = knownOwner(planner, draft.parentPath);
  const ownerUsername = ownerId === undefined ? ownerByUsername(planner, draft.parentPath) : undefined;
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
    readAhead: planner.readAhead,
    items: [] as Draft[],
  };
  draft.connection = connection;
  const connectionType = planner.objectType('UserConnection');
  const edgeType = planner.objectType('UserEdge');
  if (!connectionType || !edgeType) return;
  for (const [key, nodes] of collectFields(planner.scope, connectionType, subSelections(fieldNodes))) {
    const name = nodes[0]?.name.value;
    if (name === 'totalCount') connection.totalCount = true;
    if (name === 'pageInfo' || name === 'edges' || name === 'nodes') connection.needsPage = true;
    if (name === 'nodes') {
      const item = planner.visitField(connectionType, key, nodes, draft.path, draft.path, request.size);
      if (item) connection.items.push(item);
    }
    if (name !== 'edges') continue;
    const edgesPath = `${draft.path}.${key}`;
    for (const [edgeKey, edgeNodes] of collectFields(planner.scope, edgeType, subSelections(nodes))) {
      const item = planner.visitField(edgeType, edgeKey, edgeNodes, edgesPath, draft.path, request.size);
      if (item) connection.items.push(item);
    }
  }
}

/** The username of a connection's owner when the operation names it so (`user(username:)`). */
function ownerByUsername(planner: PlanWalker, ownerPath: string | undefined): string | undefined {
  const owner = ownerPath === undefined ? undefined : planner.drafts.get(ownerPath);
  if (!owner || owner.parentPath !== undefined || owner.fieldName !== 'user') return undefined;
  return typeof owner.args.username === 'string' ? owner.args.username : undefined;
}

/** The X id of a connection's owner when the operation names it (`user(restId:)`, `node(id:)`). */
function knownOwner(planner: PlanWalker, ownerPath: string | undefined): string | undefined {
  const owner = ownerPath === undefined ? undefined : planner.drafts.get(ownerPath);
  if (!owner || owner.parentPath !== undefined) return undefined;
  if (owner.fieldName === 'user' && typeof owner.args.restId === 'string') return owner.args.restId;
  if (owner.fieldName !== 'node' || typeof owner.args.id !== 'string') return undefined;
  try {
    const id = decodeGlobalId(owner.args.id, 'id');
    return id.type === 'User' ? id.restId : undefined;
  } catch {
    return undefined;
  }
}

/** Freezes a draft into a plan node with sorted field lists. */
export function finishNode(draft: Draft): PlanNode {
  const { user, tweet, connection } = draft;
  const node: PlanNode = {
    path: draft.path,
    parentPath: draft.parentPath,
    children: draft.children,
    fieldName: draft.fieldName,
    parentType: draft.parentType,
    returnType: draft.returnType,
    args: draft.args,
    multiplicity: draft.multiplicity,
    ...(draft.typeCounts ? { typeCounts: draft.typeCounts } : {}),
    ...(user ? { user: userPlan([draft]) } : {}),
    ...(tweet ? { tweet: { lookup: tweet.lookup, query: { tweetFields: sorted(tweet.tweetFields) } } } : {}),
  };
  if (!connection) return withUpstream(node, draft);
  const { decoded, items, ownerId, ...rest } = connection;
  const itemsPlan = userPlan(items);
  const call = rest.needsPage
    ? plannedCall(rest.kind, rest.direction, rest.pageSize, decoded, ownerId, rest.readAhead)
    : undefined;
  return {
    ...node,
    connection: {
      ...rest,
      items: itemsPlan,
      ...(call ? { call: { ...call, query: { ...itemsPlan.query, ...call.query } } } : {}),
    },
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

/** The merged user needs of some drafts (a connection's items, every alias). */
function userPlan(drafts: readonly Draft[]): NonNullable<PlanNode['user']> {
  const userFields = new Set<UserField>();
  const expansions = new Set<UserExpansion>();
  const tweetFields = new Set<TweetField>();
  let lookup = false;
  for (const { user } of drafts) {
    if (!user) continue;
    lookup ||= user.lookup;
    for (const field of user.userFields) userFields.add(field);
    for (const expansion of user.expansions) expansions.add(expansion);
    for (const field of user.tweetFields) tweetFields.add(field);
  }
  // The expansion puts `pinned_tweet_id` in the user object: asking for the field too would be redundant.
  if (expansions.has('pinned_tweet_id')) userFields.delete('pinned_tweet_id');
  return {
    lookup,
    query: {
      userFields: sorted(userFields),
      expansions: sorted(expansions),
      tweetFields: expansions.size > 0 ? sorted(tweetFields) : [],
    },
  };
}

/** Adds the lookup a user/tweet node makes, if it makes one. */
function withUpstream(node: PlanNode, draft: Draft): PlanNode {
  const isRoot = draft.parentPath === undefined;
  // A user named by username must be looked up to learn its id, whatever is read of it; so must the viewer.
  const byUsername = isRoot && (draft.fieldName === 'usersByUsername' || draft.args.username != null);
  const needsLookup = node.user?.lookup || node.tweet?.lookup || draft.fieldName === 'viewer' || byUsername;
  if (!needsLookup || draft.fieldName === 'pinnedTweet' || draft.parentType === 'UserConnection') return node;
  if (draft.parentType === 'UserEdge') return node;
  if (isRoot && draft.typeCounts) return withLookupsByType(node, draft.typeCounts);
  const endpoint: Endpoint | undefined = isRoot
    ? rootEndpoint(draft.fieldName, draft.args)
    : draft.fieldName === 'author'
      ? 'GET /2/users'
      : undefined;
  if (!endpoint) return node;
  const calls: PlanCalls = { endpoint, calls: 1, batched: endpoint !== 'GET /2/users/me' };
  return { ...node, upstream: [calls] };
}

/** Adds the lookups of a root list of users and tweets: each type on its own endpoint, for its own ids. */
function withLookupsByType(node: PlanNode, counts: TypeCounts): PlanNode {
  const upstream = (['User', 'Tweet'] as const)
    .filter((type) => counts[type] > 0)
    .map((type) => ({ endpoint: LOOKUP_ENDPOINTS[type], calls: 1, batched: true, instances: counts[type] }));
  return upstream.length > 0 ? { ...node, upstream } : node;
}

/** The list call of a connection. */
function pageUpstream(kind: ListKind, calls: number, resources: number): readonly PlanCalls[] {
  return [{ endpoint: `GET /2/users/:id/${kind}`, calls, batched: false, resources }];
}

/** A sorted copy of a set. */
function sorted<T extends string>(values: Set<T>): T[] {
  return [...values].sort();
}
