import { builder } from '../builder.ts';
import type { XUser } from '../rest/x-types.ts';

/** The small objects of a user: its public metrics and its affiliation. */

/** `UserPublicMetrics`. */
export const UserPublicMetricsRef = builder
  .objectRef<NonNullable<XUser['public_metrics']>>('UserPublicMetrics')
  .implement({
    description: "A user's public counters (`public_metrics`).",
    fields: (t) => ({
      followersCount: t.exposeInt('followers_count'),
      followingCount: t.exposeInt('following_count'),
      tweetCount: t.exposeInt('tweet_count'),
      listedCount: t.exposeInt('listed_count'),
      likeCount: t.exposeInt('like_count', { nullable: true }),
      mediaCount: t.exposeInt('media_count', { nullable: true }),
    }),
  });

/** `UserAffiliation`. */
export const UserAffiliationRef = builder
  .objectRef<NonNullable<XUser['affiliation']>>('UserAffiliation')
  .implement({
    description: 'The organisation a user is affiliated with (`affiliation`).',
    fields: (t) => ({
      badgeUrl: t.exposeString('badge_url', { nullable: true }),
      description: t.exposeString('description', { nullable: true }),
      url: t.exposeString('url', { nullable: true }),
      userRestIds: t.exposeIDList('user_id', {
        nullable: true,
        description: 'X ids of the affiliated users.',
      }),
    }),
  });
