import type { GraphQLResolveInfo } from 'graphql';
import { builder } from '../builder.ts';
import type { GatewayContext } from '../context.ts';
import { parentPlanNodeAt, planNodeAt } from '../pipeline.ts';
import type { PlanNode } from '../plan/plan-types.ts';
import { checkKeys, checkRestId, checkUsername } from '../plan/validate.ts';
import { type FieldArgs, xNeeds, xObject, xRoot } from '../plan/x-needs.ts';
import { NOT_AT_HAND, xProjection, xWritten } from '../projection/list-projection.ts';
import { BadUserInputError } from '../rest/errors.ts';
import type { UserQuery } from '../rest/x-api.ts';
import type { UserField, XUser } from '../rest/x-types.ts';
import { UserEntitiesRef, WithheldRef } from './entities.ts';
import { instantOf } from './instants.ts';
import { ConnectionStatus, SubscriptionType, VerifiedType } from './leaf-types.ts';
import { DEFAULT_TWEET_QUERY, NodeRef, TweetRef, tweetShape } from './shapes.ts';
import type { TweetShape } from './tweet-shape.ts';

/**
 * `User`: its fields, the root fields that look users up (`user`, `users`, `usersByUsername`, `viewer`)
 * and its link to a tweet (`pinnedTweet`). `followers`/`following` are in `user-connection.ts`.
 */

/**
 * The value behind a `User`: the X id, and X's object when it was looked up. A lazy user (the planner
 * found that nothing but `id`, `restId`, `followers` or `following` is read) has no object and costs
 * no call.
 *
 * Each field of `User` that only reads X's object is a getter here, named as the GraphQL field, so the
 * schema exposes it without a resolver: graphql-jit then compiles the field into a plain property read,
 * with no resolver call and no `GraphQLResolveInfo` to build, which is most of what a 1000-follower page
 * used to cost. The getters never throw (a throw inside compiled execution would escape the field's error
 * handling); on a lazy user they read nothing, which the planner rules out by looking the user up
 * whenever the selection reads one of them.
 */
export class UserShape {
  readonly __typename = 'User' as const;

  constructor(
    /** The X id, a decimal string of up to 19 digits. */
    readonly restId: string,
    /** X's object, when the user was looked up. */
    readonly data: XUser | undefined,
  ) {}

  get name(): string {
    return this.data?.name as string;
  }
  /** The written instant; a malformed one is the field's error (see `instantOf`). */
  get createdAt(): string | undefined {
    return instantOf(this.data?.created_at);
  }
  get username(): string {
    return this.data?.username as string;
  }
  get description(): string | undefined {
    return this.data?.description;
  }
  get location(): string | undefined {
    return this.data?.location;
  }
  get url(): string | undefined {
    return this.data?.url;
  }
  get profileImageUrl(): string | undefined {
    return this.data?.profile_image_url;
  }
  get profileBannerUrl(): string | undefined {
    return this.data?.profile_banner_url;
  }
  get protected(): boolean | undefined {
    return this.data?.protected;
  }
  get verified(): boolean | undefined {
    return this.data?.verified;
  }
  get verifiedType(): XUser['verified_type'] {
    return this.data?.verified_type;
  }
  get verifiedFollowersCount(): number | undefined {
    return this.data?.verified_followers_count as number | undefined;
  }
  get isIdentityVerified(): boolean | undefined {
    return this.data?.is_identity_verified as boolean | undefined;
  }
  get parody(): boolean | undefined {
    return this.data?.parody as boolean | undefined;
  }
  get subscriptionType(): XUser['subscription_type'] {
    return this.data?.subscription_type;
  }
  get receivesYourDm(): boolean | undefined {
    return this.data?.receives_your_dm;
  }
  get confirmedEmail(): string | undefined {
    return this.data?.confirmed_email as string | undefined;
  }
  get mostRecentTweetId(): string | undefined {
    return this.data?.most_recent_tweet_id;
  }
  get pinnedTweetId(): string | undefined {
    return this.data?.pinned_tweet_id;
  }
  get publicMetrics(): XUser['public_metrics'] {
    return this.data?.public_metrics;
  }
  get entities(): XUser['entities'] {
    return this.data?.entities;
  }
  get withheld(): XUser['withheld'] {
    return this.data?.withheld;
  }
  /** X's strings, as the `ConnectionStatus` enum's values (one X adds later fails to serialize). */
  get connectionStatus(): (typeof ConnectionStatus)['$inferType'][] | undefined {
    return this.data?.connection_status as (typeof ConnectionStatus)['$inferType'][] | undefined;
  }
  get affiliation(): XUser['affiliation'] {
    return this.data?.affiliation;
  }
}

/** `type User`. */
export const UserRef = builder.objectRef<UserShape>('User');

/** A user query that asks for X's default fields only. */
export const DEFAULT_USER_QUERY: UserQuery = { userFields: [], tweetFields: [], expansions: [] };

/** A `User` value from X's object. */
export function userShape(data: XUser): UserShape {
  return new UserShape(data.id, data);
}

/** A `User` value known only by id. */
export function lazyUser(restId: string): UserShape {
  return new UserShape(restId, undefined);
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
  const parent = parentPlanNodeAt(ctx, info);
  return ctx.loaders.users.byId(user.restId, parent?.user?.query ?? DEFAULT_USER_QUERY);
}

/** The declaration of a `User` field read from X's user object with these `user.fields` (none: X's defaults). */
function reads(...fields: UserField[]) {
  return xNeeds({ fields });
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
  extensions: xObject({ kind: 'user', lookup: 'GET /2/users' }),
  isTypeOf: (value) => (value as UserShape).__typename === 'User',
  fields: (t) => ({
    restId: t.exposeID('restId', {
      extensions: xNeeds({ free: true }),
      description: 'The X id, a decimal string of up to 19 digits.',
    }),
    name: t.exposeString('name', { extensions: reads() }),
    username: t.exposeString('username', { extensions: reads(), description: 'The handle, without `@`.' }),
    createdAt: t.expose('createdAt', {
      extensions: { ...reads('created_at'), ...xWritten('string') },
      type: 'DateTime',
      nullable: true,
    }),
    description: t.exposeString('description', { extensions: reads('description'), nullable: true }),
    location: t.exposeString('location', { extensions: reads('location'), nullable: true }),
    url: t.exposeString('url', { extensions: reads('url'), nullable: true }),
    profileImageUrl: t.exposeString('profileImageUrl', {
      extensions: reads('profile_image_url'),
      nullable: true,
    }),
    profileBannerUrl: t.exposeString('profileBannerUrl', {
      extensions: reads('profile_banner_url'),
      nullable: true,
    }),
    protected: t.exposeBoolean('protected', { extensions: reads('protected'), nullable: true }),
    verified: t.exposeBoolean('verified', { extensions: reads('verified'), nullable: true }),
    verifiedType: t.expose('verifiedType', {
      extensions: reads('verified_type'),
      type: VerifiedType,
      nullable: true,
    }),
    verifiedFollowersCount: t.exposeInt('verifiedFollowersCount', {
      extensions: reads('verified_followers_count'),
      nullable: true,
    }),
    isIdentityVerified: t.exposeBoolean('isIdentityVerified', {
      extensions: reads('is_identity_verified'),
      nullable: true,
    }),
    parody: t.exposeBoolean('parody', { extensions: reads('parody'), nullable: true }),
    subscriptionType: t.expose('subscriptionType', {
      extensions: reads('subscription_type'),
      type: SubscriptionType,
      nullable: true,
    }),
    receivesYourDm: t.exposeBoolean('receivesYourDm', {
      extensions: reads('receives_your_dm'),
      nullable: true,
    }),
    confirmedEmail: t.exposeString('confirmedEmail', {
      extensions: reads('confirmed_email'),
      nullable: true,
      description: "X's `confirmed_email`: sent only when X shares the user's email, else null.",
    }),
    connectionStatus: t.expose('connectionStatus', {
      extensions: reads('connection_status'),
      type: [ConnectionStatus],
      nullable: true,
    }),
    mostRecentTweetId: t.exposeID('mostRecentTweetId', {
      extensions: reads('most_recent_tweet_id'),
      nullable: true,
    }),
    pinnedTweetId: t.exposeID('pinnedTweetId', { extensions: reads('pinned_tweet_id'), nullable: true }),
    publicMetrics: t.expose('publicMetrics', {
      extensions: reads('public_metrics'),
      type: UserPublicMetricsRef,
      nullable: true,
    }),
    entities: t.expose('entities', { extensions: reads('entities'), type: UserEntitiesRef, nullable: true }),
    withheld: t.expose('withheld', { extensions: reads('withheld'), type: WithheldRef, nullable: true }),
    affiliation: t.expose('affiliation', {
      extensions: reads('affiliation'),
      type: UserAffiliationRef,
      nullable: true,
    }),
  }),
});

/** Checks `user(restId:, username:)`: exactly one of the two, well formed. */
export function checkUserArgs(args: { restId?: string | null; username?: string | null }): void {
  if ((args.restId == null) === (args.username == null)) {
    throw new BadUserInputError('`user` takes exactly one of `restId` and `username`.');
  }
  if (args.restId != null) checkRestId(args.restId, 'restId');
  if (args.username != null) checkUsername(args.username, 'username');
}

/** A list argument of strings, or undefined. */
function stringList(value: unknown): readonly string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

/** The length of a list argument, else 1. */
function lengthOf(value: unknown): number {
  return Array.isArray(value) ? value.length : 1;
}

/** `user`: by X id a batched lookup, made only when more than ids and lists is read; by username always. */
function userCall(args: FieldArgs) {
  const { restId, username } = args;
  if (username != null) {
    const keys = typeof username === 'string' ? { keys: [username] } : {};
    return { endpoint: 'GET /2/users/by', always: true, ...keys } as const;
  }
  return { endpoint: 'GET /2/users', ...(typeof restId === 'string' ? { keys: [restId] } : {}) } as const;
}

/**
 * The root fields that look users up. Each asks X only for what the planner found the selection reads;
 * `user(restId:)` not at all when nothing but `id`, `restId`, `followers` or `following` is read, while
 * `users(restIds:)` always looks its users up so unknown ids are null. Lookups of many ids are batched by
 * the user DataLoader, 100 per call.
 */

builder.queryFields((t) => ({
  user: t.field({
    type: UserRef,
    nullable: true,
    description: 'One user, by `restId` or by `username` (exactly one of the two).',
    args: { restId: t.arg.id(), username: t.arg.string() },
    extensions: xRoot({
      check: (args) => checkUserArgs(args as { restId?: string; username?: string }),
      call: userCall,
      owner: ({ restId, username }) => ({
        ...(typeof restId === 'string' ? { restId } : {}),
        ...(typeof username === 'string' ? { username } : {}),
      }),
    }),
    resolve: async (_root, args, ctx, info): Promise<UserShape> => {
      const restId = args.restId == null ? undefined : String(args.restId);
      checkUserArgs({ restId, username: args.username });
      const plan = planNodeAt(ctx, info)?.user;
      if (restId !== undefined && plan && !plan.lookup) return lazyUser(restId);
      const query = plan?.query ?? DEFAULT_USER_QUERY;
      const user =
        restId !== undefined
          ? await ctx.loaders.users.byId(restId, query)
          : await ctx.loaders.users.byUsername(args.username as string, query);
      return userShape(user);
    },
  }),
  users: t.field({
    type: [UserRef],
    nullable: { list: false, items: true },
    description: 'Users by X id, in the order asked; null (with an error) where X found none.',
    args: { restIds: t.arg.idList({ required: true }) },
    extensions: xRoot({
      check: (args) => {
        checkKeys(args.restIds as string[], 'restIds', checkRestId);
      },
      count: (args) => lengthOf(args.restIds),
      call: (args) => ({ endpoint: 'GET /2/users', keys: stringList(args.restIds) }),
      verifies: true,
    }),
    resolve: (_root, args, ctx, info) => {
      const ids = checkKeys(args.restIds.map(String), 'restIds', checkRestId);
      // Always looked up, even for ids alone: an id X does not know is null with `NOT_FOUND`.
      const query = planNodeAt(ctx, info)?.user?.query ?? DEFAULT_USER_QUERY;
      return ids.map((id) => ctx.loaders.users.byId(id, query).then(userShape));
    },
  }),
  usersByUsername: t.field({
    type: [UserRef],
    nullable: { list: false, items: true },
    description: 'Users by username, in the order asked; null (with an error) where X found none.',
    args: { usernames: t.arg.stringList({ required: true }) },
    extensions: xRoot({
      check: (args) => {
        checkKeys(args.usernames as string[], 'usernames', checkUsername);
      },
      count: (args) => lengthOf(args.usernames),
      call: (args) => ({ endpoint: 'GET /2/users/by', always: true, keys: stringList(args.usernames) }),
    }),
    resolve: (_root, args, ctx, info) => {
      const usernames = checkKeys(args.usernames, 'usernames', checkUsername);
      const query = planNodeAt(ctx, info)?.user?.query ?? DEFAULT_USER_QUERY;
      return usernames.map((username) => ctx.loaders.users.byUsername(username, query).then(userShape));
    },
  }),
  viewer: t.field({
    type: UserRef,
    nullable: true,
    description: 'The user of the OAuth user-context token the request carries (`GET /2/users/me`).',
    extensions: xRoot({ call: () => ({ endpoint: 'GET /2/users/me', batched: false, always: true }) }),
    resolve: async (_root, _args, ctx, info) => {
      const query = planNodeAt(ctx, info)?.user?.query ?? DEFAULT_USER_QUERY;
      return userShape(await ctx.loaders.users.viewer(query));
    },
  }),
}));

/** `User.pinnedTweet`: from the `pinned_tweet_id` expansion that primed the tweet loader, no call of its own. */
builder.objectField(UserRef, 'pinnedTweet', (t) =>
  t.field({
    type: TweetRef,
    nullable: true,
    extensions: { ...xNeeds({ expansion: 'pinned_tweet_id' }), ...xProjection(pinnedTweetAtHand) },
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

/**
 * A user's pinned tweet for a projected list: null without one, X's error when X reported it missing,
 * `NOT_AT_HAND` unless the user and the tweet (with the fields of `planNode`) came with the page.
 */
function pinnedTweetAtHand(user: UserShape, ctx: GatewayContext, planNode: PlanNode | undefined): unknown {
  const data = user.data;
  if (!data) return NOT_AT_HAND;
  const id = data.pinned_tweet_id;
  if (!id) return null;
  try {
    const known = ctx.loaders.tweets.peek(id, planNode?.tweet?.query ?? DEFAULT_TWEET_QUERY);
    return known ? tweetShape(id, known) : NOT_AT_HAND;
  } catch (error) {
    return error;
  }
}

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
