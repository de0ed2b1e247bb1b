import { builder } from '../builder.ts';
import { planNodeAt } from '../pipeline.ts';
import { checkRestId } from '../plan/validate.ts';
import { xNeeds, xObject, xRoot } from '../plan/x-needs.ts';
import { xWritten } from '../projection/list-projection.ts';
import type { TweetField } from '../rest/x-types.ts';
import { TextEntitiesRef, UrlEntityRef, WithheldRef } from './entities.ts';
import { ReplySettings } from './leaf-types.ts';
import { DEFAULT_TWEET_QUERY, NodeRef, TweetRef, tweetData, tweetShape } from './shapes.ts';
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
import type { TweetShape } from './tweet-shape.ts';
import type { UserShape } from './user.ts';
import { lazyUser, UserRef, userShape } from './user.ts';

/** The declaration of a `Tweet` field read from X's tweet object with these `tweet.fields` (none: X's defaults). */
function reads(...fields: TweetField[]) {
  return xNeeds({ fields });
}

TweetRef.implement({
  description: 'A tweet (post). Fields are fetched from X only when a query reads them.',
  interfaces: [NodeRef],
  extensions: xObject({ kind: 'tweet', lookup: 'GET /2/tweets' }),
  isTypeOf: (value) => (value as TweetShape).__typename === 'Tweet',
  fields: (t) => ({
    restId: t.exposeID('restId', {
      extensions: xNeeds({ free: true }),
      description: 'The X id, a decimal string of up to 19 digits.',
    }),
    text: t.exposeString('text', { extensions: reads() }),
    editHistoryTweetIds: t.exposeIDList('editHistoryTweetIds', { extensions: reads() }),
    createdAt: t.expose('createdAt', {
      extensions: { ...reads('created_at'), ...xWritten('string') },
      type: 'DateTime',
      nullable: true,
    }),
    authorId: t.exposeID('authorId', { extensions: reads('author_id'), nullable: true }),
    conversationId: t.exposeID('conversationId', { extensions: reads('conversation_id'), nullable: true }),
    inReplyToUserId: t.exposeID('inReplyToUserId', {
      extensions: reads('in_reply_to_user_id'),
      nullable: true,
    }),
    communityId: t.exposeID('communityId', { extensions: reads('community_id'), nullable: true }),
    lang: t.exposeString('lang', { extensions: reads('lang'), nullable: true }),
    source: t.exposeString('source', { extensions: reads('source'), nullable: true }),
    cardUri: t.exposeString('cardUri', { extensions: reads('card_uri'), nullable: true }),
    possiblySensitive: t.exposeBoolean('possiblySensitive', {
      extensions: reads('possibly_sensitive'),
      nullable: true,
    }),
    paidPartnership: t.exposeBoolean('paidPartnership', {
      extensions: reads('paid_partnership'),
      nullable: true,
    }),
    replySettings: t.expose('replySettings', {
      extensions: reads('reply_settings'),
      type: ReplySettings,
      nullable: true,
    }),
    displayTextRange: t.exposeIntList('displayTextRange', {
      extensions: reads('display_text_range'),
      nullable: true,
      description: 'Start (inclusive) and end (exclusive) of the displayed part of the text.',
    }),
    publicMetrics: t.expose('publicMetrics', {
      extensions: reads('public_metrics'),
      type: TweetPublicMetricsRef,
      nullable: true,
    }),
    nonPublicMetrics: t.expose('nonPublicMetrics', {
      extensions: reads('non_public_metrics'),
      type: TweetNonPublicMetricsRef,
      nullable: true,
    }),
    organicMetrics: t.expose('organicMetrics', {
      extensions: reads('organic_metrics'),
      type: TweetOrganicMetricsRef,
      nullable: true,
    }),
    promotedMetrics: t.expose('promotedMetrics', {
      extensions: reads('promoted_metrics'),
      type: TweetPromotedMetricsRef,
      nullable: true,
    }),
    entities: t.expose('entities', { extensions: reads('entities'), type: TextEntitiesRef, nullable: true }),
    attachments: t.expose('attachments', {
      extensions: reads('attachments'),
      type: TweetAttachmentsRef,
      nullable: true,
    }),
    contextAnnotations: t.expose('contextAnnotations', {
      extensions: reads('context_annotations'),
      type: [ContextAnnotationRef],
      nullable: true,
    }),
    editControls: t.expose('editControls', {
      extensions: reads('edit_controls'),
      type: EditControlsRef,
      nullable: true,
    }),
    geo: t.expose('geo', { extensions: reads('geo'), type: TweetGeoRef, nullable: true }),
    referencedTweets: t.expose('referencedTweets', {
      extensions: reads('referenced_tweets'),
      type: [ReferencedTweetRef],
      nullable: true,
    }),
    noteTweet: t.expose('noteTweet', { extensions: reads('note_tweet'), type: NoteTweetRef, nullable: true }),
    scopes: t.expose('scopes', { extensions: reads('scopes'), type: TweetScopesRef, nullable: true }),
    suggestedSourceLinks: t.expose('suggestedSourceLinks', {
      extensions: reads('suggested_source_links'),
      type: [UrlEntityRef],
      nullable: true,
    }),
    withheld: t.expose('withheld', { extensions: reads('withheld'), type: WithheldRef, nullable: true }),
    username: t.exposeString('username', {
      extensions: reads(),
      nullable: true,
      description: "The author's handle, when X includes it in the tweet object.",
    }),
    article: t.expose('article', { extensions: reads('article'), type: TweetArticleRef, nullable: true }),
    mediaMetadata: t.expose('mediaMetadata', {
      extensions: reads('media_metadata'),
      type: 'JSON',
      nullable: true,
      description: "X's `media_metadata`, as sent (the spec gives it no schema).",
    }),
    matchedMediaNotes: t.expose('matchedMediaNotes', {
      extensions: reads('matched_media_notes'),
      type: MatchedMediaNotesRef,
      nullable: true,
    }),
    noteRequestSuggestions: t.expose('noteRequestSuggestions', {
      extensions: reads('note_request_suggestions'),
      type: NoteRequestSuggestionsRef,
      nullable: true,
    }),
    suggestedSourceLinksWithCounts: t.expose('suggestedSourceLinksWithCounts', {
      extensions: reads('suggested_source_links_with_counts'),
      type: SuggestedSourceLinkWithCountRef,
      nullable: true,
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
    extensions: xRoot({
      check: (args) => checkRestId(args.restId as string, 'restId'),
      call: ({ restId }) => ({
        endpoint: 'GET /2/tweets',
        ...(typeof restId === 'string' ? { keys: [restId] } : {}),
      }),
      verifies: true,
    }),
    resolve: async (_root, args, ctx, info): Promise<TweetShape> => {
      const restId = checkRestId(String(args.restId), 'restId');
      // Always looked up, even for ids alone: an id X does not know is null with `NOT_FOUND`.
      const plan = planNodeAt(ctx, info)?.tweet;
      return tweetShape(restId, await ctx.loaders.tweets.byId(restId, plan?.query ?? DEFAULT_TWEET_QUERY));
    },
  }),
);

/** `Tweet.author`: through the user loader, looked up only when more than its ids is read. */
builder.objectField(TweetRef, 'author', (t) =>
  t.field({
    type: UserRef,
    nullable: true,
    extensions: xNeeds({ lookup: { idField: 'author_id' } }),
    description: "The tweet's author, looked up only when more than its ids is read.",
    resolve: async (tweet, _args, ctx, info): Promise<UserShape | null> => {
      const data = await tweetData(tweet, ctx, info);
      const authorId = data.author_id;
      if (!authorId) return null;
      const plan = planNodeAt(ctx, info)?.user;
      if (plan && !plan.lookup) return lazyUser(authorId);
      return userShape(
        await ctx.loaders.users.byId(
          authorId,
          plan?.query ?? { userFields: [], tweetFields: [], expansions: [] },
        ),
      );
    },
  }),
);
