/**
 * Synthesises tweet records: a user's pinned tweet and most recent tweet, with every field of the spec's
 * `Tweet` schema (text with entities, replies and quotes, media and polls, long `note_tweet`s, metrics, ...),
 * and the documentation page's real pinned tweets with their page text and annotations.
 */
import type { EmulatedTweet } from '../store.ts';
import { docAccountIndex } from './doc-page-accounts.ts';
import { type DocTweet, docTweet } from './doc-page-tweets.ts';
import { scanEntities } from './entity-scan.ts';
import { snowflakeId, snowflakeTimeMs, wholeSecondIso } from './ids.ts';
import { Rng } from './random.ts';
import { codePointLength } from './text-builder.ts';
import { SOURCES } from './text-pools.ts';
import { tcoLink } from './text-synth.ts';
import { communityNotes, editControls, geo, metrics, replySettings, tweetWithheld } from './tweet-parts.ts';
import { composeTweetText, type TweetText } from './tweet-text.ts';
import { definedOnly, userLanguage, userTweetCount } from './user-synth.ts';
import type { World } from './world.ts';
import type { TweetKind } from './world-ids.ts';
import { Salt } from './world-layout.ts';

/** The tweet with this id, or undefined when it is unknown, deleted or never existed. */
export function synthesizeTweetById(world: World, id: string): EmulatedTweet | undefined {
  const ref = world.ids.tweetRef(id);
  if (!ref) return undefined;
  const { index, kind } = ref;
  if (kind === 'pinned') {
    if (!world.layout.hasPinned(index) || world.layout.isPinnedDeleted(index)) return undefined;
    const doc = docTweet(id);
    return doc ? synthesizeDocTweet(world, doc) : synthesizeTweet(world, index, kind);
  }
  return userTweetCount(world, index) > 0 ? synthesizeTweet(world, index, kind) : undefined;
}

/** A generated tweet of user `index`. */
function synthesizeTweet(world: World, index: number, kind: TweetKind): EmulatedTweet {
  const { ids } = world;
  const rng = Rng.for(world.seed, index, (kind === 'pinned' ? Salt.tweet : Salt.recentTweet) + 300);
  const id = kind === 'pinned' ? ids.pinnedTweetId(index) : ids.recentTweetId(index);
  const createdAtMs = kind === 'pinned' ? ids.pinnedCreatedAtMs(index) : ids.recentCreatedAtMs(index);
  const composed = composeTweetText(world, rng, {
    authorIndex: index,
    tweetId: id,
    createdAtMs,
    language: userLanguage(world, index),
    canRetweet: kind === 'recent',
  });
  return assemble(world, rng, index, id, createdAtMs, composed);
}

/** A documentation page tweet: the page's id, text and annotations; the rest generated around them. */
function synthesizeDocTweet(world: World, doc: DocTweet): EmulatedTweet {
  const index = docAccountIndex(doc.authorId) ?? 0;
  const rng = Rng.for(world.seed, index, Salt.tweet + 400);
  const createdAtMs = snowflakeTimeMs(doc.id);
  const entities = scanEntities(doc.text, {
    mentionId: (username) => {
      const mentioned = world.usernames.indexOf(username);
      return mentioned === undefined ? undefined : world.ids.userId(mentioned);
    },
    link: (tco) => {
      const link = doc.links[tco];
      if (!link) return undefined;
      if (!link.mediaKey)
        return { expandedUrl: link.expandedUrl, details: { status: 200, unwound_url: link.expandedUrl } };
      return { expandedUrl: link.expandedUrl, details: { media_key: link.mediaKey } };
    },
  });
  for (const url of entities?.urls ?? []) {
    if (url.media_key !== undefined)
      url.display_url = `pic.twitter.com/${url.url.slice('https://t.co/'.length)}`;
  }
  const mediaKeys = Object.values(doc.links).flatMap((link) => (link.mediaKey ? [link.mediaKey] : []));
  const composed: TweetText = {
    text: doc.text,
    entities,
    displayStart: 0,
    lang: 'en',
    attachments: mediaKeys.length > 0 ? { media_keys: mediaKeys } : undefined,
    referencedTweets: doc.quotes ? [{ type: 'quoted', id: doc.quotes }] : undefined,
    contextAnnotations: doc.contextAnnotations ? [...doc.contextAnnotations] : undefined,
  };
  return assemble(world, rng, index, doc.id, createdAtMs, composed, 'Twitter Web App');
}

/** Puts a tweet record together from its text and the text-independent parts. */
function assemble(
  world: World,
  rng: Rng,
  index: number,
  id: string,
  createdAtMs: number,
  composed: TweetText,
  source?: string,
): EmulatedTweet {
  const authorId = world.ids.userId(index);
  const edited = rng.chance(0.06) && createdAtMs > Date.UTC(2022, 9, 1);
  const hasPoll = (composed.attachments?.poll_ids?.length ?? 0) > 0;
  const fields: Record<string, unknown> = definedOnly({
    author_id: authorId,
    created_at: wholeSecondIso(createdAtMs),
    conversation_id: composed.conversationId ?? id,
    edit_history_tweet_ids: edited
      ? [snowflakeId(createdAtMs - rng.range(60_000, 1_800_000), rng.int(4_194_304)), id]
      : [id],
    edit_controls: editControls(createdAtMs, edited, hasPoll),
    entities: composed.entities,
    context_annotations: composed.contextAnnotations,
    lang: composed.lang,
    possibly_sensitive: rng.chance(0.03),
    ...metrics(rng, world.graph.followerCount(index), (composed.entities?.urls?.length ?? 0) > 0),
    referenced_tweets: composed.referencedTweets,
    in_reply_to_user_id: composed.inReplyToUserId,
    attachments: composed.attachments,
    geo: rng.chance(0.05) ? geo(rng) : undefined,
    reply_settings: replySettings(rng),
    source: source ?? rng.pick(SOURCES),
    withheld: rng.chance(0.01) ? tweetWithheld(rng) : undefined,
    note_tweet: composed.noteTweet,
    display_text_range: [composed.displayStart, codePointLength(composed.text)],
    scopes: { followers: false },
    paid_partnership: rng.chance(0.02),
    community_id: rng.chance(0.02)
      ? snowflakeId(createdAtMs - rng.range(1, 400) * 86_400_000, rng.int(4_194_304))
      : undefined,
  });
  const hasMedia = (composed.attachments?.media_keys?.length ?? 0) > 0;
  if (rng.chance(hasMedia ? 0.05 : 0.015)) {
    const target = `https://en.wikipedia.org/wiki/Special:Search?search=${id}`;
    Object.assign(fields, communityNotes(rng, tcoLink(rng), target, hasMedia));
  }
  return { id, text: composed.text, authorId, fields };
}
