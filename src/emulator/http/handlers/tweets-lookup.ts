/**
 * The tweet lookups: `GET /2/tweets/:id` and `GET /2/tweets?ids=`. Tweets carry `id`, `text` and
 * `edit_history_tweet_ids` plus the asked `tweet.fields`; the user and tweet expansions go to `includes`.
 * Media, poll and place fields are validated and accepted; the emulated world has no media, polls or places.
 */
import type { EmulatedTweet, EmulatorStore } from '../../store.ts';
import { maySeeProtected } from '../auth.ts';
import { Includes, projectTweet, responseBody, selectionOf } from '../field-projection.ts';
import { fieldUnauthorized, notAuthorized, notFound } from '../problems.ts';
import type { HandlerContext, HandlerResult, RouteDef } from '../route.ts';
import {
  bothGenerations,
  MEDIA_FIELD_VALUES,
  PLACE_FIELD_VALUES,
  POLL_FIELD_VALUES,
  POST_EXPANSION_VALUES,
  POST_FIELD_VALUES,
  TWEET_EXPANSION_VALUES,
  TWEET_FIELD_VALUES,
  USER_FIELD_VALUES,
  USER_FIELD_VALUES_2167,
} from '../spec-enums.ts';
import { ID_RULE, type ParamRule } from '../validate-params.ts';

/** The fields and expansions parameters of the tweet lookups, in the order X lists them; both generations. */
const TWEET_QUERY: Readonly<Record<string, ParamRule>> = {
  expansions: { type: 'enum-list', values: bothGenerations(TWEET_EXPANSION_VALUES, POST_EXPANSION_VALUES) },
  'tweet.fields': { type: 'enum-list', values: TWEET_FIELD_VALUES },
  'media.fields': { type: 'enum-list', values: MEDIA_FIELD_VALUES },
  'poll.fields': { type: 'enum-list', values: POLL_FIELD_VALUES },
  'place.fields': { type: 'enum-list', values: PLACE_FIELD_VALUES },
  'user.fields': { type: 'enum-list', values: bothGenerations(USER_FIELD_VALUES, USER_FIELD_VALUES_2167) },
  'post.fields': { type: 'enum-list', values: POST_FIELD_VALUES },
};

/** `GET /2/tweets/:id`. */
export const tweetByIdRoute: RouteDef = {
  pattern: '/2/tweets/:id',
  params: { path: { id: ID_RULE }, query: TWEET_QUERY },
  handle: (context) => lookup(context, 'id', [context.params.path.id ?? ''], true),
};

/** `GET /2/tweets?ids=`: up to 100 ids. */
export const tweetsByIdsRoute: RouteDef = {
  pattern: '/2/tweets',
  params: {
    path: {},
    query: { ids: { type: 'id-list', required: true, max: 100, item: ID_RULE }, ...TWEET_QUERY },
  },
  handle: (context) => lookup(context, 'ids', context.params.lists.ids ?? [], false),
};

/** Looks tweets up in the order asked (each once); `single` answers `data` as an object. */
function lookup(
  context: HandlerContext,
  parameter: string,
  ids: readonly string[],
  single: boolean,
): HandlerResult {
  const { store, principal, params } = context;
  const selection = selectionOf(params.lists, store, principal);
  const includes = new Includes(store, selection);
  const data: Record<string, unknown>[] = [];
  const errors: Record<string, unknown>[] = [];
  for (const id of new Set(ids)) {
    const tweet = store.tweetById(id);
    const author = tweet ? store.userById(tweet.authorId) : undefined;
    if (!tweet || !author || author.suspended) {
      errors.push(notFound('tweet', parameter, id));
    } else if (author.protected && !maySeeProtected(store, principal, author.id)) {
      errors.push(notAuthorized('tweet', parameter, id));
    } else {
      data.push(
        projectTweet(tweet, selection, (field) => errors.push(fieldUnauthorized('tweet', field, id, 'data'))),
      );
      expandTweet(store, includes, tweet, selection.expansions);
    }
  }
  const first = data[0];
  return {
    status: 200,
    body: responseBody({
      data: single ? first : data.length > 0 ? data : undefined,
      includes: includes.includes(),
      errors: [...errors, ...includes.expansionErrors()],
    }),
  };
}

/** Adds what a tweet's expansions point at to `includes`. */
function expandTweet(
  store: EmulatorStore,
  includes: Includes,
  tweet: EmulatedTweet,
  expansions: ReadonlySet<string>,
): void {
  const fields = tweet.fields;
  if (expansions.has('author_id')) includes.addUser(tweet.authorId);
  if (expansions.has('in_reply_to_user_id') && typeof fields.in_reply_to_user_id === 'string') {
    includes.addUser(fields.in_reply_to_user_id);
  }
  if (expansions.has('entities.mentions.username')) {
    for (const mention of arrayOf((fields.entities as { mentions?: unknown } | undefined)?.mentions)) {
      const { id, username } = mention as { id?: unknown; username?: unknown };
      const user = typeof username === 'string' ? store.userByUsername(username) : undefined;
      if (typeof id === 'string') includes.addUser(id);
      else if (user) includes.addUser(user.id);
    }
  }
  if (expansions.has('edit_history_tweet_ids')) {
    for (const id of arrayOf(fields.edit_history_tweet_ids)) {
      if (typeof id === 'string' && id !== tweet.id) includes.addTweet(id, 'edit_history_tweet_ids');
    }
  }
  const referenced = arrayOf(fields.referenced_tweets)
    .map((ref) => (ref as { id?: unknown }).id)
    .filter((id): id is string => typeof id === 'string');
  if (expansions.has('referenced_tweets.id')) {
    for (const id of referenced) includes.addTweet(id, 'referenced_tweets.id');
  }
  if (expansions.has('referenced_tweets.id.author_id')) {
    for (const id of referenced) {
      const ref = store.tweetById(id);
      if (ref) includes.addUser(ref.authorId);
    }
  }
}

/** `value` when it is an array, else an empty one. */
function arrayOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}
