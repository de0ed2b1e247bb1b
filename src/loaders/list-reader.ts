import type { CursorAnchor, EdgeCursor } from '../plan/cursor.ts';
import { MAX_PAGE_SIZE } from '../plan/validate.ts';
import type { ListKind, ListQuery, UserListPage, UserQuery, XSession } from '../rest/x-api.ts';
import type { XUser } from '../rest/x-types.ts';
import { type KnownTweets, type KnownUsers, userQueryKey } from './known-objects.ts';

/**
 * Reads one connection page of a followers/following list out of X's token pages.
 *
 * X hands out two kinds of opaque tokens: `next_token` names the boundary where the next page starts
 * (a page fetched with it holds the items after it), `previous_token` the boundary where the current
 * page starts (a page fetched with it holds the items before it, ending there). Both work with any
 * `max_results`. A cursor is an anchor (the list's start or one of those tokens) plus an offset from it, so:
 * - forward from a `start`/`next` anchor: fetch `offset + 1 + size` items and skip `offset + 1`
 *   (`after: endCursor` of a full page is `next` with offset -1: exactly `next_token` with `size`);
 * - backward from a `previous` anchor: fetch `size - offset` items and drop the last `-offset`;
 * - past the 1000-item limit, or across an anchor the other way, first fetch to learn the opposite token.
 * Each returned edge gets the cursor of the page it came from: the first edge of a page anchors on its
 * `previous_token`, the last on its `next_token`, the others on the page's own anchor.
 */

/** One edge of a read: a user and its cursor. */
export interface ListEdge {
  readonly user: XUser;
  readonly cursor: EdgeCursor;
}

/** What a read returns. */
export interface ListWindow {
  readonly edges: readonly ListEdge[];
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
}

/** Fetches `maxResults` items of the list from an anchor. */
export type FetchPage = (anchor: CursorAnchor, maxResults: number) => Promise<UserListPage>;

/** Reads pages of one list. */
export class ListReader {
  constructor(
    private readonly list: ListKind,
    private readonly ownerId: string,
    private readonly fetchPage: FetchPage,
  ) {}

  /** `size` items after the cursor's edge (or from the list's start). */
  async forward(size: number, cursor: EdgeCursor | undefined): Promise<ListWindow> {
    const { edges, hasNextPage } = await this.after(
      cursor?.anchor ?? { kind: 'start' },
      cursor?.offset ?? -1,
      size,
    );
    return { edges, hasNextPage, hasPreviousPage: cursor !== undefined };
  }

  /** `size` items before the cursor's edge. */
  async backward(size: number, cursor: EdgeCursor): Promise<ListWindow> {
    const { edges, hasPreviousPage } = await this.before(cursor.anchor, cursor.offset, size);
    return { edges, hasPreviousPage, hasNextPage: true };
  }

  /** The items after position `offset` of `anchor`. */
  private async after(
    anchor: CursorAnchor,
    offset: number,
    size: number,
  ): Promise<{ edges: ListEdge[]; hasNextPage: boolean }> {
    if (anchor.kind === 'previous') {
      if (offset >= -1) {
        // The wanted items start at or after the boundary: learn its `next_token` first.
        const page = await this.fetchPage(anchor, 1);
        if (!page.nextToken) return { edges: [], hasNextPage: false };
        return this.after({ kind: 'next', token: page.nextToken }, offset, size);
      }
      const before = -(offset + 1);
      const page = await this.fetchPage(anchor, before);
      const edges = this.edgesOf(page, anchor).slice(-before);
      if (edges.length >= size)
        return { edges: edges.slice(0, size), hasNextPage: edges.length > size || !!page.nextToken };
      if (!page.nextToken) return { edges, hasNextPage: false };
      const rest = await this.after({ kind: 'next', token: page.nextToken }, -1, size - edges.length);
      return { edges: [...edges, ...rest.edges], hasNextPage: rest.hasNextPage };
    }
    const skip = offset + 1;
    if (skip + size <= MAX_PAGE_SIZE) {
      const page = await this.fetchPage(anchor, skip + size);
      return { edges: this.edgesOf(page, anchor).slice(skip), hasNextPage: !!page.nextToken };
    }
    const page = await this.fetchPage(anchor, skip);
    if (!page.nextToken) return { edges: [], hasNextPage: false };
    return this.after({ kind: 'next', token: page.nextToken }, -1, size);
  }

  /** The items before position `offset` of `anchor`. */
  private async before(
    anchor: CursorAnchor,
    offset: number,
    size: number,
  ): Promise<{ edges: ListEdge[]; hasPreviousPage: boolean }> {
    if (anchor.kind === 'previous') {
      if (offset > 0) return this.viaNextToken(anchor, offset, size);
      const drop = -offset;
      if (drop + size > MAX_PAGE_SIZE) {
        const page = await this.fetchPage(anchor, drop);
        if (!page.previousToken) return { edges: [], hasPreviousPage: false };
        return this.before({ kind: 'previous', token: page.previousToken }, 0, size);
      }
      const page = await this.fetchPage(anchor, drop + size);
      const all = this.edgesOf(page, anchor);
      const kept = all.slice(0, Math.max(0, all.length - drop));
      const edges = kept.slice(-size);
      return { edges, hasPreviousPage: kept.length > size || !!page.previousToken };
    }
    if (offset >= 1) {
      const page = await this.fetchPage(anchor, offset);
      const edges = this.edgesOf(page, anchor);
      if (edges.length >= size) {
        return { edges: edges.slice(-size), hasPreviousPage: edges.length > size || !!page.previousToken };
      }
      if (!page.previousToken) return { edges, hasPreviousPage: false };
      const earlier = await this.before(
        { kind: 'previous', token: page.previousToken },
        0,
        size - edges.length,
      );
      return { edges: [...earlier.edges, ...edges], hasPreviousPage: earlier.hasPreviousPage };
    }
    if (anchor.kind === 'start') return { edges: [], hasPreviousPage: false };
    // The wanted items end at or before the boundary: learn its `previous_token` first.
    const page = await this.fetchPage(anchor, 1);
    if (!page.previousToken) return { edges: [], hasPreviousPage: false };
    return this.before({ kind: 'previous', token: page.previousToken }, offset, size);
  }

  /** Backward from a `previous` anchor at a positive offset: go through the boundary's `next_token`. */
  private async viaNextToken(anchor: CursorAnchor, offset: number, size: number) {
    const page = await this.fetchPage(anchor, 1);
    if (!page.nextToken) return { edges: [], hasPreviousPage: false };
    return this.before({ kind: 'next', token: page.nextToken }, offset, size);
  }

  /** The edges of a fetched page, each with its cursor. */
  private edgesOf(page: UserListPage, anchor: CursorAnchor): ListEdge[] {
    const count = page.users.length;
    return page.users.map((user, index) => {
      let edgeAnchor = anchor;
      let offset = anchor.kind === 'previous' ? index - count : index;
      if (index === count - 1 && page.nextToken) {
        edgeAnchor = { kind: 'next', token: page.nextToken };
        offset = -1;
      } else if (index === 0 && page.previousToken) {
        edgeAnchor = { kind: 'previous', token: page.previousToken };
        offset = 0;
      }
      return {
        user,
        cursor: { list: this.list, ownerId: this.ownerId, anchor: edgeAnchor, offset, userId: user.id },
      };
    });
  }
}

/**
 * Per-request pages of followers/following lists. The same page (list, token, size, fields) is fetched
 * once per request; every page feeds the known users and primes the known tweets with its pinned tweets,
 * and records the pinned tweets X reported missing.
 */
export class ListPages {
  private readonly pages = new Map<string, Promise<UserListPage>>();

  constructor(
    private readonly session: XSession,
    private readonly knownUsers: KnownUsers,
    private readonly knownTweets: KnownTweets,
  ) {}

  /** One page: `max_results` items from `anchor` (no `pagination_token` for the list's start). */
  page(
    kind: ListKind,
    ownerId: string,
    anchor: CursorAnchor,
    maxResults: number,
    query: UserQuery,
  ): Promise<UserListPage> {
    const token = anchor.kind === 'start' ? '' : anchor.token;
    const key = `${kind}:${ownerId}:${token}:${maxResults}:${userQueryKey(query)}`;
    let page = this.pages.get(key);
    if (!page) {
      const listQuery: ListQuery = { ...query, maxResults, ...(token ? { paginationToken: token } : {}) };
      page = this.session.userList(kind, ownerId, listQuery).then((answer) => {
        this.knownUsers.record(answer.users, query);
        this.knownTweets.record(answer.includedTweets, query.tweetFields);
        this.knownTweets.recordProblems(answer.errors);
        return answer;
      });
      this.pages.set(key, page);
    }
    return page;
  }
}
