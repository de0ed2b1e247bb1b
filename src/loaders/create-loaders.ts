import type { XSession } from '../rest/x-api.ts';
import { KnownTweets, KnownUsers } from './known-objects.ts';
import { ListPages } from './list-reader.ts';
import { TweetLoaders } from './tweet-loaders.ts';
import { UserLoaders } from './user-loaders.ts';

/** The loaders of one GraphQL request, sharing what the request has learned from X. */
export interface Loaders {
  /** Users by id, by username, and the viewer. */
  readonly users: UserLoaders;
  /** Tweets by id, primed with every answer's `includes.tweets`. */
  readonly tweets: TweetLoaders;
  /** Pages of followers/following lists, and their readers. */
  readonly lists: ListPages;
  /**
   * Lets go of the pages, windows and known users and tweets the request read, once it is answered (the
   * server's `useRequestRelease`): under load what the loaders made before the request waited for X is
   * old by then and would keep them past the request. The loaders stay usable; a page asked again is
   * fetched again. DataLoader caches (lookups by id or username) are left as they are.
   */
  release(): void;
}

/** Creates the loaders of one request over its session. Never share them between requests. */
export function createLoaders(session: XSession): Loaders {
  const knownUsers = new KnownUsers();
  const knownTweets = new KnownTweets();
  const lists = new ListPages(session, knownUsers, knownTweets);
  return {
    users: new UserLoaders(session, knownUsers, knownTweets),
    tweets: new TweetLoaders(session, knownTweets),
    lists,
    release: () => {
      lists.release();
      knownUsers.release();
      knownTweets.release();
    },
  };
}
