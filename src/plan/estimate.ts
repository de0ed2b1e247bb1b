import { dataKind, type ResourceCounts, zeroCounts } from '../rest/billed-resources.ts';
import { MAX_BATCH_SIZE } from '../rest/params.ts';
import type { Endpoint } from '../rest/x-api.ts';
import type { OperationPlan, PlanNode, PlannedListCall } from './plan-types.ts';

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
}

/**
 * The upstream calls a plan makes at most, from the same walk the resolvers use: each node's calls per
 * instance, multiplied through nesting (root list lengths, page sizes). Batched lookups count one call
 * per 100 instances of a node; lazy parents (a user read for its id or lists only) and pinned tweets
 * (expanded in the page or lookup that brings their user) cost nothing; a page whose call is already
 * answered in the response cache (`options.isCached`) costs nothing. It is an upper bound: users already
 * known to the request, pages after a previous page's token and lists shorter than their page size cost
 * less.
 */
export function estimateUpstreamCalls(plan: OperationPlan, options: EstimateOptions = {}): CallEstimate {
  const byEndpoint: Partial<Record<Endpoint, number>> = {};
  let total = 0;
  let cached = 0;
  const resources = zeroCounts();
  for (const node of plan.nodes.values()) {
    if (!node.upstream) continue;
    const instances = instancesOf(plan, node);
    const calls = node.upstream.batched
      ? Math.ceil(instances / MAX_BATCH_SIZE) * node.upstream.calls
      : instances * node.upstream.calls;
    if (calls === 0) continue;
    // A page whose one call is known (its owner named by the operation) costs nothing when cached.
    const call = node.connection?.call;
    if (call && instances === 1 && calls === 1 && options.isCached?.(call)) {
      cached += 1;
      continue;
    }
    byEndpoint[node.upstream.endpoint] = (byEndpoint[node.upstream.endpoint] ?? 0) + calls;
    total += calls;
    addResources(resources, node, instances);
  }
  return { total, byEndpoint, cached, resources };
}

/** Adds the resources `instances` instances of a node with calls return at most. */
function addResources(resources: ResourceCounts, node: PlanNode, instances: number): void {
  const upstream = node.upstream;
  if (!upstream) return;
  const kind = dataKind(upstream.endpoint);
  const count = instances * (upstream.resources ?? 1);
  resources[kind] += count;
  // Pinned tweets come expanded with the users that pin them: one post per user at most.
  const expansions = node.connection ? node.connection.items.query.expansions : node.user?.query.expansions;
  if (kind !== 'posts' && expansions?.includes('pinned_tweet_id')) resources.posts += count;
}

/** How many times a node's field is resolved: its multiplicity times its ancestors'. */
function instancesOf(plan: OperationPlan, node: PlanNode): number {
  let instances = node.multiplicity;
  for (let parent = parentOf(plan, node); parent; parent = parentOf(plan, parent)) {
    instances *= parent.multiplicity;
  }
  return instances;
}

/** A node's parent plan node. */
function parentOf(plan: OperationPlan, node: PlanNode): PlanNode | undefined {
  return node.parentPath === undefined ? undefined : plan.nodes.get(node.parentPath);
}
