import type { GraphQLResolveInfo } from 'graphql';
import { builder } from '../builder.ts';
import type { GatewayContext } from '../context.ts';
import { pathKey, planOf } from '../pipeline.ts';
import type { TweetQuery, UserQuery } from '../rest/x-api.ts';
import type { XTweet, XUser } from '../rest/x-types.ts';
import { TweetShape } from './tweet-shape.ts';
import { UserShape } from './user-shape.ts';

/** A user query that asks for X's default fields only. */
export const DEFAULT_USER_QUERY: UserQuery = { userFields: [], tweetFields: [], expansions: [] };
/** A tweet query that asks for X's default fields only. */
export const DEFAULT_TWEET_QUERY: TweetQuery = { tweetFields: [] };

/** A `User` value from X's object. */
export function userShape(data: XUser): UserShape {
  return new UserShape(data.id, data);
}

/** A `User` value known only by id. */
export function lazyUser(restId: string): UserShape {
  return new UserShape(restId, undefined);
}

/** A `Tweet` value, looked up or not. */
export function tweetShape(restId: string, data: XTweet | undefined): TweetShape {
  return new TweetShape(restId, data);
}

/**
 * X's object of a user whose field is being resolved. The planner makes sure it was looked up with every
 * field the selection reads; should it be missing anyway, it is loaded with the parent plan node's query.
 */
export function userData(
  user: UserShape,
  ctx: GatewayContext,
  info: GraphQLResolveInfo,
): XUser | Promise<XUser> {
  if (user.data) return user.data;
  const parent = info.path.prev ? planOf(ctx, info).nodes.get(pathKey(info.path.prev)) : undefined;
  return ctx.loaders.users.byId(user.restId, parent?.user?.query ?? DEFAULT_USER_QUERY);
}

/** X's object of a tweet whose field is being resolved (see `userData`). */
export function tweetData(
  tweet: TweetShape,
  ctx: GatewayContext,
  info: GraphQLResolveInfo,
): XTweet | Promise<XTweet> {
  if (tweet.data) return tweet.data;
  const parent = info.path.prev ? planOf(ctx, info).nodes.get(pathKey(info.path.prev)) : undefined;
  return ctx.loaders.tweets.byId(tweet.restId, parent?.tweet?.query ?? DEFAULT_TWEET_QUERY);
}

/**
 * The object references of the types that refer to each other, so each type's file can use the others
 * without import cycles. Each is implemented in its own file (`user.ts`, `tweet.ts`, `node.ts`).
 */

/** `interface Node`. */
export const NodeRef = builder.interfaceRef<UserShape | TweetShape>('Node');
/** `type User`. */
export const UserRef = builder.objectRef<UserShape>('User');
/** `type Tweet`. */
export const TweetRef = builder.objectRef<TweetShape>('Tweet');
