import DataLoader from 'dataloader';
import { errorForProblem } from '../rest/answers/map-errors.ts';
import { NotFoundError } from '../rest/errors.ts';
import {
  type Endpoint,
  type LookupResult,
  MAX_BATCH_SIZE,
  type UserQuery,
  type XSession,
} from '../rest/x-api.ts';
import type { XProblem, XUser } from '../rest/x-types.ts';
import { type KnownTweets, type KnownUsers, userQueryKey } from './known-objects.ts';

/**
 * Per-request user lookups. One DataLoader per distinct `UserQuery` (the same ids asked with different
 * fields are different calls), each batching up to 100 keys into one `GET /2/users?ids=` or
 * `GET /2/users/by?usernames=`. Users already known with every asked field are served without a call.
 * Every answer feeds the known users and primes the known tweets with its `includes.tweets`.
 */
export class UserLoaders {
  private readonly byIdLoaders = new Map<string, DataLoader<string, XUser>>();
  private readonly byUsernameLoaders = new Map<string, DataLoader<string, XUser>>();
  private readonly viewers = new Map<string, Promise<XUser>>();

  constructor(
    private readonly session: XSession,
    private readonly knownUsers: KnownUsers,
    private readonly knownTweets: KnownTweets,
  ) {}

  /** The user with this id, or a `NOT_FOUND`/`FORBIDDEN` error from X's partial error. */
  byId(id: string, query: UserQuery): Promise<XUser> {
    const known = this.knownUsers.find(id, query);
    if (known) return Promise.resolve(known);
    return loaderFor(this.byIdLoaders, query, async (ids) => {
      const result = await this.session.usersByIds(ids, query);
      this.absorb(result, query);
      return ids.map((id) => result.items.get(id) ?? missing(result.errors.get(id), 'GET /2/users', id));
    }).load(id);
  }

  /** The user with this username (case-insensitive). */
  byUsername(username: string, query: UserQuery): Promise<XUser> {
    return loaderFor(this.byUsernameLoaders, query, async (keys) => {
      const result = await this.session.usersByUsernames(keys, query);
      this.absorb(result, query);
      return keys.map(
        (key) => result.items.get(key) ?? missing(result.errors.get(key), 'GET /2/users/by', key),
      );
    }).load(username.toLowerCase());
  }

  /** The user of the session's user-context credentials (`GET /2/users/me`), once per query. */
  viewer(query: UserQuery): Promise<XUser> {
    const key = userQueryKey(query);
    let viewer = this.viewers.get(key);
    if (!viewer) {
      viewer = this.session.me(query).then((result) => {
        this.absorb(result, query);
        const [user] = result.items.values();
        const [problem] = result.errors.values();
        return user ?? Promise.reject(missing(problem, 'GET /2/users/me', 'me'));
      });
      this.viewers.set(key, viewer);
    }
    return viewer;
  }

  /** Feeds a lookup's answer to the known users and tweets. */
  private absorb(result: LookupResult<XUser>, query: UserQuery): void {
    this.knownUsers.record(result.items.values(), query);
    this.knownTweets.record(result.includedTweets, query.tweetFields);
    this.knownTweets.recordProblems(result.otherErrors);
  }
}

/** The DataLoader of one query, created on first use. */
function loaderFor(
  loaders: Map<string, DataLoader<string, XUser>>,
  query: UserQuery,
  batch: (keys: readonly string[]) => Promise<(XUser | Error)[]>,
): DataLoader<string, XUser> {
  const key = userQueryKey(query);
  let loader = loaders.get(key);
  if (!loader) {
    loader = new DataLoader(batch, { maxBatchSize: MAX_BATCH_SIZE });
    loaders.set(key, loader);
  }
  return loader;
}

/** The error for a key X did not return: its partial error, or a plain `NOT_FOUND`. */
function missing(problem: XProblem | undefined, endpoint: Endpoint, key: string): Error {
  return problem ? errorForProblem(problem, endpoint) : new NotFoundError(`X returned no user for ${key}.`);
}
