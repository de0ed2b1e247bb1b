import { builder } from '../builder.ts';
import { planNodeAt } from '../context.ts';
import {
  DEFAULT_TWEET_QUERY,
  lazyUser,
  TweetRef,
  type TweetShape,
  tweetData,
  tweetShape,
  UserRef,
  type UserShape,
  userData,
  userShape,
} from './shapes.ts';

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
    resolve: async (user, _args, ctx, info): Promise<TweetShape | null> => {
      const data = await userData(user, ctx, info);
      const id = data.pinned_tweet_id;
      if (!id) return null;
      const plan = planNodeAt(ctx, info)?.tweet;
      const tweet = await ctx.loaders.tweets.byId(id, plan?.query ?? DEFAULT_TWEET_QUERY);
      return tweetShape(id, tweet);
    },
  }),
);

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
