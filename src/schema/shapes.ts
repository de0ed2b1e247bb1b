import type { GraphQLResolveInfo } from 'graphql';
import { builder } from '../builder.ts';
import type { GatewayContext } from '../context.ts';
import { parentPlanNodeAt } from '../pipeline.ts';
import type { TweetQuery } from '../rest/x-api.ts';
import type { XTweet } from '../rest/x-types.ts';
import { TweetShape } from './tweet-shape.ts';

/** A tweet query that asks for X's default fields only. */
export const DEFAULT_TWEET_QUERY: TweetQuery = { tweetFields: [] };

/** A `Tweet` value, looked up or not. */
export function tweetShape(restId: string, data: XTweet | undefined): TweetShape {
  return new TweetShape(restId, data);
}

/**
 * X's object of a tweet whose field is being resolved. The planner makes sure it was looked up with every
 * field the selection reads; should it be missing anyway, it is loaded with the parent plan node's query.
 */
export function tweetData(
  tweet: TweetShape,
  ctx: GatewayContext,
  info: GraphQLResolveInfo,
): XTweet | Promise<XTweet> {
  if (tweet.data) return tweet.data;
  const parent = parentPlanNodeAt(ctx, info);
  return ctx.loaders.tweets.byId(tweet.restId, parent?.tweet?.query ?? DEFAULT_TWEET_QUERY);
}

/**
 * The references of `Node` and `Tweet`, which `user.ts` and `tweet.ts` both use: each is implemented in its
 * own file (`node.ts`, `tweet.ts`); `User` (referred to by `tweet.ts`) is declared in `user.ts`.
 */

/** `interface Node`: the values of `User` and `Tweet` (`UserShape`, `TweetShape`). */
export const NodeRef = builder.interfaceRef<{
  readonly __typename: 'User' | 'Tweet';
  readonly restId: string;
}>('Node');
/** `type Tweet`. */
export const TweetRef = builder.objectRef<TweetShape>('Tweet');
