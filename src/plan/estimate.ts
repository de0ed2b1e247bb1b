import { type Endpoint, MAX_BATCH_SIZE } from '../rest/x-api.ts';
import type { OperationPlan, PlanNode, PlannedListCall } from './plan-types.ts';

/** Upstream calls an operation may make, by endpoint. */
export interface CallEstimate {
  /** Every call, all endpoints together. */
  readonly total: number;
  /** Calls per X endpoint (only endpoints with calls are present). */
  readonly byEndpoint: Partial<Record<Endpoint, number>>;
  /** Calls left out because a fresh answer is already in the response cache. */
  readonly cached: number;
}

/** What the estimator may ask the REST layer. */
export interface EstimateOptions {
  /** Is a fresh answer to this list call already cached for the caller (so it costs no call)? */
  readonly isCached?: (call: PlannedListCall) => boolean;
}

/**
 * The upstream calls a plan makes at most, from the same walk the resolvers use: each node's calls per
 * instance, multiplied through nesting (root list lengths, page sizes). Batched lookups count one call
 * per 100 instances of a node on each endpoint (a `nodes`/`_entities` list of users and tweets: one call
 * per 100 users on `GET /2/users` and one per 100 tweets on `GET /2/tweets`); lazy parents (a user read for its id or lists only) and pinned tweets
 * (expanded in the page or lookup that brings their user) cost nothing; a page whose call is already
 * answered in the response cache (`options.isCached`) costs nothing. It is an upper bound: users already
 * known to the request, pages after a previous page's token and lists shorter than their page size cost
 * less.
 */
export function estimateUpstreamCalls(plan: OperationPlan, options: EstimateOptions = {}): CallEstimate {
  const byEndpoint: Partial<Record<Endpoint, number>> = {};
  let total = 0;
  let cached = 0;
  for (const node of plan.nodes.values()) {
    if (!node.upstream) continue;
    const parents = parentInstances(plan, node);
    for (const upstream of node.upstream) {
      const instances = (upstream.instances ?? node.multiplicity) * parents;
      const calls = upstream.batched
        ? Math.ceil(instances / MAX_BATCH_SIZE) * upstream.calls
        : instances * upstream.calls;
      if (calls === 0) continue;
      // A page whose one call is known (its owner named by the operation) costs nothing when cached.
      const call = node.connection?.call;
      if (call && instances === 1 && calls === 1 && options.isCached?.(call)) {
        cached += 1;
        continue;
      }
      byEndpoint[upstream.endpoint] = (byEndpoint[upstream.endpoint] ?? 0) + calls;
      total += calls;
    }
  }
  return { total, byEndpoint, cached };
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
  const counts = node.typeCounts;
  return counts && (type === 'User' || type === 'Tweet') ? counts[type] : node.multiplicity;
}

/** A node's parent plan node. */
function parentOf(plan: OperationPlan, node: PlanNode): PlanNode | undefined {
  return node.parentPath === undefined ? undefined : plan.nodes.get(node.parentPath);
}
