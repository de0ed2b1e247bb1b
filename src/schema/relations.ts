import type { GraphQLResolveInfo } from 'graphql';
import { builder } from '../builder.ts';
import type { GatewayContext } from '../context.ts';
import { planNodeAt } from '../pipeline.ts';
import type { XUser } from '../rest/x-types.ts';
import {
  DEFAULT_TWEET_QUERY,
  lazyUser,
  TweetRef,
  tweetData,
  tweetShape,
  UserRef,
  userData,
  userShape,
} from './shapes.ts';
import type { TweetShape } from './tweet-shape.ts';
import type { UserShape } from './user-shape.ts';

/**
 * The links between users and tweets: `User.pinnedTweet` (from the `pinned_tweet_id` expansion that
 * primed the tweet loader: no call of its own) and `Tweet.author` (through the user loader).
 */

builder.objectField(UserRef, 'pinnedTweet', (t) =>
  t.field({
    type: TweetRef,
    nullable: true,
    description:
      'The pinned tweet, brought by the `pinned_tweet_id` expansion of the call that fetched the user. ' +
      'Null with `NOT_FOUND` when X reports it deleted.',
    resolve: (user, _args, ctx, info): TweetShape | null | Promise<TweetShape | null> => {
      // Synchronous when the user and its pinned tweet are at hand (a page of followers with the
      // expansion): a 1000-follower page then costs no promise per follower.
      const data = userData(user, ctx, info);
      return data instanceof Promise
        ? data.then((loaded) => pinnedTweetOf(loaded, ctx, info))
        : pinnedTweetOf(data, ctx, info);
    },
  }),
);

/** A looked-up user's pinned tweet: at hand when primed from `includes.tweets`, else loaded. */
function pinnedTweetOf(
  user: XUser,
  ctx: GatewayContext,
  info: GraphQLResolveInfo,
): TweetShape | null | Promise<TweetShape | null> {
  const id = user.pinned_tweet_id;
  if (!id) return null;
  const query = planNodeAt(ctx, info)?.tweet?.query ?? DEFAULT_TWEET_QUERY;
  const known = ctx.loaders.tweets.peek(id, query);
  if (known) return tweetShape(id, known);
  return ctx.loaders.tweets.byId(id, query).then((tweet) => tweetShape(id, tweet));
}

builder.objectField(TweetRef, 'author', (t) =>
  t.field({
    type: UserRef,
    nullable: true,
    description: "The tweet's author, looked up only when more than its ids is read.",
    resolve: async (tweet, _args, ctx, info): Promise<UserShape | null> => {
      const data = await tweetData(tweet, ctx, info);
      const authorId = data.author_id;
      if (!authorId) return null;
      const plan = planNodeAt(ctx, info)?.user;
      if (plan && !plan.lookup) return lazyUser(authorId);
      return userShape(
        await ctx.loaders.users.byId(
          authorId,
          plan?.query ?? { userFields: [], tweetFields: [], expansions: [] },
        ),
      );
    },
  }),
);
