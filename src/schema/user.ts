import type { GraphQLResolveInfo } from 'graphql';
import { builder } from '../builder.ts';
import type { GatewayContext } from '../context.ts';
import type { XUser } from '../rest/x-types.ts';
import { UserEntitiesRef, WithheldRef } from './entities.ts';
import { ConnectionStatus, SubscriptionType, VerifiedType } from './leaf-types.ts';
import { NodeRef, UserRef, userData } from './shapes.ts';
import type { UserShape } from './user-shape.ts';

/** Resolves a field from X's user object, loading it only if the planner left it out. */
function fromUser<T>(pick: (user: XUser) => T) {
  return (user: UserShape, _args: unknown, ctx: GatewayContext, info: GraphQLResolveInfo) => {
    const data = userData(user, ctx, info);
    return data instanceof Promise ? data.then(pick) : pick(data);
  };
}

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

UserRef.implement({
  description: 'An X user. Fields are fetched from X only when a query reads them.',
  interfaces: [NodeRef],
  isTypeOf: (value) => (value as UserShape).__typename === 'User',
  fields: (t) => ({
    restId: t.exposeID('restId', { description: 'The X id, a decimal string of up to 19 digits.' }),
    name: t.exposeString('name'),
    username: t.exposeString('username', { description: 'The handle, without `@`.' }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: fromUser((u) => u.created_at) }),
    description: t.exposeString('description', { nullable: true }),
    location: t.exposeString('location', { nullable: true }),
    url: t.exposeString('url', { nullable: true }),
    profileImageUrl: t.exposeString('profileImageUrl', { nullable: true }),
    profileBannerUrl: t.exposeString('profileBannerUrl', { nullable: true }),
    protected: t.exposeBoolean('protected', { nullable: true }),
    verified: t.exposeBoolean('verified', { nullable: true }),
    verifiedType: t.expose('verifiedType', { type: VerifiedType, nullable: true }),
    verifiedFollowersCount: t.exposeInt('verifiedFollowersCount', { nullable: true }),
    isIdentityVerified: t.exposeBoolean('isIdentityVerified', { nullable: true }),
    parody: t.exposeBoolean('parody', { nullable: true }),
    subscriptionType: t.expose('subscriptionType', { type: SubscriptionType, nullable: true }),
    receivesYourDm: t.exposeBoolean('receivesYourDm', { nullable: true }),
    connectionStatus: t.field({
      type: [ConnectionStatus],
      nullable: true,
      resolve: fromUser((u) => u.connection_status as never),
    }),
    mostRecentTweetId: t.exposeID('mostRecentTweetId', { nullable: true }),
    pinnedTweetId: t.exposeID('pinnedTweetId', { nullable: true }),
    publicMetrics: t.expose('publicMetrics', { type: UserPublicMetricsRef, nullable: true }),
    entities: t.expose('entities', { type: UserEntitiesRef, nullable: true }),
    withheld: t.expose('withheld', { type: WithheldRef, nullable: true }),
    affiliation: t.expose('affiliation', { type: UserAffiliationRef, nullable: true }),
  }),
});
