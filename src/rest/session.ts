import { idKeys, lookupResult, userListPage, usernameKeys } from './answers/lookup-results.ts';
import type { Credential } from './auth/principal.ts';
import {
  type CallOutcome,
  type CallParts,
  type CallSpec,
  cachedBody,
  callKey,
  executeCall,
  isCached,
} from './call.ts';
import { UnauthenticatedError } from './errors.ts';
import {
  batches,
  normaliseIds,
  normaliseUsernames,
  tweetFieldSets,
  userFieldSets,
  validateId,
  validateMaxResults,
  validatePaginationToken,
} from './query-params.ts';
import {
  type Endpoint,
  type ListKind,
  type ListQuery,
  type LookupCall,
  type LookupResult,
  MAX_BATCH_SIZE,
  type Principal,
  type RateLimitState,
  type SessionStats,
  type TweetQuery,
  type UserListPage,
  type UserQuery,
  type XSession,
} from './x-api.ts';
import type { XTweet, XUser } from './x-types.ts';

/** The call of one lookup of at most 100 keys, validated and normalised; undefined for more. */
function lookupSpec(lookup: LookupCall): CallSpec | undefined {
  const byUsername = lookup.endpoint === 'GET /2/users/by';
  const keys = byUsername ? normaliseUsernames(lookup.keys, 'usernames') : normaliseIds(lookup.keys, 'ids');
  if (keys.length === 0 || keys.length > MAX_BATCH_SIZE) return undefined;
  const isTweet = lookup.endpoint === 'GET /2/tweets';
  return {
    endpoint: lookup.endpoint,
    path: isTweet ? '/2/tweets' : byUsername ? '/2/users/by' : '/2/users',
    params: byUsername ? { usernames: keys.join(',') } : { ids: keys.join(',') },
    fields: isTweet ? tweetFieldSets(lookup.query as TweetQuery) : userFieldSets(lookup.query as UserQuery),
    shape: { resource: isTweet ? 'tweet' : 'user', data: 'array' },
  };
}

/** The call of one list page, validated and normalised. */
function listSpec(kind: ListKind, userId: string, query: ListQuery): CallSpec {
  const id = validateId(userId, 'userId');
  if (kind !== 'followers' && kind !== 'following') {
    throw new TypeError(`userList kind must be "followers" or "following"; got ${String(kind)}.`);
  }
  const params: Record<string, string> = {};
  if (query.maxResults !== undefined) params.max_results = String(validateMaxResults(query.maxResults));
  if (query.paginationToken !== undefined)
    params.pagination_token = validatePaginationToken(query.paginationToken);
  const endpoint: Endpoint =
    kind === 'followers' ? 'GET /2/users/:id/followers' : 'GET /2/users/:id/following';
  return {
    endpoint,
    path: `/2/users/${id}/${kind}`,
    params,
    fields: userFieldSets(query),
    shape: { resource: 'user', data: 'page' },
  };
}

/**
 * `XSession` over the client: one principal, one request's counters. Every method validates its
 * arguments before any call (a bad id is `BAD_USER_INPUT` with zero upstream calls), normalises them,
 * and maps X's answer to typed results whose ids stay strings.
 */
export class ClientSession implements XSession {
  readonly principal: Principal;
  readonly stats: SessionStats = { upstreamCalls: 0, cacheHits: 0, staleEndpoints: [] };
  readonly #ctx: CallParts;
  readonly #credential: Credential;
  readonly ledger: XSession['ledger'];
  /** False when the client keeps no answers (`cacheTtlSeconds` 0): nothing is ever cached, nothing to look up. */
  readonly #keepsAnswers: boolean;
  /** The opaque tag put on this session's events (`SessionAuth.tag`). */
  readonly #tag: unknown;

  constructor(ctx: CallParts, credential: Credential, tag?: unknown) {
    this.#ctx = ctx;
    this.#tag = tag;
    this.#keepsAnswers = ctx.options.cacheTtlMs > 0;
    this.ledger = ctx.ledger;
    this.#credential = credential;
    this.principal = credential.principal;
    const { pull } = ctx.answers;
    if (pull) {
      this.loadSharedList = async (kind, userId, query) => {
        let spec: CallSpec;
        try {
          spec = listSpec(kind, userId, query);
        } catch {
          return; // a bad argument is never cached; the call itself reports it
        }
        await pull(callKey(this.principal, spec));
      };
    }
  }

  async userList(kind: ListKind, userId: string, query: ListQuery): Promise<UserListPage> {
    const spec = listSpec(kind, userId, query);
    return userListPage(await this.#call(spec), spec.endpoint);
  }

  /** Present only with a shared level: without one there is nothing to pull, and pricing skips the step. */
  readonly loadSharedList?: (kind: ListKind, userId: string, query: ListQuery) => Promise<void>;

  isLookupCached(lookup: LookupCall, stale = false): boolean {
    if (!this.#keepsAnswers) return false;
    try {
      const spec = lookupSpec(lookup);
      return spec !== undefined && isCached(this.#ctx, this.principal, spec, stale);
    } catch {
      return false; // a bad argument is never cached; the call itself reports it
    }
  }

  cachedUserId(username: string, query: UserQuery, stale = false): string | undefined {
    if (!this.#keepsAnswers) return undefined;
    try {
      const spec = lookupSpec({ endpoint: 'GET /2/users/by', keys: [username], query });
      const body = spec && cachedBody(this.#ctx, this.principal, spec, stale);
      const users = Array.isArray(body?.data) ? (body.data as readonly Partial<XUser>[]) : [];
      const wanted = username.toLowerCase();
      const user = users.find((candidate) => candidate.username?.toLowerCase() === wanted);
      return typeof user?.id === 'string' ? user.id : undefined;
    } catch {
      return undefined;
    }
  }

  settled(): Promise<void> {
    return settle(this.#inFlight);
  }

  isListCached(kind: ListKind, userId: string, query: ListQuery, stale = false): boolean {
    if (!this.#keepsAnswers) return false;
    try {
      return isCached(this.#ctx, this.principal, listSpec(kind, userId, query), stale);
    } catch {
      return false; // a bad argument is never cached; the call itself reports it
    }
  }

  async usersByIds(ids: readonly string[], query: UserQuery): Promise<LookupResult<XUser>> {
    const asked = normaliseIds(ids, 'ids');
    const fields = userFieldSets(query);
    const outcomes = await Promise.all(
      batches(asked).map((batch) =>
        this.#call({
          endpoint: 'GET /2/users',
          path: '/2/users',
          params: { ids: batch.join(',') },
          fields,
          shape: { resource: 'user', data: 'array' },
        }),
      ),
    );
    return lookupResult(outcomes, idKeys<XUser>('user', new Set(asked)));
  }

  async usersByUsernames(usernames: readonly string[], query: UserQuery): Promise<LookupResult<XUser>> {
    const asked = normaliseUsernames(usernames, 'usernames');
    const fields = userFieldSets(query);
    const outcomes = await Promise.all(
      batches(asked).map((batch) =>
        this.#call({
          endpoint: 'GET /2/users/by',
          path: '/2/users/by',
          params: { usernames: batch.join(',') },
          fields,
          shape: { resource: 'user', data: 'array' },
        }),
      ),
    );
    return lookupResult(outcomes, usernameKeys(new Set(asked)));
  }

  async me(query: UserQuery): Promise<LookupResult<XUser>> {
    const fields = userFieldSets(query);
    if (this.principal.kind === 'app') {
      throw new UnauthenticatedError(
        'The viewer needs user context: send "Authorization: Bearer <user token>", or configure ' +
          'X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN and X_ACCESS_TOKEN_SECRET.',
      );
    }
    const outcome = await this.#call({
      endpoint: 'GET /2/users/me',
      path: '/2/users/me',
      params: {},
      fields,
      shape: { resource: 'user', data: 'object' },
    });
    return lookupResult([outcome], idKeys<XUser>('user', new Set()));
  }

  async tweetsByIds(ids: readonly string[], query: TweetQuery): Promise<LookupResult<XTweet>> {
    const asked = normaliseIds(ids, 'ids');
    const fields = tweetFieldSets(query);
    const outcomes = await Promise.all(
      batches(asked).map((batch) =>
        this.#call({
          endpoint: 'GET /2/tweets',
          path: '/2/tweets',
          params: { ids: batch.join(',') },
          fields,
          shape: { resource: 'tweet', data: 'array' },
        }),
      ),
    );
    return lookupResult(outcomes, idKeys<XTweet>('tweet', new Set(asked)));
  }

  rateLimits(): RateLimitState[] {
    return this.#ctx.budget.list(this.principal.key);
  }

  close(): void {
    this.#closed = true;
  }

  /** Makes one call for this session's principal; none once the session is closed. */
  #call(spec: CallSpec): Promise<CallOutcome> {
    if (this.#closed) {
      return Promise.reject(
        new Error(`The request is answered: its session makes no more calls (${spec.endpoint}).`),
      );
    }
    const call = executeCall(this.#ctx, this.#credential, spec, this.stats, this.#tag);
    this.#inFlight.add(call);
    const done = () => this.#inFlight.delete(call);
    call.then(done, done);
    return call;
  }

  /** This request's calls not answered yet. */
  readonly #inFlight = new Set<Promise<unknown>>();
  /** Set by `close`, once the request is answered. */
  #closed = false;
}

/**
 * Resolves once none of `inFlight` is pending and none was started during one turn of the event loop
 * after the last settled (the resolvers waiting on them have run, and started whatever they call).
 */
async function settle(inFlight: ReadonlySet<Promise<unknown>>): Promise<void> {
  for (;;) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (inFlight.size === 0) return;
    await Promise.allSettled([...inFlight]);
  }
}
