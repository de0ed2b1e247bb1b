import {
  type ListKind,
  type ListQuery,
  releaseListPage,
  type UserListPage,
  type UserQuery,
  type XSession,
} from '../rest/x-api.ts';
import type { XUser } from '../rest/x-types.ts';
import { type KnownTweets, type KnownUsers, userQueryKey } from './known-objects.ts';
import { type CursorPage, type EdgeCursor, firstCallSize, pageCalls } from './list-paging.ts';

/**
 * Reads one connection page of a followers/following list out of X's token pages, relying only on what
 * X promises: each token goes back with the `max_results` of the call that returned it, pages may hold
 * fewer items than asked (even none, with a `next_token` still present), and an edge is found by what X
 * returned (its page and its index among that page's items), never by arithmetic on list positions.
 * - the first page: one call of `max_results = first` (or the read-ahead, `X_READ_AHEAD`, when larger:
 *   the window still holds `first` edges, and its cursors point into the bigger page);
 * - from a cursor: the rest of the cursor's page (refetched with its own token and `max_results`; by
 *   user id when X's page moved), then that page's `next_token` (forward) or `previous_token` (backward),
 *   page after page with the same `max_results`, until `size` edges or the budget of `pageCalls` (the
 *   planner's estimate) is spent. A window may so hold fewer edges than asked; never a skipped or
 *   repeated one.
 * `hasNextPage`/`hasPreviousPage` are true whenever an edge may exist beyond the window: a page item not
 * taken, or a token X handed out (which may lead to empty pages only). An empty window that X says goes on
 * still gets `startCursor`/`endCursor`: the gap after (forward) or before (backward) the last page read.
 */

/** One edge of a read: a user and its cursor. */
export interface ListEdge {
  readonly user: XUser;
  readonly cursor: EdgeCursor;
}

/**
 * What a read returns. `users` is ready at once; `edges` (each user with its cursor) is built on first
 * read: a query that selects `nodes` touches each of 1,000 followers once, with no edge or cursor object
 * per follower.
 */
export interface ListWindow {
  /** The window's users, in order: the users of `edges`. */
  readonly users: readonly XUser[];
  readonly edges: readonly ListEdge[];
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  /** The first edge's cursor, or the gap an empty window stopped at when X goes on. */
  readonly startCursor: EdgeCursor | undefined;
  /** The last edge's cursor, or the gap an empty window stopped at when X goes on. */
  readonly endCursor: EdgeCursor | undefined;
}

/** Fetches one page: `maxResults` items with X's `pagination_token` (none for the list's first page). */
export type FetchPage = (token: string | undefined, maxResults: number) => Promise<UserListPage>;

/** A page as fetched: its cursor description and its users (the reader's own copy). */
interface FetchedPage {
  readonly page: CursorPage;
  readonly users: XUser[];
}

/** Users a window took from one fetched page: `users` are the page's items from index `from` on. */
interface Run {
  readonly fetched: FetchedPage;
  readonly from: number;
  readonly users: XUser[];
}

/** The flags and the gap of a window (see {@link ListWindow}). */
interface WindowEnds {
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  /** Where an empty window stopped, when X goes on. */
  readonly gap: EdgeCursor | undefined;
}

/**
 * Reads pages of one list. `release` empties what it read once the request is answered: under load the
 * promises and arrays a read made before it waited for X are old by the time the page arrives, and would
 * keep the users past the request (`src/rest/answers/hand-over.ts`). Every array emptied is the reader's
 * own copy, never X's.
 */
export class ListReader {
  /** The pages fetched and the windows returned, for `release`. */
  readonly #fetched: FetchedPage[] = [];
  readonly #windows: ReadWindow[] = [];

  constructor(
    private readonly list: ListKind,
    private readonly ownerId: string,
    private readonly fetchPage: FetchPage,
    /** `X_READ_AHEAD`: the fewest items the first call (from no cursor) asks X for. */
    private readonly readAhead = 0,
  ) {}

  /** Up to `size` items after the cursor's edge (or from the list's start). */
  async forward(size: number, cursor: EdgeCursor | undefined): Promise<ListWindow> {
    let budget = pageCalls('forward', size, cursor);
    const runs: Run[] = [];
    let count = 0;
    let current: FetchedPage | undefined;
    let from = 0;
    if (!cursor) {
      current = await this.fetch(undefined, firstCallSize(size, this.readAhead));
      budget -= 1;
    } else if (cursor.page.count - 1 - cursor.index > 0) {
      current = await this.fetch(cursor.page.token, cursor.page.maxResults);
      from = this.locate(current, cursor) + 1;
      budget -= 1;
    }
    let next = cursor?.page.nextToken;
    let more = false;
    for (;;) {
      if (current) {
        const wanted = size - count;
        const taken = current.users.slice(from, from + wanted);
        if (taken.length > 0) runs.push({ fetched: current, from, users: taken });
        count += taken.length;
        more = from + taken.length < current.users.length;
        next = current.page.nextToken;
        if (more) break;
      }
      if (count >= size || next === undefined || budget <= 0) break;
      current = await this.fetch(next, cursor?.page.maxResults ?? firstCallSize(size, this.readAhead));
      from = 0;
      budget -= 1;
    }
    const hasNextPage = more || next !== undefined;
    const gap =
      count === 0 && hasNextPage && current ? this.gap(current.page, current.page.count) : undefined;
    return this.window(runs, {
      hasNextPage,
      hasPreviousPage: cursor ? hasItemsBefore(cursor) : false,
      gap,
    });
  }

  /** Up to `size` items before the cursor's edge. */
  async backward(size: number, cursor: EdgeCursor): Promise<ListWindow> {
    let budget = pageCalls('backward', size, cursor);
    const runs: Run[] = [];
    let count = 0;
    let current: FetchedPage | undefined;
    let upTo = 0;
    if (cursor.index > 0) {
      current = await this.fetch(cursor.page.token, cursor.page.maxResults);
      upTo = this.locate(current, cursor);
      budget -= 1;
    }
    let previous = cursor.page.previousToken;
    let more = false;
    for (;;) {
      if (current) {
        const start = Math.max(0, upTo - (size - count));
        const taken = current.users.slice(start, upTo);
        if (taken.length > 0) runs.unshift({ fetched: current, from: start, users: taken });
        count += taken.length;
        more = start > 0;
        previous = current.page.previousToken;
        if (more) break;
      }
      if (count >= size || previous === undefined || budget <= 0) break;
      current = await this.fetch(previous, cursor.page.maxResults);
      upTo = current.users.length;
      budget -= 1;
    }
    const hasPreviousPage = more || previous !== undefined;
    const gap = count === 0 && hasPreviousPage && current ? this.gap(current.page, -1) : undefined;
    return this.window(runs, { hasNextPage: hasItemsAfter(cursor), hasPreviousPage, gap });
  }

  /** Empties every page fetched and every window returned (in place: they are old under load). */
  release(): void {
    for (const fetched of this.#fetched) fetched.users.length = 0;
    for (const window of this.#windows) window.release();
    this.#fetched.length = 0;
    this.#windows.length = 0;
  }

  /** The window of the users taken, in order; its edges are built when first read. */
  private window(runs: Run[], ends: WindowEnds): ListWindow {
    const window = new ReadWindow(this.list, this.ownerId, runs, ends);
    this.#windows.push(window);
    return window;
  }

  /** Fetches a page and describes it for cursors. */
  private async fetch(token: string | undefined, maxResults: number): Promise<FetchedPage> {
    const answer = await this.fetchPage(token, maxResults);
    const users = answer.users.slice(0, maxResults);
    const fetched: FetchedPage = {
      users,
      page: {
        token,
        maxResults,
        count: users.length,
        nextToken: answer.nextToken,
        previousToken: answer.previousToken,
      },
    };
    this.#fetched.push(fetched);
    return fetched;
  }

  /** The cursor's position in its refetched page: where its user now is, else its recorded index. */
  private locate(fetched: FetchedPage, cursor: EdgeCursor): number {
    if (cursor.userId === undefined || fetched.users[cursor.index]?.id === cursor.userId) {
      return Math.min(cursor.index, fetched.users.length);
    }
    const found = fetched.users.findIndex((user) => user.id === cursor.userId);
    return found >= 0 ? found : Math.min(cursor.index, fetched.users.length);
  }

  /** The cursor of a position in a page with no user: a gap. */
  private gap(page: CursorPage, index: number): EdgeCursor {
    return cursorOf(this.list, this.ownerId, page, index, undefined);
  }
}

/** The cursor of a position in a page, with the id of the user there (undefined for a gap). */
function cursorOf(
  list: ListKind,
  ownerId: string,
  page: CursorPage,
  index: number,
  userId: string | undefined,
): EdgeCursor {
  return { list, ownerId, page, index, userId };
}

/** The cursor of the `offset`-th user of a run. */
function cursorAt(list: ListKind, ownerId: string, run: Run, offset: number): EdgeCursor {
  return cursorOf(list, ownerId, run.fetched.page, run.from + offset, run.users[offset]?.id);
}

/**
 * A window as read. A class, not an object literal with a getter: V8 stores each literal's getter closure
 * in an accessor pair it allocates in the old generation, which a young generation collection takes for
 * alive until the next full one. The closure holds the reader, the runs and through them the request's
 * whole answer, so every answer outlived its request and was copied and promoted by the scavenges under
 * load (`bench/gc-survival.ts`, `bench/results/history.md` §22).
 */
class ReadWindow implements ListWindow {
  readonly users: XUser[];
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  readonly startCursor: EdgeCursor | undefined;
  readonly endCursor: EdgeCursor | undefined;
  readonly #list: ListKind;
  readonly #ownerId: string;
  /** The read's own array (its `runs`), emptied in place by `release`. */
  readonly #runs: Run[];
  #edges: ListEdge[] | undefined;

  constructor(list: ListKind, ownerId: string, runs: Run[], ends: WindowEnds) {
    const first = runs[0];
    const last = runs.at(-1);
    this.#list = list;
    this.#ownerId = ownerId;
    this.#runs = runs;
    this.users = runs.length === 1 && first ? first.users : runs.flatMap((run) => run.users);
    this.hasNextPage = ends.hasNextPage;
    this.hasPreviousPage = ends.hasPreviousPage;
    this.startCursor = first ? cursorAt(list, ownerId, first, 0) : ends.gap;
    this.endCursor = last ? cursorAt(list, ownerId, last, last.users.length - 1) : ends.gap;
  }

  get edges(): readonly ListEdge[] {
    this.#edges ??= this.#runs.flatMap((run) =>
      run.users.map((user, offset) => ({ user, cursor: cursorAt(this.#list, this.#ownerId, run, offset) })),
    );
    return this.#edges;
  }

  /** Empties the window's arrays in place (each is the read's own). */
  release(): void {
    for (const run of this.#runs) run.users.length = 0;
    this.#runs.length = 0;
    this.users.length = 0;
    if (this.#edges) this.#edges.length = 0;
  }
}

/** May an edge exist before the cursor's position? (Its own edge, an earlier item or a previous page.) */
function hasItemsBefore(cursor: EdgeCursor): boolean {
  return cursor.index >= 0 || cursor.page.previousToken !== undefined;
}

/** May an edge exist after the cursor's position? (Its own edge, a later item or a next page.) */
function hasItemsAfter(cursor: EdgeCursor): boolean {
  return cursor.index < cursor.page.count || cursor.page.nextToken !== undefined;
}

/**
 * Per-request pages of followers/following lists. The same page (list, token, size, fields) is fetched
 * once per request; every page feeds the known users and primes the known tweets with its pinned tweets,
 * and records the pinned tweets X reported missing.
 */
export class ListPages {
  private readonly pages = new Map<string, Promise<UserListPage>>();
  /** The pages received and the readers made, for `release`. */
  readonly #received: UserListPage[] = [];
  readonly #readers: ListReader[] = [];

  constructor(
    private readonly session: XSession,
    private readonly knownUsers: KnownUsers,
    private readonly knownTweets: KnownTweets,
  ) {}

  /** One page: `max_results` items with `token` (none for the list's first page). */
  page(
    kind: ListKind,
    ownerId: string,
    token: string | undefined,
    maxResults: number,
    query: UserQuery,
  ): Promise<UserListPage> {
    const key = `${kind}:${ownerId}:${token ?? ''}:${maxResults}:${userQueryKey(query)}`;
    let page = this.pages.get(key);
    if (!page) {
      const listQuery: ListQuery = { ...query, maxResults, ...(token ? { paginationToken: token } : {}) };
      page = this.session.userList(kind, ownerId, listQuery).then((answer) => {
        this.knownUsers.record(answer.users, query);
        this.knownTweets.record(answer.includedTweets, query.tweetFields);
        this.knownTweets.recordProblems(answer.errors);
        this.#received.push(answer);
        return answer;
      });
      this.pages.set(key, page);
    }
    return page;
  }

  /** A reader of one list over `fetchPage` (see {@link ListReader}), emptied by `release`. */
  reader(kind: ListKind, ownerId: string, fetchPage: FetchPage, readAhead = 0): ListReader {
    const reader = new ListReader(kind, ownerId, fetchPage, readAhead);
    this.#readers.push(reader);
    return reader;
  }

  /**
   * Empties every page received and every reader made, once the request is answered (the arrays that
   * list them are emptied in place: they are old under load). Pages asked again are fetched again.
   */
  release(): void {
    for (const page of this.#received) releaseListPage(page);
    for (const reader of this.#readers) reader.release();
    this.#received.length = 0;
    this.#readers.length = 0;
    this.pages.clear();
  }
}
