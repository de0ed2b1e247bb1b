/**
 * The X API v2 objects the gateway reads, as the 2.166 OpenAPI spec (`spec/openapi-2.166.json`) names them.
 * Ids stay decimal strings end to end: never turn them into numbers.
 */

/** Every value of the `user.fields` parameter the 2.166 spec accepts. */
export const USER_FIELDS = [
  'affiliation',
  'confirmed_email',
  'connection_status',
  'created_at',
  'description',
  'entities',
  'id',
  'is_identity_verified',
  'location',
  'most_recent_tweet_id',
  'name',
  'parody',
  'pinned_tweet_id',
  'profile_banner_url',
  'profile_image_url',
  'protected',
  'public_metrics',
  'receives_your_dm',
  'subscription',
  'subscription_type',
  'url',
  'username',
  'verified',
  'verified_followers_count',
  'verified_type',
  'withheld',
] as const;

/** Every value of the `tweet.fields` parameter the 2.166 spec accepts. */
export const TWEET_FIELDS = [
  'article',
  'attachments',
  'author_id',
  'card_uri',
  'community_id',
  'context_annotations',
  'conversation_id',
  'created_at',
  'display_text_range',
  'edit_controls',
  'edit_history_tweet_ids',
  'entities',
  'geo',
  'id',
  'in_reply_to_user_id',
  'lang',
  'matched_media_notes',
  'media_metadata',
  'non_public_metrics',
  'note_request_suggestions',
  'note_tweet',
  'organic_metrics',
  'paid_partnership',
  'possibly_sensitive',
  'promoted_metrics',
  'public_metrics',
  'referenced_tweets',
  'reply_settings',
  'scopes',
  'source',
  'suggested_source_links',
  'suggested_source_links_with_counts',
  'text',
  'withheld',
] as const;

/** The `expansions` values of the user endpoints. */
export const USER_EXPANSIONS = ['affiliation.user_id', 'most_recent_tweet_id', 'pinned_tweet_id'] as const;

/** A `user.fields` value. */
export type UserField = (typeof USER_FIELDS)[number];
/** A `tweet.fields` value. */
export type TweetField = (typeof TWEET_FIELDS)[number];
/** An `expansions` value of the user endpoints. */
export type UserExpansion = (typeof USER_EXPANSIONS)[number];

/** An entity span: `start` inclusive, `end` exclusive, counted in Unicode code points. */
export interface XEntitySpan {
  start: number;
  end: number;
}

/** A URL recognised in text. */
export interface XUrlEntity extends XEntitySpan {
  url: string;
  expanded_url?: string;
  display_url?: string;
  unwound_url?: string;
  status?: number;
  title?: string;
  description?: string;
  media_key?: string;
  images?: { url: string; width?: number; height?: number }[];
}

/** Hashtags, cashtags, mentions, URLs and annotations found in a text. */
export interface XFullTextEntities {
  urls?: XUrlEntity[];
  hashtags?: (XEntitySpan & { tag: string })[];
  cashtags?: (XEntitySpan & { tag: string })[];
  mentions?: (XEntitySpan & { username: string; id?: string })[];
  annotations?: (XEntitySpan & { probability?: number; type?: string; normalized_text?: string })[];
}

/** Withholding details of a user or tweet. */
export interface XWithheld {
  country_codes: string[];
  scope?: 'tweet' | 'user';
  copyright?: boolean;
}

/** The X user object. Only `id`, `name` and `username` are there by default. */
export interface XUser {
  id: string;
  name: string;
  username: string;
  created_at?: string;
  description?: string;
  location?: string;
  url?: string;
  profile_image_url?: string;
  profile_banner_url?: string;
  protected?: boolean;
  verified?: boolean;
  verified_type?: 'blue' | 'business' | 'government' | 'none';
  most_recent_tweet_id?: string;
  pinned_tweet_id?: string;
  public_metrics?: {
    followers_count: number;
    following_count: number;
    tweet_count: number;
    listed_count: number;
    like_count?: number;
    media_count?: number;
  };
  entities?: { url?: { urls?: XUrlEntity[] }; description?: XFullTextEntities };
  withheld?: XWithheld;
  affiliation?: { badge_url?: string; description?: string; url?: string; user_id?: string[] };
  connection_status?: string[];
  receives_your_dm?: boolean;
  subscription_type?: 'Basic' | 'Premium' | 'PremiumPlus' | 'None';
  [extra: string]: unknown;
}

/** The X tweet object. Only `id`, `text` and `edit_history_tweet_ids` are there by default. */
export interface XTweet {
  id: string;
  text: string;
  edit_history_tweet_ids?: string[];
  author_id?: string;
  created_at?: string;
  conversation_id?: string;
  in_reply_to_user_id?: string;
  lang?: string;
  possibly_sensitive?: boolean;
  reply_settings?: string;
  source?: string;
  attachments?: { media_keys?: string[]; poll_ids?: string[]; media_source_tweet_id?: string[] };
  context_annotations?: {
    domain: { id: string; name?: string; description?: string };
    entity: { id: string; name?: string; description?: string };
  }[];
  edit_controls?: { is_edit_eligible: boolean; editable_until: string; edits_remaining: number };
  entities?: XFullTextEntities;
  geo?: { place_id?: string; coordinates?: { type: 'Point'; coordinates: [number, number] } };
  public_metrics?: {
    retweet_count: number;
    reply_count: number;
    like_count: number;
    quote_count?: number;
    bookmark_count: number;
    impression_count: number;
  };
  non_public_metrics?: { impression_count?: number; url_link_clicks?: number; user_profile_clicks?: number };
  organic_metrics?: {
    impression_count: number;
    like_count: number;
    reply_count: number;
    retweet_count: number;
    url_link_clicks?: number;
    user_profile_clicks?: number;
  };
  promoted_metrics?: {
    impression_count?: number;
    like_count?: number;
    reply_count?: number;
    retweet_count?: number;
    url_link_clicks?: number;
    user_profile_clicks?: number;
  };
  referenced_tweets?: { type: 'retweeted' | 'quoted' | 'replied_to'; id: string }[];
  withheld?: XWithheld;
  [extra: string]: unknown;
}

/** An RFC 7807 problem as X sends it, at top level (4xx) or inside a 200's `errors` array. */
export interface XProblem {
  type: string;
  title: string;
  detail?: string;
  status?: number;
  value?: string;
  resource_type?: string;
  resource_id?: string;
  parameter?: string;
  section?: string;
  [extra: string]: unknown;
}
