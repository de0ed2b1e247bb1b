import { type ListKind, MAX_RESULTS } from '../rest/x-api.ts';

/**
 * How one connection page reads a followers/following list: the page of X a cursor points into, the edge
 * a cursor names, and the budget of upstream calls of one page. The list reader pages within this budget;
 * the planner (`src/plan`) prices it. With the cursor codec next to it (`list-cursor.ts`) it is the one
 * pagination module: the planner, the pricing and the reader all page through these two files.
 */

/** Which way a connection pages. */
export type PageDirection = 'forward' | 'backward';

/** The page of X a cursor points into: how it was fetched and what X said of it. */
export interface CursorPage {
  /** The `pagination_token` the page was fetched with; undefined for the list's first page. */
  readonly token: string | undefined;
  /** The `max_results` of that call: the only one its tokens are passed with. */
  readonly maxResults: number;
  /** How many users X returned in the page. */
  readonly count: number;
  readonly nextToken: string | undefined;
  readonly previousToken: string | undefined;
}

/** A decoded cursor. */
export interface EdgeCursor {
  readonly list: ListKind;
  readonly ownerId: string;
  readonly page: CursorPage;
  /** The edge's position among the page's items; `-1`/`count` name the gaps before/after them. */
  readonly index: number;
  /** The edge's user; undefined for a gap. */
  readonly userId: string | undefined;
}

/**
 * The most upstream calls one connection page makes. Tokens pass only with the `max_results` they came
 * with, so filling a page from a cursor of smaller pages takes several calls: past this many the page holds
 * fewer edges (Relay allows it) and `pageInfo` says there is more.
 */
export const MAX_CALLS_PER_PAGE = 5;

/** How many wanted items the cursor's own page holds (a refetch of that page serves them). */
export function ownItems(direction: PageDirection, cursor: EdgeCursor): number {
  const { page, index } = cursor;
  return direction === 'forward' ? Math.max(0, page.count - 1 - index) : Math.max(0, index);
}

/**
 * The upstream calls one connection page makes at most, the budget the list reader keeps to (tested
 * against it): from no cursor, one call of `max_results = size`; from a cursor, one call to refetch its
 * page when that page still holds wanted items, then pages of the cursor's `max_results` through
 * `next_token` (forward) or `previous_token` (backward) until `size` edges would be had if pages were
 * full — at most {@link MAX_CALLS_PER_PAGE}. Short pages make the reader stop at this budget with fewer edges.
 */
export function pageCalls(direction: PageDirection, size: number, cursor: EdgeCursor | undefined): number {
  if (!cursor) return direction === 'forward' ? 1 : 0;
  const own = ownItems(direction, cursor);
  if (own >= size) return 1;
  const { page } = cursor;
  const token = direction === 'forward' ? page.nextToken : page.previousToken;
  const follow = token === undefined ? 0 : Math.ceil((size - own) / page.maxResults);
  return Math.min(MAX_CALLS_PER_PAGE, (own > 0 ? 1 : 0) + follow);
}

/**
 * The `max_results` of a page's first call from no cursor: the page size, or `readAhead` (`X_READ_AHEAD`)
 * when larger, within X's 1,000. The connection still returns `size` edges; their cursors point into the
 * bigger page, so later pages of the walk refetch that page (answered by the response cache) before
 * following its `next_token` with the same `max_results`.
 */
export function firstCallSize(size: number, readAhead = 0): number {
  return Math.min(MAX_RESULTS, Math.max(size, readAhead));
}

/**
 * The most items the calls of one connection page return (what X bills, per follower returned): from no
 * cursor, the first call's `max_results` (the page size, or the read-ahead when larger); from a cursor, every call (refetch and follow-ups, see {@link pageCalls}) a full
 * page of the cursor's recorded `max_results` — an upper bound, since pages may be short.
 */
export function pageItems(
  direction: PageDirection,
  size: number,
  cursor: EdgeCursor | undefined,
  readAhead = 0,
): number {
  const calls = pageCalls(direction, size, cursor);
  if (calls === 0) return 0;
  if (!cursor) return firstCallSize(size, readAhead);
  return calls * cursor.page.maxResults;
}
