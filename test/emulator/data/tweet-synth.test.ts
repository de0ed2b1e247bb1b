import { beforeAll, describe, expect, it } from 'vitest';
import { createStore, type SeededEmulatorStore } from '../../../src/emulator/data/create-store.ts';
import { snowflakeTimeMs } from '../../../src/emulator/data/ids.ts';
import { codePointLength, sliceCodePoints } from '../../../src/emulator/data/text-builder.ts';
import type { EmulatedTweet } from '../../../src/emulator/store.ts';
import { asApiTweet, specErrors } from '../../fixtures/emulator-data-spec.ts';

interface Span {
  start: number;
  end: number;
}
interface Entities {
  urls?: (Span & { url: string; media_key?: string })[];
  hashtags?: (Span & { tag: string })[];
  cashtags?: (Span & { tag: string })[];
  mentions?: (Span & { username: string; id?: string })[];
}

/** Every entity of `entities` whose text is not at its offsets in `text`. */
function misplaced(text: string, entities: Entities | undefined): string[] {
  const wrong: string[] = [];
  const check = (span: Span, expected: string): void => {
    const found = sliceCodePoints(text, span.start, span.end);
    if (found !== expected) wrong.push(`${expected} at ${span.start}..${span.end} is "${found}"`);
  };
  for (const tag of entities?.hashtags ?? []) check(tag, `#${tag.tag}`);
  for (const tag of entities?.cashtags ?? []) check(tag, `$${tag.tag}`);
  for (const mention of entities?.mentions ?? []) check(mention, `@${mention.username}`);
  for (const url of entities?.urls ?? []) check(url, url.url);
  return wrong;
}

describe('synthesizeTweet', () => {
  let store: SeededEmulatorStore;
  const pinned: EmulatedTweet[] = [];
  const recent: EmulatedTweet[] = [];
  let deletedPins = 0;
  let pins = 0;
  beforeAll(() => {
    store = createStore();
    for (let index = 0; index < store.userCount; index += 31) {
      const user = store.userAt(index);
      if (user.pinnedTweetId !== undefined) {
        pins++;
        const tweet = store.tweetById(user.pinnedTweetId);
        if (tweet) pinned.push(tweet);
        else deletedPins++;
      }
      const recentId = user.fields.most_recent_tweet_id as string | undefined;
      const tweet = recentId === undefined ? undefined : store.tweetById(recentId);
      if (tweet) recent.push(tweet);
    }
  });

  it('produces tweets valid against the spec’s Tweet schema', () => {
    for (const tweet of [...pinned, ...recent]) {
      expect(specErrors('Tweet', asApiTweet(tweet)), tweet.id).toEqual([]);
    }
  });

  it('populates the fields every tweet has, consistently with its id and author', () => {
    const always = [
      'author_id',
      'created_at',
      'conversation_id',
      'edit_history_tweet_ids',
      'edit_controls',
      'lang',
    ];
    always.push(
      'possibly_sensitive',
      'public_metrics',
      'non_public_metrics',
      'organic_metrics',
      'promoted_metrics',
    );
    always.push('reply_settings', 'source', 'display_text_range', 'scopes', 'paid_partnership');
    const problems: string[] = [];
    for (const tweet of [...pinned, ...recent]) {
      const { fields } = tweet;
      if (!/^[0-9]{19}$/.test(tweet.id)) problems.push(`${tweet.id}: id`);
      if (fields.author_id !== tweet.authorId || !store.userById(tweet.authorId))
        problems.push(`${tweet.id}: author`);
      if (!(fields.edit_history_tweet_ids as string[]).includes(tweet.id))
        problems.push(`${tweet.id}: edit history`);
      const createdMs = Date.parse(fields.created_at as string);
      if (createdMs !== Math.floor(snowflakeTimeMs(tweet.id) / 1000) * 1000)
        problems.push(`${tweet.id}: created_at`);
      if (!/^[0-9]{19}$/.test(fields.conversation_id as string)) problems.push(`${tweet.id}: conversation`);
      for (const key of always) if (fields[key] === undefined) problems.push(`${tweet.id}: no ${key}`);
    }
    expect(problems).toEqual([]);
  });

  it('places text and note_tweet entities at the code points where their text is', () => {
    let withEntities = 0;
    for (const tweet of [...pinned, ...recent]) {
      const entities = tweet.fields.entities as Entities | undefined;
      expect(misplaced(tweet.text, entities), tweet.id).toEqual([]);
      const note = tweet.fields.note_tweet as { text: string; entities?: Entities } | undefined;
      if (note) expect(misplaced(note.text, note.entities), tweet.id).toEqual([]);
      const request = tweet.fields.note_request_suggestions as {
        suggestion: string;
        source_link: Span & { url: string };
      };
      if (request)
        expect(misplaced(request.suggestion, { urls: [request.source_link] }), tweet.id).toEqual([]);
      if (entities) withEntities++;
    }
    expect(withEntities).toBeGreaterThan(pinned.length / 2);
  });

  it('keeps long posts in note_tweet with a preview of at most 280 code points in text', () => {
    const notes = [...pinned, ...recent].filter((tweet) => tweet.fields.note_tweet !== undefined);
    expect(notes.length).toBeGreaterThan(10);
    for (const tweet of notes) {
      const note = tweet.fields.note_tweet as { text: string };
      expect(codePointLength(note.text)).toBeGreaterThan(280);
      expect(codePointLength(tweet.text)).toBeLessThanOrEqual(280);
      expect(note.text.startsWith(tweet.text.slice(0, -1))).toBe(true);
    }
  });

  it('marks replies with their parent, the replied-to user and a display range after the mention', () => {
    const replies = recent.filter((tweet) =>
      (tweet.fields.referenced_tweets as { type: string }[] | undefined)?.some(
        (ref) => ref.type === 'replied_to',
      ),
    );
    expect(replies.length).toBeGreaterThan(50);
    for (const reply of replies) {
      const parent = store.userById(reply.fields.in_reply_to_user_id as string);
      expect(reply.text.startsWith(`@${parent?.username} `)).toBe(true);
      const [start, end] = reply.fields.display_text_range as [number, number];
      expect(start).toBe(codePointLength(`@${parent?.username} `));
      expect(end).toBe(codePointLength(reply.text));
    }
  });

  it('varies tweets the way X’s do: quotes, retweets, media, polls, geo, withheld, annotations', () => {
    const all = [...pinned, ...recent];
    const count = (predicate: (tweet: EmulatedTweet) => boolean): number => all.filter(predicate).length;
    const refTypes = new Set(
      all
        .flatMap((tweet) => (tweet.fields.referenced_tweets as { type: string }[] | undefined) ?? [])
        .map((r) => r.type),
    );
    expect(refTypes).toEqual(new Set(['quoted', 'replied_to', 'retweeted']));
    expect(
      count((tweet) => (tweet.fields.attachments as { media_keys?: unknown[] })?.media_keys !== undefined),
    ).toBeGreaterThan(10);
    expect(
      count((tweet) => (tweet.fields.attachments as { poll_ids?: unknown[] })?.poll_ids !== undefined),
    ).toBeGreaterThan(2);
    expect(count((tweet) => tweet.fields.geo !== undefined)).toBeGreaterThan(5);
    expect(count((tweet) => tweet.fields.withheld !== undefined)).toBeGreaterThan(0);
    for (const key of [
      'community_id',
      'matched_media_notes',
      'note_request_suggestions',
      'suggested_source_links',
    ]) {
      expect(
        count((tweet) => tweet.fields[key] !== undefined),
        key,
      ).toBeGreaterThan(0);
    }
    expect(count((tweet) => tweet.fields.paid_partnership === true)).toBeGreaterThan(0);
    expect(count((tweet) => tweet.fields.context_annotations !== undefined)).toBeGreaterThan(all.length / 4);
    expect(new Set(all.map((tweet) => tweet.fields.reply_settings)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(all.map((tweet) => tweet.fields.lang)).size).toBeGreaterThanOrEqual(8);
    for (const tweet of pinned) {
      const refs = (tweet.fields.referenced_tweets as { type: string }[] | undefined) ?? [];
      expect(refs.some((ref) => ref.type === 'retweeted')).toBe(false);
    }
  });

  it('answers undefined for deleted pinned tweets while the user keeps the id', () => {
    expect(deletedPins).toBeGreaterThan(0);
    expect(deletedPins / pins).toBeLessThan(0.1);
    const user = store.userById(store.notable.deletedPinned);
    expect(user?.pinnedTweetId).toBeDefined();
    expect(store.tweetById(user?.pinnedTweetId ?? '')).toBeUndefined();
  });

  it('does not mistake near-miss ids for tweets', () => {
    const tweet = pinned[0] as EmulatedTweet;
    const last = Number(tweet.id.slice(-1));
    expect(store.tweetById(`${tweet.id.slice(0, -1)}${(last + 1) % 10}`)).toBeUndefined();
    expect(store.tweetById(tweet.authorId)).toBeUndefined();
    expect(store.tweetById(tweet.id)).toEqual(tweet);
  });
});
