import type { OperationDefinitionNode } from 'graphql';
import type { EdgeCursor, PageDirection } from '../loaders/list-paging.ts';
import type { Endpoint, ListKind, ListQuery, TweetQuery, UserQuery } from '../rest/x-api.ts';

/**
 * The planner's output: one node per User/Tweet/Node/UserConnection-returning field of an operation,
 * keyed by its response path with list indices removed (`user.followers.edges.node`).
 */

/** How many of a root field's values are of each X-backed type, by type name. */
export type TypeCounts = Readonly<Record<string, number>>;

/** What the users at one path need from X. */
export interface UserPlan {
  /** Does anything read beyond `id`/`restId`/`followers`/`following`? When false no lookup is made. */
  readonly lookup: boolean;
  /** The minimal `user.fields`/`tweet.fields`/`expansions` (sorted, de-duplicated). */
  readonly query: UserQuery;
}

/** What the tweets at one path need from X. */
export interface TweetPlan {
  /** Does anything read beyond `id`/`restId`? When false no lookup is made. */
  readonly lookup: boolean;
  /** The minimal `tweet.fields` (sorted, de-duplicated). */
  readonly query: TweetQuery;
}

/** A `followers`/`following` connection. */
export interface ConnectionPlan {
  readonly kind: ListKind;
  /** `first` or `last`, 100 when neither is given. */
  readonly pageSize: number;
  readonly direction: PageDirection;
  /** The `after`/`before` cursor, as sent. */
  readonly cursor: string | undefined;
  /**
   * That cursor, decoded and checked against the list (and against the owner when the operation names
   * it): the resolver reads it from here instead of decoding the cursor again.
   */
  readonly decoded?: EdgeCursor;
  /** Is any of `edges`, `nodes`, `pageInfo` selected? When false no list call is made. */
  readonly needsPage: boolean;
  /** Is `totalCount` selected (read from the owner's `public_metrics`)? */
  readonly totalCount: boolean;
  /**
   * `X_READ_AHEAD`: the fewest items the page's first call (from no cursor) asks X for; 0 when off. The
   * list reader and the estimate both read it from here, so the call made is the call priced.
   */
  readonly readAhead: number;
  /** The owner's username when the operation names the owner by it (`user(username:)`). */
  readonly ownerUsername?: string;
  /** The merged needs of the list's users (`edges.node` and `nodes`, every alias). */
  readonly items: UserPlan;
  /**
   * The first list call this connection makes, when the operation names its owner (`user(restId:)`,
   * `node(id:)`): what the estimator asks the response cache about (a page from a cursor may make more).
   */
  readonly call?: PlannedListCall;
}

/** A list call known before execution: the same parameters the list reader sends. */
export interface PlannedListCall {
  readonly kind: ListKind;
  readonly ownerId: string;
  readonly query: ListQuery;
}

/** Upstream calls one instance of a plan node makes, for cost estimation. */
export interface PlanCalls {
  readonly endpoint: Endpoint;
  /** Calls per instance in the worst case (a mid-page cursor may need two). */
  readonly calls: number;
  /** Can instances share calls through a DataLoader batch of up to 100 ids? */
  readonly batched: boolean;
  /**
   * Resources one instance's calls return at most (list pages: the users of every call's `max_results`);
   * unset for lookups, which return one resource per instance.
   */
  readonly resources?: number;
  /**
   * How many of the node's values make these calls, in place of its multiplicity: set on the lookups of a
   * root list that mixes users and tweets (`nodes`, `_entities`), one lookup per type.
   */
  readonly instances?: number;
}

/** One field of the operation that returns users, tweets or a user connection. */
export interface PlanNode {
  /** Response path without list indices, aliases as written: `a.followers.nodes`. */
  readonly path: string;
  /** The path of the nearest enclosing plan node, undefined at the root. */
  readonly parentPath: string | undefined;
  /** Child plan nodes' paths. */
  readonly children: string[];
  /** The schema field name and the type that declares it. */
  readonly fieldName: string;
  readonly parentType: string;
  /** The named return type (`User`, `Tweet`, `Node`, `UserConnection`, ...). */
  readonly returnType: string;
  /** The field's arguments, coerced with the operation's variables. */
  readonly args: Readonly<Record<string, unknown>>;
  /** How many values this field yields per instance of its parent plan node (list lengths, page sizes). */
  readonly multiplicity: number;
  /**
   * On `node`, `nodes` and `_entities`: how many of its values are users and how many tweets (a field
   * selected on `User` runs for the users only, one on `Tweet` for the tweets only).
   */
  readonly typeCounts?: TypeCounts;
  /** Needs of the users this field yields (User or abstract return types). */
  readonly user?: UserPlan;
  /** Needs of the tweets this field yields (Tweet or abstract return types). */
  readonly tweet?: TweetPlan;
  /** Set on `followers`/`following`. */
  readonly connection?: ConnectionPlan;
  /** The ids or usernames a root lookup names in its arguments, when known before execution. */
  readonly keys?: readonly string[];
  /**
   * The upstream calls one instance makes, one entry per endpoint, when it makes any (a list of global ids
   * naming users and tweets looks its users up on `GET /2/users` and its tweets on `GET /2/tweets`).
   */
  readonly upstream?: readonly PlanCalls[];
}

/** The plan of one operation with one set of variables. */
export interface OperationPlan {
  /** The operation planned; undefined when the document names none that can run. */
  readonly operation: OperationDefinitionNode | undefined;
  /** Every plan node by path. */
  readonly nodes: ReadonlyMap<string, PlanNode>;
  /** Root plan nodes' paths, in selection order. */
  readonly roots: readonly string[];
  /** Argument problems found while planning; the operation must not call X when there are any. */
  readonly errors: readonly PlanError[];
  /**
   * True when a root `cost(dryRun: true)` is selected: the operation is priced and not run (only the
   * pricing root fields `cost`, `rateLimit` and `__typename` are answered).
   */
  readonly dryRun: boolean;
}

/** A bad argument found while planning, with the path of the field that carries it. */
export interface PlanError {
  readonly path: string;
  readonly error: Error;
}
