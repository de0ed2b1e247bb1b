import { describe, expect, it } from 'vitest';
import { scanEntities } from '../../../src/emulator/data/entity-scan.ts';

const resolver = {
  mentionId: (username: string) => (username === 'TwitterSupport' ? '17874544' : undefined),
  link: (tco: string) =>
    tco === 'https://t.co/7FKKksJqxV' ? { expandedUrl: 'https://twitter.com/x' } : undefined,
};

describe('scanEntities', () => {
  it('finds hashtags, mentions and links with code-point offsets after emoji', () => {
    const text = 'It’s here! 🥁 Say hello to #TwitterAPI. Follow @TwitterSupport ⬇️ https://t.co/7FKKksJqxV';
    const entities = scanEntities(text, resolver);
    const points = Array.from(text);
    const at = (start: number, end: number): string => points.slice(start, end).join('');
    expect(entities?.hashtags?.map((tag) => at(tag.start, tag.end))).toEqual(['#TwitterAPI']);
    expect(entities?.mentions).toEqual([
      expect.objectContaining({ username: 'TwitterSupport', id: '17874544' }),
    ]);
    const [url] = entities?.urls ?? [];
    expect(at(url?.start ?? 0, url?.end ?? 0)).toBe('https://t.co/7FKKksJqxV');
    expect(url?.expanded_url).toBe('https://twitter.com/x');
  });

  it('stops tags at punctuation and ignores marks inside words or without letters', () => {
    const entities = scanEntities('king @orvillepeck—our #ArtistToFollow. mail a@b.c #1 $5 $TSLA', resolver);
    expect(entities?.mentions?.map((mention) => mention.username)).toEqual(['orvillepeck']);
    expect(entities?.mentions?.[0]?.id).toBeUndefined();
    expect(entities?.hashtags?.map((tag) => tag.tag)).toEqual(['ArtistToFollow']);
    expect(entities?.cashtags?.map((tag) => tag.tag)).toEqual(['TSLA']);
  });

  it('answers undefined when a text has no entities', () => {
    expect(scanEntities('We’ve significantly limited access.', resolver)).toBeUndefined();
  });
});

describe('scanEntities with unusual text', () => {
  it('counts offsets in code points after astral emoji and flags', () => {
    const text = '🥁🇯🇵 #東京 and #café then @TwitterSupport';
    const entities = scanEntities(text, resolver);
    const points = Array.from(text);
    for (const tag of entities?.hashtags ?? []) {
      expect(points.slice(tag.start, tag.end).join('')).toBe(`#${tag.tag}`);
    }
    expect(entities?.hashtags?.map((tag) => tag.tag)).toEqual(['東京', 'café']);
    expect(entities?.hashtags?.[0]?.start).toBe(4);
    const mention = entities?.mentions?.[0];
    expect(points.slice(mention?.start, mention?.end).join('')).toBe('@TwitterSupport');
  });

  it('leaves out links it cannot resolve and marks that follow a word', () => {
    const entities = scanEntities('see https://t.co/unknown123 or mail me@TwitterSupport', resolver);
    expect(entities).toBeUndefined();
  });
});
