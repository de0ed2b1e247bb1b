import type { GraphQLResolveInfo } from 'graphql';
import { builder } from '../builder.ts';
import { type GatewayContext, planNodeAt } from '../context.ts';
import { checkRestId } from '../plan/validate.ts';
import type { XTweet } from '../rest/x-types.ts';
import { TextEntitiesRef, UrlEntityRef, WithheldRef } from './entities.ts';
import { ReplySettings } from './leaf-types.ts';
import {
  DEFAULT_TWEET_QUERY,
  lazyUser,
  NodeRef,
  TweetRef,
  tweetData,
  tweetShape,
  UserRef,
  userShape,
} from './shapes.ts';
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
import type { UserShape } from './user-shape.ts';

/** Resolves a field from X's tweet object, loading it only if the planner left it out. */
function fromTweet<T>(pick: (tweet: XTweet) => T) {
  return (tweet: TweetShape, _args: unknown, ctx: GatewayContext, info: GraphQLResolveInfo) => {
    const data = tweetData(tweet, ctx, info);
    return data instanceof Promise ? data.then(pick) : pick(data);
  };
}

TweetRef.implement({
  description: 'A tweet (post). Fields are fetched from X only when a query reads them.',
  interfaces: [NodeRef],
  isTypeOf: (value) => (value as TweetShape).__typename === 'Tweet',
  fields: (t) => ({
    restId: t.exposeID('restId', { description: 'The X id, a decimal string of up to 19 digits.' }),
    text: t.exposeString('text'),
    editHistoryTweetIds: t.exposeIDList('editHistoryTweetIds'),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: fromTweet((w) => w.created_at) }),
    authorId: t.exposeID('authorId', { nullable: true }),
    conversationId: t.exposeID('conversationId', { nullable: true }),
    inReplyToUserId: t.exposeID('inReplyToUserId', { nullable: true }),
    communityId: t.exposeID('communityId', { nullable: true }),
    lang: t.exposeString('lang', { nullable: true }),
    source: t.exposeString('source', { nullable: true }),
    cardUri: t.exposeString('cardUri', { nullable: true }),
    possiblySensitive: t.exposeBoolean('possiblySensitive', { nullable: true }),
    paidPartnership: t.exposeBoolean('paidPartnership', { nullable: true }),
    replySettings: t.field({
      type: ReplySettings,
      nullable: true,
      resolve: fromTweet((w) => w.reply_settings as never),
    }),
    displayTextRange: t.exposeIntList('displayTextRange', {
      nullable: true,
      description: 'Start (inclusive) and end (exclusive) of the displayed part of the text.',
    }),
    publicMetrics: t.expose('publicMetrics', { type: TweetPublicMetricsRef, nullable: true }),
    nonPublicMetrics: t.expose('nonPublicMetrics', { type: TweetNonPublicMetricsRef, nullable: true }),
    organicMetrics: t.expose('organicMetrics', { type: TweetOrganicMetricsRef, nullable: true }),
    promotedMetrics: t.expose('promotedMetrics', { type: TweetPromotedMetricsRef, nullable: true }),
    entities: t.expose('entities', { type: TextEntitiesRef, nullable: true }),
    attachments: t.expose('attachments', { type: TweetAttachmentsRef, nullable: true }),
    contextAnnotations: t.expose('contextAnnotations', { type: [ContextAnnotationRef], nullable: true }),
    editControls: t.expose('editControls', { type: EditControlsRef, nullable: true }),
    geo: t.expose('geo', { type: TweetGeoRef, nullable: true }),
    referencedTweets: t.expose('referencedTweets', { type: [ReferencedTweetRef], nullable: true }),
    noteTweet: t.expose('noteTweet', { type: NoteTweetRef, nullable: true }),
    scopes: t.expose('scopes', { type: TweetScopesRef, nullable: true }),
    suggestedSourceLinks: t.expose('suggestedSourceLinks', { type: [UrlEntityRef], nullable: true }),
    withheld: t.expose('withheld', { type: WithheldRef, nullable: true }),
    username: t.exposeString('username', {
      nullable: true,
      description: "The author's handle, when X includes it in the tweet object.",
    }),
    article: t.expose('article', { type: TweetArticleRef, nullable: true }),
    mediaMetadata: t.expose('mediaMetadata', {
      type: 'JSON',
      nullable: true,
      description: "X's `media_metadata`, as sent (the spec gives it no schema).",
    }),
    matchedMediaNotes: t.expose('matchedMediaNotes', { type: MatchedMediaNotesRef, nullable: true }),
    noteRequestSuggestions: t.expose('noteRequestSuggestions', {
      type: NoteRequestSuggestionsRef,
      nullable: true,
    }),
    suggestedSourceLinksWithCounts: t.expose('suggestedSourceLinksWithCounts', {
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
