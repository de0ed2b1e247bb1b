import type { CursorAnchor } from '../plan/cursor.ts';
import type { ListKind, ListQuery, UserListPage, UserQuery, XSession } from '../rest/x-api.ts';
import { type KnownTweets, type KnownUsers, userQueryKey } from './known-objects.ts';

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
