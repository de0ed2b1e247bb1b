import type { XUser } from '../rest/x-types.ts';

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
  get affiliation(): XUser['affiliation'] {
    return this.data?.affiliation;
  }
}
