import type { XTweet, XUrlEntity } from '../rest/x-types.ts';
import { instantOf } from './instants.ts';
import type { ReplySettings } from './leaf-types.ts';
import type {
  XArticle,
  XMatchedMediaNotes,
  XNoteRequestSuggestions,
  XSuggestedSourceLinkWithCount,
} from './tweet-notes.ts';

/**
 * The value behind a `Tweet`: the X id and X's object. As with `UserShape`, each field that only reads
 * X's object is a getter named as the GraphQL field, so graphql-jit compiles it into a property read
 * instead of a resolver call. The getters never throw.
 */
export class TweetShape {
  readonly __typename = 'Tweet' as const;

  constructor(
    /** The X id, a decimal string of up to 19 digits. */
    readonly restId: string,
    /** X's object, when the tweet was looked up. */
    readonly data: XTweet | undefined,
  ) {}

  get text(): string {
    return this.data?.text as string;
  }
  /** The written instant; a malformed one is the field's error (see `instantOf`). */
  get createdAt(): string | undefined {
    return instantOf(this.data?.created_at);
  }
  /** X sends `edit_history_tweet_ids` by default; an older answer without it has only the tweet itself. */
  get editHistoryTweetIds(): string[] {
    return this.data?.edit_history_tweet_ids ?? [this.restId];
  }
  get authorId(): string | undefined {
    return this.data?.author_id;
  }
  get conversationId(): string | undefined {
    return this.data?.conversation_id;
  }
  get inReplyToUserId(): string | undefined {
    return this.data?.in_reply_to_user_id;
  }
  get communityId(): string | undefined {
    return this.data?.community_id as string | undefined;
  }
  get lang(): string | undefined {
    return this.data?.lang;
  }
  get source(): string | undefined {
    return this.data?.source;
  }
  get cardUri(): string | undefined {
    return this.data?.card_uri as string | undefined;
  }
  get possiblySensitive(): boolean | undefined {
    return this.data?.possibly_sensitive;
  }
  get paidPartnership(): boolean | undefined {
    return this.data?.paid_partnership as boolean | undefined;
  }
  get displayTextRange(): number[] | undefined {
    return this.data?.display_text_range as number[] | undefined;
  }
  get publicMetrics(): XTweet['public_metrics'] {
    return this.data?.public_metrics;
  }
  get nonPublicMetrics(): XTweet['non_public_metrics'] {
    return this.data?.non_public_metrics;
  }
  get organicMetrics(): XTweet['organic_metrics'] {
    return this.data?.organic_metrics;
  }
  get promotedMetrics(): XTweet['promoted_metrics'] {
    return this.data?.promoted_metrics;
  }
  get entities(): XTweet['entities'] {
    return this.data?.entities;
  }
  get attachments(): XTweet['attachments'] {
    return this.data?.attachments;
  }
  get contextAnnotations(): XTweet['context_annotations'] {
    return this.data?.context_annotations;
  }
  get editControls(): XTweet['edit_controls'] {
    return this.data?.edit_controls;
  }
  get geo(): XTweet['geo'] {
    return this.data?.geo;
  }
  get referencedTweets(): XTweet['referenced_tweets'] {
    return this.data?.referenced_tweets;
  }
  get noteTweet(): { text?: string } | undefined {
    return this.data?.note_tweet as { text?: string } | undefined;
  }
  get scopes(): object | undefined {
    return this.data?.scopes as object | undefined;
  }
  get suggestedSourceLinks(): XUrlEntity[] | undefined {
    return this.data?.suggested_source_links as XUrlEntity[] | undefined;
  }
  /** X's string, as the `ReplySettings` enum's value (one X adds later fails to serialize). */
  get replySettings(): (typeof ReplySettings)['$inferType'] | undefined {
    return this.data?.reply_settings as (typeof ReplySettings)['$inferType'] | undefined;
  }
  get withheld(): XTweet['withheld'] {
    return this.data?.withheld;
  }
  /** The author's handle, when X includes it in the tweet object. */
  get username(): string | undefined {
    return this.data?.username as string | undefined;
  }
  get article(): XArticle | undefined {
    return this.data?.article as XArticle | undefined;
  }
  get mediaMetadata(): unknown {
    return this.data?.media_metadata;
  }
  get matchedMediaNotes(): XMatchedMediaNotes | undefined {
    return this.data?.matched_media_notes as XMatchedMediaNotes | undefined;
  }
  get noteRequestSuggestions(): XNoteRequestSuggestions | undefined {
    return this.data?.note_request_suggestions as XNoteRequestSuggestions | undefined;
  }
  get suggestedSourceLinksWithCounts(): XSuggestedSourceLinkWithCount | undefined {
    return this.data?.suggested_source_links_with_counts as XSuggestedSourceLinkWithCount | undefined;
  }
}
