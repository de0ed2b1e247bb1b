import { beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../../../src/emulator/data/create-store.ts';
import { sliceCodePoints } from '../../../src/emulator/data/text-builder.ts';
import type { EmulatorStore } from '../../../src/emulator/store.ts';
import {
  loadPageExamples,
  type PageExamples,
  undoMacRomanMojibake,
  withoutNewlineEscapes,
} from '../../fixtures/emulator-data-doc-page.ts';

describe('documentation page fixtures', () => {
  let store: EmulatorStore;
  let page: PageExamples;
  beforeAll(() => {
    store = createStore();
    page = loadPageExamples();
  });

  it('undoes the page’s Mac OS Roman mojibake', () => {
    expect(undoMacRomanMojibake('It‚Äôs')).toBe('It’s');
    // The page writes the emoji's first byte (0xF0) as Mac OS Roman's Apple logo, U+F8FF.
    expect(undoMacRomanMojibake('\uf8ffü•Å')).toBe('🥁');
    expect(undoMacRomanMojibake('\uf8ffü§†')).toBe('🤠');
    expect(undoMacRomanMojibake('‚¨áÔ∏è')).toBe('⬇️');
  });

  it('makes the page’s example users TwitterDev’s ten most recent followers, in the page’s order', () => {
    const followers = store.followers(store.notable.twitterDev);
    expect(followers.length).toBeGreaterThan(10);
    const firstTen = Array.from({ length: 10 }, (_, i) => followers.idAt(i));
    expect(firstTen).toEqual(page.defaultFields.data.map((user) => user.id));
    expect(firstTen).toContain('2244994945');
  });

  it('gives the page’s users the page’s names, usernames and pinned tweet ids', () => {
    for (const [index, expected] of page.optionalFields.data.entries()) {
      const user = store.userById(expected.id);
      expect(user).toBeDefined();
      expect(user?.name).toBe(expected.name);
      expect(user?.username).toBe(expected.username);
      expect(user?.pinnedTweetId).toBe(expected.pinned_tweet_id);
      expect(store.userAt(index).id).toBe(expected.id);
      expect(user?.suspended).toBe(false);
      expect(user?.protected).toBe(false);
    }
    expect(page.optionalFields.data.filter((user) => user.pinned_tweet_id !== undefined)).toHaveLength(6);
  });

  it('serves the page’s pinned tweets with the page’s texts and context annotations', () => {
    for (const expected of page.optionalFields.includes.tweets) {
      const tweet = store.tweetById(expected.id);
      expect(tweet, expected.id).toBeDefined();
      if (!tweet) continue;
      expect(withoutNewlineEscapes(tweet.text)).toBe(expected.text);
      expect(tweet.fields.context_annotations).toEqual(expected.context_annotations);
      const author = page.optionalFields.data.find((user) => user.pinned_tweet_id === expected.id);
      expect(tweet.authorId).toBe(author?.id);
      expect(tweet.fields.author_id).toBe(author?.id);
      expect(tweet.fields.edit_history_tweet_ids).toEqual([expected.id]);
    }
  });

  it('restores the real line breaks, emoji and punctuation of the page’s tweets', () => {
    const launch = store.tweetById('1293593516040269825');
    expect(launch?.text.startsWith('It’s finally here! 🥁 Say hello to the new #TwitterAPI.\n\nWe’re')).toBe(
      true,
    );
    expect(store.tweetById('1293595870563381249')?.text).toContain('released\n\nToday we announced');
    expect(store.tweetById('1293216056274759680')?.text).toContain('this month 🤠 https://t.co/3pk9fYcPHb');
    expect(store.tweetById('1283543147444711424')?.text).toContain('incident ⬇️ https://t.co/7FKKksJqxV');
  });

  it('dates the page’s tweets by their snowflake ids and finds their entities at the right offsets', () => {
    const launch = store.tweetById('1293593516040269825');
    expect(launch?.fields.created_at).toBe('2020-08-12T17:01:42.000Z');
    const entities = launch?.fields.entities as { hashtags: { start: number; end: number; tag: string }[] };
    expect(entities.hashtags.map((tag) => tag.tag)).toEqual(['TwitterAPI']);
    for (const tag of entities.hashtags) {
      expect(sliceCodePoints(launch?.text ?? '', tag.start, tag.end)).toBe(`#${tag.tag}`);
    }
    const comms = store.tweetById('1283543147444711424');
    const commsEntities = comms?.fields.entities as
      | { mentions?: { username: string; id?: string }[] }
      | undefined;
    const mention = commsEntities?.mentions?.[0];
    expect(mention).toEqual(expect.objectContaining({ username: 'TwitterSupport', id: '17874544' }));
    expect(comms?.fields.referenced_tweets).toEqual([{ type: 'quoted', id: '1283182231446392832' }]);
  });
});
