import type { XBody } from '../answers/parse-response.ts';
import {
  type BilledResources,
  type Endpoint,
  RESOURCE_KINDS,
  type ResourceCounts,
  type ResourceKind,
} from '../x-api.ts';

/**
 * What X bills for: reads are charged per resource returned, by kind (Following/Followers read, User read,
 * Posts read), each resource at most once per app and UTC day. The kinds, counts per kind, and the
 * resources one answer brings.
 */

/** Zero of every kind (a new object each time: callers add to it). */
export function zeroCounts(): ResourceCounts {
  return { users: 0, follows: 0, posts: 0 };
}

/** Adds `more` into `into`. */
export function addCounts(into: ResourceCounts, more: ResourceCounts): void {
  for (const kind of RESOURCE_KINDS) into[kind] += more[kind];
}

/** The sum of every kind. */
export function totalCount(counts: ResourceCounts): number {
  return counts.users + counts.follows + counts.posts;
}

/** The kind X bills an endpoint's `data` resources as. */
export function dataKind(endpoint: Endpoint): ResourceKind {
  if (endpoint === 'GET /2/users/:id/followers' || endpoint === 'GET /2/users/:id/following')
    return 'follows';
  if (endpoint === 'GET /2/tweets' || endpoint === 'GET /2/tweets/:id') return 'posts';
  return 'users';
}

/**
 * The resources an answer returns: its `data` (of the endpoint's kind) and its expansions
 * (`includes.tweets` are posts, `includes.users` users). Errors and missing resources are not billed.
 */
export function billedResourcesOf(endpoint: Endpoint, body: XBody): BilledResources {
  const ids: Record<ResourceKind, string[]> = { users: [], follows: [], posts: [] };
  const data = body.data;
  if (data !== undefined) addIds(ids[dataKind(endpoint)], Array.isArray(data) ? data : [data]);
  addIds(ids.posts, body.includes?.tweets);
  addIds(ids.users, body.includes?.users);
  return ids;
}

/** Adds the string ids of some resources to `ids` (no copy in between: a page brings 1,000 and more). */
function addIds(ids: string[], resources: readonly { readonly id?: unknown }[] | undefined): void {
  if (!resources) return;
  for (const resource of resources) if (typeof resource.id === 'string') ids.push(resource.id);
}
