import { builder } from '../builder.ts';
import { planNodeAt } from '../context.ts';
import { checkRestId } from '../plan/validate.ts';
import { TweetRef } from './refs.ts';
import { DEFAULT_TWEET_QUERY, type TweetShape, tweetShape } from './shapes.ts';

/** `Query.tweet`: one tweet by X id, looked up with the minimal `tweet.fields` (batched with other tweets). */
builder.queryField('tweet', (t) =>
  t.field({
    type: TweetRef,
    nullable: true,
    description: 'One tweet by X id; null with `NOT_FOUND` when X has none.',
    args: { restId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx, info): Promise<TweetShape> => {
      const restId = checkRestId(String(args.restId), 'restId');
      const plan = planNodeAt(ctx, info)?.tweet;
      if (plan && !plan.lookup) return tweetShape(restId, undefined);
      return tweetShape(restId, await ctx.loaders.tweets.byId(restId, plan?.query ?? DEFAULT_TWEET_QUERY));
    },
  }),
);
