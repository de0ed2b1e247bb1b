/**
 * The enum values of the fields and expansions parameters, copied from the 2.166 and 2.167 OpenAPI specs
 * (`components.parameters`). The emulator accepts exactly these values and names them in its 400 answers.
 */

/** Every value of `user.fields` the spec lists, in the spec's order. */
export const USER_FIELD_VALUES: readonly string[] = [
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
];

/** Every value of `tweet.fields` the spec lists, in the spec's order. */
export const TWEET_FIELD_VALUES: readonly string[] = [
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
];

/** Every value of `expansions` on endpoints that return users the spec lists, in the spec's order. */
export const USER_EXPANSION_VALUES: readonly string[] = [
  'affiliation.user_id',
  'most_recent_tweet_id',
  'pinned_tweet_id',
];

/** Every value of `expansions` on endpoints that return tweets the spec lists, in the spec's order. */
export const TWEET_EXPANSION_VALUES: readonly string[] = [
  'article.cover_media',
  'article.media_entities',
  'attachments.media_keys',
  'attachments.media_source_tweet',
  'attachments.poll_ids',
  'author_id',
  'edit_history_tweet_ids',
  'entities.mentions.username',
  'geo.place_id',
  'in_reply_to_user_id',
  'entities.note.mentions.username',
  'referenced_tweets.id',
  'referenced_tweets.id.attachments.media_keys',
  'referenced_tweets.id.author_id',
];

/** Every value of `media.fields` the spec lists, in the spec's order. */
export const MEDIA_FIELD_VALUES: readonly string[] = [
  'alt_text',
  'duration_ms',
  'height',
  'media_key',
  'non_public_metrics',
  'organic_metrics',
  'preview_image_url',
  'promoted_metrics',
  'public_metrics',
  'type',
  'url',
  'variants',
  'width',
];

/** Every value of `poll.fields` the spec lists, in the spec's order. */
export const POLL_FIELD_VALUES: readonly string[] = [
  'duration_minutes',
  'end_datetime',
  'id',
  'options',
  'voting_status',
];

/** Every value of `place.fields` the spec lists, in the spec's order. */
export const PLACE_FIELD_VALUES: readonly string[] = [
  'contained_within',
  'country',
  'country_code',
  'full_name',
  'geo',
  'id',
  'name',
  'place_type',
];

/*
 * The 2.167 generation (`spec/openapi-2.167.json`), which renames tweets to posts. X accepts both
 * generations; the emulator accepts the values of either under each parameter name.
 */

/** Every value of `post.fields` the 2.167 spec lists, in the spec's order. */
export const POST_FIELD_VALUES: readonly string[] = [
  'article',
  'article_title',
  'attachments',
  'card_uri',
  'community_id',
  'context_annotations',
  'conversation_id',
  'created_at',
  'display_text_range',
  'edit_controls',
  'entities',
  'geo',
  'id',
  'lang',
  'matched_media_notes',
  'media_metadata',
  'non_public_metrics',
  'note_post',
  'note_request_suggestions',
  'organic_metrics',
  'paid_partnership',
  'possibly_sensitive',
  'promoted_metrics',
  'public_metrics',
  'reply_settings',
  'scopes',
  'source',
  'suggested_source_links',
  'suggested_source_links_with_counts',
  'text',
  'withheld',
];

/** Every value of `user.fields` the 2.167 spec lists, in the spec's order. */
export const USER_FIELD_VALUES_2167: readonly string[] = [
  'confirmed_email',
  'connection_status',
  'created_at',
  'description',
  'entities',
  'id',
  'is_identity_verified',
  'location',
  'name',
  'parody',
  'profile_banner_url',
  'profile_image_url',
  'protected',
  'public_metrics',
  'receives_your_dm',
  'subscribes_to_you',
  'subscription',
  'subscription_type',
  'url',
  'username',
  'verified',
  'verified_followers_count',
  'verified_type',
  'withheld',
];

/** Every value of `expansions` on endpoints that return users the 2.167 spec lists, in the spec's order. */
export const USER_EXPANSION_VALUES_2167: readonly string[] = [
  'affiliation',
  'most_recent_post_id',
  'pinned_post_id',
];

/** Every value of `expansions` on endpoints that return posts the 2.167 spec lists, in the spec's order. */
export const POST_EXPANSION_VALUES: readonly string[] = [
  'article.cover_media',
  'article.media_entities',
  'attachments.media_keys',
  'attachments.media_source_tweet',
  'attachments.poll_ids',
  'author_id',
  'edit_history_post_ids',
  'entities.mentions.username',
  'geo.place_id',
  'in_reply_to_user_id',
  'referenced_posts',
  'username',
];

/** The values of both generations: `first`'s in its order, then those only `second` has. */
export function bothGenerations(first: readonly string[], second: readonly string[]): readonly string[] {
  return [...first, ...second.filter((value) => !first.includes(value))];
}
