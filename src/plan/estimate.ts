import { dataKind, zeroCounts } from '../rest/billing/billed-resources.ts';
import {
  type Endpoint,
  type LookupCall,
  MAX_BATCH_SIZE,
  type ResourceCounts,
  type UserQuery,
} from '../rest/x-api.ts';
import { type CachedLookups, cachedRootLookups, NO_CACHED_LOOKUPS } from './cached-lookups.ts';
import { connectionCall } from './connection-call.ts';
import type { OperationPlan, PlanCalls, PlanNode, PlannedListCall } from './plan-types.ts';

/** Upstream calls an operation may make, by endpoint. */
export interface CallEstimate {
  /** Every call, all endpoints together. */
  readonly total: number;
  /** Calls per X endpoint (only endpoints with calls are present). */
  readonly byEndpoint: Partial<Record<Endpoint, number>>;
  /** Calls left out because a fresh answer is already in the response cache. */
  readonly cached: number;
  /**
   * Resources the calls return at most, by the kind X bills them as: each user of a list page is a
   * `follows`, each user of a lookup a `users`, each tweet of a lookup and each pinned tweet expanded a
   * `posts`. Cached pages return none.
   */
  readonly resources: ResourceCounts;
}

/** What the estimator may ask the REST layer. */
export interface EstimateOptions {
  /** Is a fresh answer to this list call already cached for the caller (so it costs no call)? */
  readonly isCached?: (call: PlannedListCall) => boolean;
  /** Is a fresh answer to this lookup (one batch) already cached for the caller? */
  readonly isLookupCached?: (lookup: LookupCall) => boolean;
  /** The X id a cached lookup of this username (with these fields) names, if one is cached. */
  readonly cachedUserId?: (username: string, query: UserQuery) => string | undefined;
}

/**
 * The upstream calls a plan makes at most, from the same walk the resolvers use: each node's calls per
 * instance, multiplied through nesting (root list lengths, page sizes). Batched lookups count one call
 * per 100 instances of a node on each endpoint (a `nodes`/`_entities` list of users and tweets: one call
 * per 100 users on `GET /2/users` and one per 100 tweets on `GET /2/tweets`); lazy parents (a user read for its id or lists only) and pinned tweets
 * (expanded in the page or lookup that brings their user) cost nothing; a page's first call already
 * answered in the response cache (`options.isCached`) costs nothing (a page served by it alone: nothing). It is an upper bound: users already
 * known to the request, pages after a previous page's token and lists shorter than their page size cost
 * less.
 */
export function estimateUpstreamCalls(plan: OperationPlan, options: EstimateOptions = {}): CallEstimate {
  const byEndpoint: Partial<Record<Endpoint, number>> = {};
  let total = 0;
  let cached = 0;
  const resources = zeroCounts();
  const lookups = options.isLookupCached
    ? cachedRootLookups(plan, options.isLookupCached)
    : NO_CACHED_LOOKUPS;
  cached += lookups.calls;
  for (const node of plan.nodes.values()) {
    if (!node.upstream) continue;
    // Root lookups answered from the cache cost nothing (their call is counted once above).
    if (lookups.paths.has(node.path)) continue;
    const parents = parentInstances(plan, node);
    for (const upstream of node.upstream) {
      const instances = (upstream.instances ?? node.multiplicity) * parents;
      let calls = upstream.batched
        ? Math.ceil(instances / MAX_BATCH_SIZE) * upstream.calls
        : instances * upstream.calls;
      if (calls === 0) continue;
      // A page whose first call is known (its owner named by the operation) saves that call when cached:
      // all of it when one call serves the page (a later page of a read-ahead walk).
      const call = listCall(plan, node, lookups, options);
      let share = 1;
      if (call && instances === 1 && options.isCached?.(call)) {
        cached += 1;
        calls -= 1;
        share = calls / upstream.calls;
        if (calls === 0) continue;
      }
      byEndpoint[upstream.endpoint] = (byEndpoint[upstream.endpoint] ?? 0) + calls;
      total += calls;
      addResources(resources, node, upstream, instances * share);
    }
  }
  return { total, byEndpoint, cached, resources };
}

/**
 * The first list call of a connection page, when known before execution: the planner's (its owner named
 * by id), or, for an owner named by username whose lookup is cached, the call for the id that lookup holds.
 */
function listCall(
  plan: OperationPlan,
  node: PlanNode,
  lookups: CachedLookups,
  options: EstimateOptions,
): PlannedListCall | undefined {
  const connection = node.connection;
  if (!connection) return undefined;
  if (connection.call) return connection.call;
  const owner = node.parentPath === undefined ? undefined : plan.nodes.get(node.parentPath);
  const username = connection.ownerUsername;
  if (!owner?.user || username === undefined || !lookups.paths.has(owner.path)) return undefined;
  const ownerId = options.cachedUserId?.(username, owner.user.query);
  return ownerId === undefined ? undefined : connectionCall(connection, ownerId);
}

/**
 * Adds the resources `instances` instances of one of a node's calls return at most, by the kind of its
 * endpoint (a mixed list: users from the users lookup, posts from the tweets lookup).
 */
function addResources(
  resources: ResourceCounts,
  node: PlanNode,
  upstream: PlanCalls,
  instances: number,
): void {
  const kind = dataKind(upstream.endpoint);
  const count = instances * (upstream.resources ?? 1);
  resources[kind] += count;
  // Pinned tweets come expanded with the users that pin them: one post per user at most.
  const expansions = node.connection ? node.connection.items.query.expansions : node.user?.query.expansions;
  if (kind !== 'posts' && expansions?.includes('pinned_tweet_id')) resources.posts += count;
}

/**
 * How many times a node's parent fields are resolved: the product of its ancestors' multiplicities, where
 * an ancestor that mixes users and tweets counts only the values of the type its child is selected on.
 */
function parentInstances(plan: OperationPlan, node: PlanNode): number {
  let instances = 1;
  let child = node;
  for (let parent = parentOf(plan, child); parent; parent = parentOf(plan, parent)) {
    instances *= valuesFor(parent, child.parentType);
    child = parent;
  }
  return instances;
}

/** How many of a plan node's values a child selected on `type` runs for. */
function valuesFor(node: PlanNode, type: string): number {
  return node.typeCounts?.[type] ?? node.multiplicity;
}

/** A node's parent plan node. */
function parentOf(plan: OperationPlan, node: PlanNode): PlanNode | undefined {
  return node.parentPath === undefined ? undefined : plan.nodes.get(node.parentPath);
}
