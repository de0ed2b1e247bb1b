/**
 * The text side of a generated tweet: its words, entities, what it replies to, quotes or retweets, its media
 * and polls, and for long posts the `note_tweet` with the full text while `text` keeps a truncated preview.
 */
import type { ContextAnnotation } from './doc-page-tweets.ts';
import { snowflakeId } from './ids.ts';
import { PARAGRAPHS } from './long-posts.ts';
import { ALPHANUMERIC, type Rng } from './random.ts';
import { codePointLength, TextBuilder, type TextEntities } from './text-builder.ts';
import { CASHTAGS, EMOJI, type LanguagePool } from './text-pools.ts';
import { linkTarget, tcoLink } from './text-synth.ts';
import { contextAnnotations } from './tweet-parts.ts';
import type { World } from './world.ts';

/** A composed tweet text and everything that follows from it. */
export interface TweetText {
  readonly text: string;
  readonly entities: TextEntities | undefined;
  /** Where the displayed text starts (after the leading `@mentions` of a reply), in code points. */
  readonly displayStart: number;
  readonly lang: string;
  readonly conversationId?: string;
  readonly inReplyToUserId?: string;
  readonly referencedTweets?: { type: 'retweeted' | 'quoted' | 'replied_to'; id: string }[];
  readonly attachments?: { media_keys?: string[]; poll_ids?: string[] };
  readonly contextAnnotations?: ContextAnnotation[];
  readonly noteTweet?: { text: string; entities?: TextEntities };
}

/** Who writes, when, and in which language. */
export interface TweetTextOptions {
  readonly authorIndex: number;
  readonly tweetId: string;
  readonly createdAtMs: number;
  readonly language: LanguagePool;
  /** Pinned tweets cannot be retweets; recent ones can. */
  readonly canRetweet: boolean;
}

/** How long `text` may be before X moves the full post to `note_tweet`. */
const TEXT_LIMIT = 280;

/** Composes a tweet's text: a reply, retweet, quote or plain post, sometimes long, with entities. */
export function composeTweetText(world: World, rng: Rng, options: TweetTextOptions): TweetText {
  const out = new TextBuilder();
  const username = world.usernames.usernameAt(options.authorIndex);
  const earlierId = (): string =>
    snowflakeId(options.createdAtMs - rng.range(60_000, 86_400_000), rng.int(4_194_304));
  const shape = rng.next();
  let extra: Partial<TweetText> = {};
  if (options.canRetweet && shape < 0.1) {
    const original = world.randomMentionable(rng);
    out.text('RT ').mention(original.username, original.id).text(': ');
    extra = { referencedTweets: [{ type: 'retweeted', id: earlierId() }] };
  } else if (shape < 0.28) {
    const parent = world.randomMentionable(rng);
    out.mention(parent.username, parent.id).text(' ');
    const parentTweet = earlierId();
    extra = {
      displayStart: out.codePoints,
      inReplyToUserId: parent.id,
      conversationId: parentTweet,
      referencedTweets: [{ type: 'replied_to', id: parentTweet }],
    };
  }
  const paragraphs = PARAGRAPHS[options.language.lang];
  if (paragraphs && rng.chance(0.06)) {
    const count = rng.range(2, paragraphs.length);
    const first = rng.int(paragraphs.length - count + 1);
    out.text(paragraphs.slice(first, first + count).join('\n\n'));
  } else {
    out.text(joinSentences(rng.sample(options.language.sentences, rng.range(1, 2))));
  }
  if (rng.chance(0.35)) {
    for (const tag of rng.sample(options.language.hashtags, rng.range(1, 3))) out.text(' ').hashtag(tag);
  }
  if (rng.chance(0.15)) {
    const friend = world.randomMentionable(rng);
    out.text(' cc ').mention(friend.username, friend.id);
  }
  if (rng.chance(0.04)) out.text(' ').cashtag(rng.pick(CASHTAGS));
  if (rng.chance(0.3)) out.text(' ').text(rng.pick(EMOJI));
  let attachments: TweetText['attachments'];
  const attachment = rng.next();
  if (extra.referencedTweets === undefined && attachment < 0.1) {
    const quoted = world.randomMentionable(rng);
    const quotedId = earlierId();
    const permalink = `https://twitter.com/${quoted.username}/status/${quotedId}`;
    out.text(' ').url(tcoLink(rng), permalink);
    extra = { referencedTweets: [{ type: 'quoted', id: quotedId }] };
  } else if (attachment < 0.3) {
    const mediaKeys = Array.from({ length: rng.range(1, 4) }, () => `3_${earlierId()}`);
    const tco = tcoLink(rng);
    out.text(' ').url(tco, `https://twitter.com/${username}/status/${options.tweetId}/photo/1`, {
      media_key: mediaKeys[0],
      display_url: `pic.twitter.com/${tco.slice('https://t.co/'.length)}`,
    });
    attachments = { media_keys: mediaKeys };
  } else if (attachment < 0.33) {
    attachments = { poll_ids: [snowflakeId(options.createdAtMs, rng.int(4_194_304))] };
  } else if (attachment < 0.5) {
    const target = linkTarget(rng, username);
    out.text(' ').url(tcoLink(rng), target, {
      status: 200,
      unwound_url: target,
      title: `${rng.pick(options.language.sentences)}`.slice(0, 60),
      description: rng.pick(options.language.interests),
      images: [
        {
          url: `https://pbs.twimg.com/news_img/${rng.chars(ALPHANUMERIC, 12)}?format=jpg&name=orig`,
          width: 1200,
          height: 630,
        },
        {
          url: `https://pbs.twimg.com/news_img/${rng.chars(ALPHANUMERIC, 12)}?format=jpg&name=150x150`,
          width: 150,
          height: 150,
        },
      ],
    });
  }
  const full = out.toString();
  const entities = out.entities();
  const base = {
    displayStart: 0,
    lang: options.language.lang,
    attachments,
    contextAnnotations: rng.chance(0.5) ? contextAnnotations(rng) : undefined,
    ...extra,
  };
  if (codePointLength(full) <= TEXT_LIMIT) return { ...base, text: full, entities };
  return { ...base, ...truncated(full, entities) };
}

/** Sentences as one text, with a full stop after those that end without punctuation or emoji. */
export function joinSentences(sentences: readonly string[]): string {
  return sentences
    .map((sentence, i) => (i < sentences.length - 1 ? withFullStop(sentence) : sentence))
    .join(' ');
}

/** A sentence ending in a letter or digit gets a full stop (`。` after Chinese or Japanese). */
function withFullStop(sentence: string): string {
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u.test(sentence)) return `${sentence}。`;
  return /[\p{L}\p{N}]$/u.test(sentence) ? `${sentence}.` : sentence;
}

/** A long post's preview (`text`, cut at a word, with an ellipsis) and its full `note_tweet`. */
function truncated(
  full: string,
  entities: TextEntities | undefined,
): Pick<TweetText, 'text' | 'entities' | 'noteTweet'> {
  const points = Array.from(full);
  let cut = TEXT_LIMIT - 5;
  while (cut > 0 && points[cut] !== ' ') cut--;
  const within = <T extends { end: number }>(list: T[] | undefined): T[] | undefined => {
    const kept = list?.filter((entity) => entity.end <= cut);
    return kept && kept.length > 0 ? kept : undefined;
  };
  const previewEntities: TextEntities = {};
  const urls = within(entities?.urls);
  const hashtags = within(entities?.hashtags);
  const cashtags = within(entities?.cashtags);
  const mentions = within(entities?.mentions);
  if (urls) previewEntities.urls = urls;
  if (hashtags) previewEntities.hashtags = hashtags;
  if (cashtags) previewEntities.cashtags = cashtags;
  if (mentions) previewEntities.mentions = mentions;
  return {
    text: `${points.slice(0, cut).join('')}…`,
    entities: Object.keys(previewEntities).length > 0 ? previewEntities : undefined,
    noteTweet: entities ? { text: full, entities } : { text: full },
  };
}
