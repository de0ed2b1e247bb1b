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
  /** Pages of followers/following lists. */
  readonly lists: ListPages;
}

/** Creates the loaders of one request over its session. Never share them between requests. */
export function createLoaders(session: XSession): Loaders {
  const knownUsers = new KnownUsers();
  const knownTweets = new KnownTweets();
  return {
    users: new UserLoaders(session, knownUsers, knownTweets),
    tweets: new TweetLoaders(session, knownTweets),
    lists: new ListPages(session, knownUsers, knownTweets),
  };
}
