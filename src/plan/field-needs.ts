import type { TweetField, UserField } from '../rest/x-types.ts';

/**
 * The one table from each GraphQL field of `User` and `Tweet` to what it needs from X. The planner reads
 * it; resolvers never re-derive fields. Fields with sub-plans (`pinnedTweet`, `followers`, `following`,
 * `author`) are handled by the planner itself and listed in `USER_RELATIONS`/`TWEET_RELATIONS`.
 */

/** Needs of one scalar or object field: the X fields, and whether the object must be looked up at all. */
export interface FieldNeeds<F extends string> {
  readonly fields: readonly F[];
  /** False for fields known without a lookup (`id`, `restId`, `__typename`). */
  readonly lookup: boolean;
}

/** A field that needs only a lookup with X's default fields (`name`, `username`, `text`). */
const DEFAULT_FIELD = { fields: [], lookup: true } as const;
/** A field known from the id alone. */
const FREE = { fields: [], lookup: false } as const;

/** Maps a field to one X field. */
function x<F extends string>(field: F): FieldNeeds<F> {
  return { fields: [field], lookup: true };
}

/** `User` fields by GraphQL name. */
export const USER_FIELD_NEEDS: Readonly<Record<string, FieldNeeds<UserField>>> = {
  __typename: FREE,
  id: FREE,
  restId: FREE,
  name: DEFAULT_FIELD,
  username: DEFAULT_FIELD,
  affiliation: x('affiliation'),
  connectionStatus: x('connection_status'),
  createdAt: x('created_at'),
  description: x('description'),
  entities: x('entities'),
  isIdentityVerified: x('is_identity_verified'),
  location: x('location'),
  mostRecentTweetId: x('most_recent_tweet_id'),
  parody: x('parody'),
  pinnedTweetId: x('pinned_tweet_id'),
  profileBannerUrl: x('profile_banner_url'),
  profileImageUrl: x('profile_image_url'),
  protected: x('protected'),
  publicMetrics: x('public_metrics'),
  receivesYourDm: x('receives_your_dm'),
  subscriptionType: x('subscription_type'),
  url: x('url'),
  verified: x('verified'),
  verifiedFollowersCount: x('verified_followers_count'),
  verifiedType: x('verified_type'),
  withheld: x('withheld'),
};

/** `Tweet` fields by GraphQL name. */
export const TWEET_FIELD_NEEDS: Readonly<Record<string, FieldNeeds<TweetField>>> = {
  __typename: FREE,
  id: FREE,
  restId: FREE,
  text: DEFAULT_FIELD,
  editHistoryTweetIds: DEFAULT_FIELD,
  article: x('article'),
  attachments: x('attachments'),
  authorId: x('author_id'),
  cardUri: x('card_uri'),
  communityId: x('community_id'),
  contextAnnotations: x('context_annotations'),
  conversationId: x('conversation_id'),
  createdAt: x('created_at'),
  displayTextRange: x('display_text_range'),
  editControls: x('edit_controls'),
  entities: x('entities'),
  geo: x('geo'),
  inReplyToUserId: x('in_reply_to_user_id'),
  lang: x('lang'),
  matchedMediaNotes: x('matched_media_notes'),
  mediaMetadata: x('media_metadata'),
  nonPublicMetrics: x('non_public_metrics'),
  noteRequestSuggestions: x('note_request_suggestions'),
  noteTweet: x('note_tweet'),
  organicMetrics: x('organic_metrics'),
  paidPartnership: x('paid_partnership'),
  possiblySensitive: x('possibly_sensitive'),
  promotedMetrics: x('promoted_metrics'),
  publicMetrics: x('public_metrics'),
  referencedTweets: x('referenced_tweets'),
  replySettings: x('reply_settings'),
  scopes: x('scopes'),
  source: x('source'),
  suggestedSourceLinks: x('suggested_source_links'),
  suggestedSourceLinksWithCounts: x('suggested_source_links_with_counts'),
  // Not a `tweet.fields` value: X sends it in the default tweet object when it sends it at all.
  username: DEFAULT_FIELD,
  withheld: x('withheld'),
};

/**
 * User fields with a sub-plan: `pinnedTweet` needs `expansions=pinned_tweet_id` plus its sub-selection's
 * `tweet.fields`; `followers`/`following` need nothing of their owner unless `totalCount` is read, which
 * needs the owner's `public_metrics`.
 */
export const USER_RELATIONS = ['pinnedTweet', 'followers', 'following'] as const;

/** Tweet fields with a sub-plan: `author` needs `tweet.fields=author_id` and a user lookup of its own. */
export const TWEET_RELATIONS = ['author'] as const;

/** The owner's `user.fields` that `totalCount` of a connection reads. */
export const TOTAL_COUNT_FIELD: UserField = 'public_metrics';
/** The `tweet.fields` value `Tweet.author` reads. */
export const AUTHOR_ID_FIELD: TweetField = 'author_id';
