import type { GraphQLResolveInfo } from 'graphql';
import { builder } from '../builder.ts';
import type { GatewayContext } from '../context.ts';
import type { XUser } from '../rest/x-types.ts';
import { UserEntitiesRef, WithheldRef } from './entities.ts';
import { ConnectionStatus, SubscriptionType, VerifiedType } from './leaf-types.ts';
import { NodeRef, UserRef, type UserShape, userData } from './shapes.ts';

/** Resolves a field from X's user object, loading it only if the planner left it out. */
function fromUser<T>(pick: (user: XUser) => T) {
  return (user: UserShape, _args: unknown, ctx: GatewayContext, info: GraphQLResolveInfo) => {
    const data = userData(user, ctx, info);
    return data instanceof Promise ? data.then(pick) : pick(data);
  };
}

/** Reads an optional field X may add beyond the typed ones. */
function extra<T>(user: XUser, field: string): T | undefined {
  return user[field] as T | undefined;
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
    restId: t.id({
      description: 'The X id, a decimal string of up to 19 digits.',
      resolve: (user) => user.restId,
    }),
    name: t.string({ resolve: fromUser((u) => u.name) }),
    username: t.string({ description: 'The handle, without `@`.', resolve: fromUser((u) => u.username) }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: fromUser((u) => u.created_at) }),
    description: t.string({ nullable: true, resolve: fromUser((u) => u.description) }),
    location: t.string({ nullable: true, resolve: fromUser((u) => u.location) }),
    url: t.string({ nullable: true, resolve: fromUser((u) => u.url) }),
    profileImageUrl: t.string({ nullable: true, resolve: fromUser((u) => u.profile_image_url) }),
    profileBannerUrl: t.string({ nullable: true, resolve: fromUser((u) => u.profile_banner_url) }),
    protected: t.boolean({ nullable: true, resolve: fromUser((u) => u.protected) }),
    verified: t.boolean({ nullable: true, resolve: fromUser((u) => u.verified) }),
    verifiedType: t.field({ type: VerifiedType, nullable: true, resolve: fromUser((u) => u.verified_type) }),
    verifiedFollowersCount: t.int({
      nullable: true,
      resolve: fromUser((u) => extra<number>(u, 'verified_followers_count')),
    }),
    isIdentityVerified: t.boolean({
      nullable: true,
      resolve: fromUser((u) => extra<boolean>(u, 'is_identity_verified')),
    }),
    parody: t.boolean({ nullable: true, resolve: fromUser((u) => extra<boolean>(u, 'parody')) }),
    subscriptionType: t.field({
      type: SubscriptionType,
      nullable: true,
      resolve: fromUser((u) => u.subscription_type),
    }),
    receivesYourDm: t.boolean({ nullable: true, resolve: fromUser((u) => u.receives_your_dm) }),
    connectionStatus: t.field({
      type: [ConnectionStatus],
      nullable: true,
      resolve: fromUser((u) => u.connection_status as never),
    }),
    mostRecentTweetId: t.id({ nullable: true, resolve: fromUser((u) => u.most_recent_tweet_id) }),
    pinnedTweetId: t.id({ nullable: true, resolve: fromUser((u) => u.pinned_tweet_id) }),
    publicMetrics: t.field({
      type: UserPublicMetricsRef,
      nullable: true,
      resolve: fromUser((u) => u.public_metrics),
    }),
    entities: t.field({ type: UserEntitiesRef, nullable: true, resolve: fromUser((u) => u.entities) }),
    withheld: t.field({ type: WithheldRef, nullable: true, resolve: fromUser((u) => u.withheld) }),
    affiliation: t.field({
      type: UserAffiliationRef,
      nullable: true,
      resolve: fromUser((u) => u.affiliation),
    }),
  }),
});
