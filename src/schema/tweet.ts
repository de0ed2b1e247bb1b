import type { GraphQLResolveInfo } from 'graphql';
import { builder } from '../builder.ts';
import { type GatewayContext, planNodeAt } from '../context.ts';
import { checkRestId } from '../plan/validate.ts';
import type { XTweet, XUrlEntity } from '../rest/x-types.ts';
import { TextEntitiesRef, UrlEntityRef, WithheldRef } from './entities.ts';
import { ReplySettings } from './leaf-types.ts';
import { DEFAULT_TWEET_QUERY, NodeRef, TweetRef, type TweetShape, tweetData, tweetShape } from './shapes.ts';
import {
  TweetNonPublicMetricsRef,
  TweetOrganicMetricsRef,
  TweetPromotedMetricsRef,
  TweetPublicMetricsRef,
} from './tweet-metrics.ts';
import {
  MatchedMediaNotesRef,
  NoteRequestSuggestionsRef,
  SuggestedSourceLinkWithCountRef,
  TweetArticleRef,
  type XArticle,
  type XMatchedMediaNotes,
  type XNoteRequestSuggestions,
  type XSuggestedSourceLinkWithCount,
} from './tweet-notes.ts';
import {
  ContextAnnotationRef,
  EditControlsRef,
  NoteTweetRef,
  ReferencedTweetRef,
  TweetAttachmentsRef,
  TweetGeoRef,
  TweetScopesRef,
} from './tweet-parts.ts';

/** Resolves a field from X's tweet object, loading it only if the planner left it out. */
function fromTweet<T>(pick: (tweet: XTweet) => T) {
  return (tweet: TweetShape, _args: unknown, ctx: GatewayContext, info: GraphQLResolveInfo) => {
    const data = tweetData(tweet, ctx, info);
    return data instanceof Promise ? data.then(pick) : pick(data);
  };
}

/** Reads a field X may send beyond the typed ones. */
function extra<T>(tweet: XTweet, field: string): T | undefined {
  return tweet[field] as T | undefined;
}

TweetRef.implement({
  description: 'A tweet (post). Fields are fetched from X only when a query reads them.',
  interfaces: [NodeRef],
  isTypeOf: (value) => (value as TweetShape).__typename === 'Tweet',
  fields: (t) => ({
    restId: t.id({
      description: 'The X id, a decimal string of up to 19 digits.',
      resolve: (tweet) => tweet.restId,
    }),
    text: t.string({ resolve: fromTweet((w) => w.text) }),
    editHistoryTweetIds: t.idList({ resolve: fromTweet((w) => w.edit_history_tweet_ids ?? [w.id]) }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: fromTweet((w) => w.created_at) }),
    authorId: t.id({ nullable: true, resolve: fromTweet((w) => w.author_id) }),
    conversationId: t.id({ nullable: true, resolve: fromTweet((w) => w.conversation_id) }),
    inReplyToUserId: t.id({ nullable: true, resolve: fromTweet((w) => w.in_reply_to_user_id) }),
    communityId: t.id({ nullable: true, resolve: fromTweet((w) => extra<string>(w, 'community_id')) }),
    lang: t.string({ nullable: true, resolve: fromTweet((w) => w.lang) }),
    source: t.string({ nullable: true, resolve: fromTweet((w) => w.source) }),
    cardUri: t.string({ nullable: true, resolve: fromTweet((w) => extra<string>(w, 'card_uri')) }),
    possiblySensitive: t.boolean({ nullable: true, resolve: fromTweet((w) => w.possibly_sensitive) }),
    paidPartnership: t.boolean({
      nullable: true,
      resolve: fromTweet((w) => extra<boolean>(w, 'paid_partnership')),
    }),
    replySettings: t.field({
      type: ReplySettings,
      nullable: true,
      resolve: fromTweet((w) => w.reply_settings as never),
    }),
    displayTextRange: t.intList({
      nullable: true,
      description: 'Start (inclusive) and end (exclusive) of the displayed part of the text.',
      resolve: fromTweet((w) => extra<number[]>(w, 'display_text_range')),
    }),
    publicMetrics: t.field({
      type: TweetPublicMetricsRef,
      nullable: true,
      resolve: fromTweet((w) => w.public_metrics),
    }),
    nonPublicMetrics: t.field({
      type: TweetNonPublicMetricsRef,
      nullable: true,
      resolve: fromTweet((w) => w.non_public_metrics),
    }),
    organicMetrics: t.field({
      type: TweetOrganicMetricsRef,
      nullable: true,
      resolve: fromTweet((w) => w.organic_metrics),
    }),
    promotedMetrics: t.field({
      type: TweetPromotedMetricsRef,
      nullable: true,
      resolve: fromTweet((w) => w.promoted_metrics),
    }),
    entities: t.field({ type: TextEntitiesRef, nullable: true, resolve: fromTweet((w) => w.entities) }),
    attachments: t.field({
      type: TweetAttachmentsRef,
      nullable: true,
      resolve: fromTweet((w) => w.attachments),
    }),
    contextAnnotations: t.field({
      type: [ContextAnnotationRef],
      nullable: true,
      resolve: fromTweet((w) => w.context_annotations),
    }),
    editControls: t.field({
      type: EditControlsRef,
      nullable: true,
      resolve: fromTweet((w) => w.edit_controls),
    }),
    geo: t.field({ type: TweetGeoRef, nullable: true, resolve: fromTweet((w) => w.geo) }),
    referencedTweets: t.field({
      type: [ReferencedTweetRef],
      nullable: true,
      resolve: fromTweet((w) => w.referenced_tweets),
    }),
    noteTweet: t.field({
      type: NoteTweetRef,
      nullable: true,
      resolve: fromTweet((w) => extra<{ text?: string }>(w, 'note_tweet')),
    }),
    scopes: t.field({
      type: TweetScopesRef,
      nullable: true,
      resolve: fromTweet((w) => extra<object>(w, 'scopes')),
    }),
    suggestedSourceLinks: t.field({
      type: [UrlEntityRef],
      nullable: true,
      resolve: fromTweet((w) => extra<XUrlEntity[]>(w, 'suggested_source_links')),
    }),
    withheld: t.field({ type: WithheldRef, nullable: true, resolve: fromTweet((w) => w.withheld) }),
    username: t.string({
      nullable: true,
      description: "The author's handle, when X includes it in the tweet object.",
      resolve: fromTweet((w) => extra<string>(w, 'username')),
    }),
    article: t.field({
      type: TweetArticleRef,
      nullable: true,
      resolve: fromTweet((w) => extra<XArticle>(w, 'article')),
    }),
    mediaMetadata: t.field({
      type: 'JSON',
      nullable: true,
      description: "X's `media_metadata`, as sent (the spec gives it no schema).",
      resolve: fromTweet((w) => extra<unknown>(w, 'media_metadata')),
    }),
    matchedMediaNotes: t.field({
      type: MatchedMediaNotesRef,
      nullable: true,
      resolve: fromTweet((w) => extra<XMatchedMediaNotes>(w, 'matched_media_notes')),
    }),
    noteRequestSuggestions: t.field({
      type: NoteRequestSuggestionsRef,
      nullable: true,
      resolve: fromTweet((w) => extra<XNoteRequestSuggestions>(w, 'note_request_suggestions')),
    }),
    suggestedSourceLinksWithCounts: t.field({
      type: SuggestedSourceLinkWithCountRef,
      nullable: true,
      resolve: fromTweet((w) =>
        extra<XSuggestedSourceLinkWithCount>(w, 'suggested_source_links_with_counts'),
      ),
    }),
  }),
});

/** `Query.tweet`: one tweet by X id, always looked up with the minimal `tweet.fields` (batched with other tweets). */
builder.queryField('tweet', (t) =>
  t.field({
    type: TweetRef,
    nullable: true,
    description: 'One tweet by X id; null with `NOT_FOUND` when X has none.',
    args: { restId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx, info): Promise<TweetShape> => {
      const restId = checkRestId(String(args.restId), 'restId');
      // Always looked up, even for ids alone: an id X does not know is null with `NOT_FOUND`.
      const plan = planNodeAt(ctx, info)?.tweet;
      return tweetShape(restId, await ctx.loaders.tweets.byId(restId, plan?.query ?? DEFAULT_TWEET_QUERY));
    },
  }),
);
