import { builder } from '../builder.ts';
import type { XTweet } from '../rest/x-types.ts';

/** A tweet's engagement counters: public, non-public, organic and promoted. */

/** `TweetPublicMetrics`. */
export const TweetPublicMetricsRef = builder
  .objectRef<NonNullable<XTweet['public_metrics']>>('TweetPublicMetrics')
  .implement({
    description: 'Public engagement counters (`public_metrics`).',
    fields: (t) => ({
      retweetCount: t.exposeInt('retweet_count'),
      replyCount: t.exposeInt('reply_count'),
      likeCount: t.exposeInt('like_count'),
      quoteCount: t.exposeInt('quote_count', { nullable: true }),
      bookmarkCount: t.exposeInt('bookmark_count', { nullable: true }),
      impressionCount: t.exposeInt('impression_count', { nullable: true }),
    }),
  });

/** `TweetNonPublicMetrics`. */
export const TweetNonPublicMetricsRef = builder
  .objectRef<NonNullable<XTweet['non_public_metrics']>>('TweetNonPublicMetrics')
  .implement({
    description: "Counters only the tweet's author may read (`non_public_metrics`, user context).",
    fields: (t) => ({
      impressionCount: t.exposeInt('impression_count', { nullable: true }),
      urlLinkClicks: t.exposeInt('url_link_clicks', { nullable: true }),
      userProfileClicks: t.exposeInt('user_profile_clicks', { nullable: true }),
    }),
  });

/** `TweetOrganicMetrics`. */
export const TweetOrganicMetricsRef = builder
  .objectRef<NonNullable<XTweet['organic_metrics']>>('TweetOrganicMetrics')
  .implement({
    description: 'Engagement in an organic context (`organic_metrics`, user context).',
    fields: (t) => ({
      impressionCount: t.exposeInt('impression_count'),
      likeCount: t.exposeInt('like_count'),
      replyCount: t.exposeInt('reply_count'),
      retweetCount: t.exposeInt('retweet_count'),
      urlLinkClicks: t.exposeInt('url_link_clicks', { nullable: true }),
      userProfileClicks: t.exposeInt('user_profile_clicks', { nullable: true }),
    }),
  });

/** `TweetPromotedMetrics`. */
export const TweetPromotedMetricsRef = builder
  .objectRef<NonNullable<XTweet['promoted_metrics']>>('TweetPromotedMetrics')
  .implement({
    description: 'Engagement while promoted (`promoted_metrics`, user context).',
    fields: (t) => ({
      impressionCount: t.exposeInt('impression_count', { nullable: true }),
      likeCount: t.exposeInt('like_count', { nullable: true }),
      replyCount: t.exposeInt('reply_count', { nullable: true }),
      retweetCount: t.exposeInt('retweet_count', { nullable: true }),
      urlLinkClicks: t.exposeInt('url_link_clicks', { nullable: true }),
      userProfileClicks: t.exposeInt('user_profile_clicks', { nullable: true }),
    }),
  });
