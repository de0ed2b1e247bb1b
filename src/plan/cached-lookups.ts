import type { LookupCall } from '../rest/x-api.ts';
import type { OperationPlan } from './plan-types.ts';

/**
 * The root lookups whose one call is answered from the response cache. Root fields that look up the same
 * endpoint with the same fields share one DataLoader batch in the request's first turn, so the call is
 * known before execution: the union of their keys (at most 100). A group with a field whose keys are only
 * known at run time (a list of global ids or representations) is left out, as is every nested lookup.
 */

/** The cached root lookups of a plan: their nodes' paths, and how many calls they save. */
export interface CachedLookups {
  readonly paths: ReadonlySet<string>;
  readonly calls: number;
}

/** No cached lookup. */
export const NO_CACHED_LOOKUPS: CachedLookups = { paths: new Set(), calls: 0 };

/** Finds the root lookups `isCached` says are answered from the cache. */
export function cachedRootLookups(
  plan: OperationPlan,
  isCached: (lookup: LookupCall) => boolean,
): CachedLookups {
  const groups = new Map<
    string,
    { lookup: LookupCall; keys: Set<string>; paths: string[]; known: boolean }
  >();
  for (const path of plan.roots) {
    const node = plan.nodes.get(path);
    for (const upstream of node?.upstream ?? []) {
      const endpoint = upstream.endpoint;
      if (
        !node ||
        (endpoint !== 'GET /2/users' && endpoint !== 'GET /2/users/by' && endpoint !== 'GET /2/tweets')
      )
        continue;
      const query = endpoint === 'GET /2/tweets' ? node.tweet?.query : node.user?.query;
      const id = `${endpoint}|${JSON.stringify(query)}`;
      const group = groups.get(id) ?? {
        lookup: { endpoint, keys: [], query: query ?? { tweetFields: [] } },
        keys: new Set<string>(),
        paths: [],
        known: true,
      };
      groups.set(id, group);
      const keys = node.keys;
      if (!keys || !query) group.known = false;
      for (const key of keys ?? []) group.keys.add(endpoint === 'GET /2/users/by' ? key.toLowerCase() : key);
      group.paths.push(path);
    }
  }
  const paths = new Set<string>();
  let calls = 0;
  for (const group of groups.values()) {
    if (!group.known || group.keys.size === 0 || group.keys.size > 100) continue;
    if (!isCached({ ...group.lookup, keys: [...group.keys] })) continue;
    for (const path of group.paths) paths.add(path);
    calls += 1;
  }
  return { paths, calls };
}
