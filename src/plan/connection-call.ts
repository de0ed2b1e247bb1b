import { checkCursorList, plannedCall } from '../loaders/list-cursor.ts';
import type { ConnectionPlan, PlannedListCall } from './plan-types.ts';

/**
 * The first list call of a connection page once its owner's X id is known: the cursor's call (or the
 * list's first page, read ahead) with the fields its items need. Undefined when the page makes no call.
 * The planner uses it for owners the operation names; pricing, for owners found in cached lookups.
 */
export function connectionCall(connection: ConnectionPlan, ownerId: string): PlannedListCall | undefined {
  if (!connection.needsPage) return undefined;
  const { kind, direction, pageSize, decoded, readAhead, items } = connection;
  let call: ReturnType<typeof plannedCall>;
  try {
    const argument = direction === 'forward' ? 'after' : 'before';
    const owned = decoded && checkCursorList(decoded, { list: kind, ownerId }, argument);
    call = plannedCall(kind, direction, pageSize, owned, ownerId, readAhead);
  } catch {
    return undefined; // a cursor of another owner: the resolver refuses it
  }
  return call ? { ...call, query: { ...items.query, ...call.query } } : undefined;
}
