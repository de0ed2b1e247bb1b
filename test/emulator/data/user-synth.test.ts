import { beforeAll, describe, expect, it } from 'vitest';
import { createStore, type SeededEmulatorStore } from '../../../src/emulator/data/create-store.ts';
import { snowflakeTimeMs } from '../../../src/emulator/data/ids.ts';
import { sliceCodePoints } from '../../../src/emulator/data/text-builder.ts';
import type { EmulatedUser } from '../../../src/emulator/store.ts';
import { asApiUser, specErrors } from '../../fixtures/emulator-data-spec.ts';

interface Span {
  start: number;
  end: number;
}
interface Entities {
  url?: { urls: (Span & { url: string; expanded_url: string })[] };
  description?: {
    urls?: (Span & { url: string })[];
    hashtags?: (Span & { tag: string })[];
    cashtags?: (Span & { tag: string })[];
    mentions?: (Span & { username: string; id?: string })[];
  };
}

describe('synthesizeUser', () => {
  let store: SeededEmulatorStore;
  let sample: EmulatedUser[];
  beforeAll(() => {
    store = createStore();
    sample = [];
    for (let index = 0; index < store.userCount; index += 23) sample.push(store.userAt(index));
    for (const id of Object.values(store.notable).flat()) sample.push(store.userById(id) as EmulatedUser);
  });

  it('produces users valid against the spec’s User schema', () => {
    for (const user of sample) expect(specErrors('User', asApiUser(user)), user.id).toEqual([]);
  });

  it('uses 19-digit string ids above 2^53 for generated users, and the real short ids for the page’s', () => {
    const ids = new Set<string>();
    const bad: string[] = [];
    for (let index = 0; index < store.userCount; index++) {
      const id = store.userIdAt(index);
      const valid = index < 10 ? /^[0-9]{1,19}$/.test(id) : /^[0-9]{19}$/.test(id) && BigInt(id) > 2n ** 53n;
      if (typeof id !== 'string' || !valid) bad.push(`${index}: ${id}`);
      ids.add(id);
    }
    expect(bad).toEqual([]);
    expect([...ids].slice(0, 10)).toEqual([
      '6253282',
      '2244994945',
      '783214',
      '95731075',
      '3260518932',
      '373471064',
      '791978718',
      '17874544',
      '234489024',
      '1526228120',
    ]);
    expect(ids.size).toBe(store.userCount);
  });

  it('dates accounts like X does: ISO 8601 with .000Z, matching the snowflake id', () => {
    for (const user of sample) {
      const createdAt = user.fields.created_at as string;
      expect(createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
      if (user.id.length === 19) {
        expect(Math.floor(snowflakeTimeMs(user.id) / 1000) * 1000).toBe(Date.parse(createdAt));
      }
    }
  });

  it('places description entities at the code points where their text is, emoji and non-Latin text included', () => {
    let checked = 0;
    let nonAscii = 0;
    let astral = 0;
    for (const user of sample) {
      const description = user.fields.description as string;
      const entities = (user.fields.entities as Entities | undefined)?.description;
      if (!entities) continue;
      for (const tag of entities.hashtags ?? [])
        expect(sliceCodePoints(description, tag.start, tag.end)).toBe(`#${tag.tag}`);
      for (const tag of entities.cashtags ?? [])
        expect(sliceCodePoints(description, tag.start, tag.end)).toBe(`$${tag.tag}`);
      for (const mention of entities.mentions ?? []) {
        expect(sliceCodePoints(description, mention.start, mention.end)).toBe(`@${mention.username}`);
        if (mention.id !== undefined) expect(store.userById(mention.id)?.username).toBe(mention.username);
      }
      for (const url of entities.urls ?? [])
        expect(sliceCodePoints(description, url.start, url.end)).toBe(url.url);
      checked++;
      if (/[^ -~\n]/.test(description)) nonAscii++;
      if (/[\u{10000}-\u{10ffff}]/u.test(description)) astral++;
    }
    expect(checked).toBeGreaterThan(500);
    expect(nonAscii).toBeGreaterThan(100);
    expect(astral).toBeGreaterThan(50);
  });

  it('links the profile URL as a t.co entity covering the whole url field', () => {
    let linked = 0;
    for (const user of sample) {
      const url = user.fields.url as string;
      const entity = (user.fields.entities as Entities | undefined)?.url?.urls[0];
      if (url === '') {
        expect(entity).toBeUndefined();
        continue;
      }
      expect(url).toMatch(/^https:\/\/t\.co\/[A-Za-z0-9]{10}$/);
      expect(entity).toMatchObject({ start: 0, end: 23, url });
      expect(() => new URL(entity?.expanded_url ?? '')).not.toThrow();
      expect(new URL(entity?.expanded_url ?? '').hostname).toMatch(/^[a-z0-9.-]+$/);
      linked++;
    }
    expect(linked).toBeGreaterThan(sample.length / 5);
  });

  it('covers every verification kind and the other flags X reports', () => {
    const kinds = new Set(sample.map((user) => user.fields.verified_type));
    expect([...kinds].sort()).toEqual(['blue', 'business', 'government', 'none']);
    for (const user of sample) expect(user.fields.verified).toBe(user.fields.verified_type !== 'none');
    expect(sample.filter((user) => user.protected).length).toBeGreaterThan(sample.length / 50);
    expect(sample.filter((user) => user.fields.withheld !== undefined).length).toBeGreaterThan(1);
    expect(sample.filter((user) => user.fields.affiliation !== undefined).length).toBeGreaterThan(1);
    const tiers = new Set(sample.map((user) => user.fields.subscription_type));
    expect(tiers).toEqual(new Set(['None', 'Basic', 'Premium', 'PremiumPlus']));
    for (const user of sample) expect(user.fields.protected).toBe(user.protected);
  });

  it('pins a tweet for about 30% of users and keeps pinned_tweet_id out of fields', () => {
    const pinned = sample.filter((user) => user.pinnedTweetId !== undefined).length;
    expect(pinned / sample.length).toBeGreaterThan(0.25);
    expect(pinned / sample.length).toBeLessThan(0.35);
    for (const user of sample) expect(user.fields.pinned_tweet_id).toBeUndefined();
  });

  it('resolves most_recent_tweet_id to a tweet of the same author', () => {
    let resolved = 0;
    for (const user of sample.slice(0, 800)) {
      const id = user.fields.most_recent_tweet_id as string | undefined;
      if (id === undefined) {
        expect((user.fields.public_metrics as { tweet_count: number }).tweet_count).toBe(0);
        continue;
      }
      expect(store.tweetById(id)?.authorId).toBe(user.id);
      resolved++;
    }
    expect(resolved).toBeGreaterThan(700);
  });

  it('counts verified followers exactly', () => {
    const account = store.userById(store.notable.protectedAccount);
    const followers = store.followers(store.notable.protectedAccount);
    expect(followers.length).toBeGreaterThan(100);
    let verified = 0;
    for (let i = 0; i < followers.length; i += 1) {
      if (store.userById(followers.idAt(i))?.fields.verified === true) verified++;
    }
    expect(account?.fields.verified_followers_count).toBe(verified);
    expect(verified).toBeGreaterThan(0);
  });
});
