import DataLoader from 'dataloader';
import { errorForProblem } from '../rest/answers/map-errors.ts';
import { NotFoundError } from '../rest/errors.ts';
import { MAX_BATCH_SIZE, type TweetQuery, type XSession } from '../rest/x-api.ts';
import type { XTweet } from '../rest/x-types.ts';
import { type KnownTweets, tweetQueryKey } from './known-objects.ts';

/**
 * Per-request tweet lookups, field-aware. A tweet primed from `includes.tweets` with every asked field is
 * served without a call; a tweet X reported missing (a deleted pinned tweet) fails with its `NOT_FOUND`
 * without a call; only the others are fetched, up to 100 per `GET /2/tweets?ids=`, one DataLoader per query.
 */
export class TweetLoaders {
  private readonly loaders = new Map<string, DataLoader<string, XTweet>>();

  constructor(
    private readonly session: XSession,
    private readonly knownTweets: KnownTweets,
  ) {}

  /** The tweet with this id and at least the fields of `query`. */
  byId(id: string, query: TweetQuery): Promise<XTweet> {
    const problem = this.knownTweets.problemOf(id);
    if (problem) return Promise.reject(errorForProblem(problem, 'GET /2/tweets'));
    const known = this.knownTweets.find(id, query);
    if (known) return Promise.resolve(known);
    return this.loaderFor(query).load(id);
  }

  /**
   * The tweet, without waiting, when this request already has it with the fields of `query` (primed from
   * `includes.tweets`); `undefined` when it must be loaded. Throws X's error for a tweet X reported missing.
   * A page of followers resolves its pinned tweets through here, with no promise per follower.
   */
  peek(id: string, query: TweetQuery): XTweet | undefined {
    const problem = this.knownTweets.problemOf(id);
    if (problem) throw errorForProblem(problem, 'GET /2/tweets');
    return this.knownTweets.find(id, query);
  }

  /** The DataLoader of one query, created on first use. */
  private loaderFor(query: TweetQuery): DataLoader<string, XTweet> {
    const key = tweetQueryKey(query);
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = new DataLoader<string, XTweet>(
        async (ids): Promise<(XTweet | Error)[]> => {
          const result = await this.session.tweetsByIds(ids, query);
          this.knownTweets.record(result.items.values(), query.tweetFields);
          return ids.map((id) => {
            const tweet = result.items.get(id);
            if (tweet) return tweet;
            const problem = result.errors.get(id);
            return problem
              ? errorForProblem(problem, 'GET /2/tweets')
              : new NotFoundError(`X returned no tweet for ${id}.`);
          });
        },
        { maxBatchSize: MAX_BATCH_SIZE },
      );
      this.loaders.set(key, loader);
    }
    return loader;
  }
}
