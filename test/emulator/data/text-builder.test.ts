import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  codePointLength,
  displayUrl,
  sliceCodePoints,
  TextBuilder,
} from '../../../src/emulator/data/text-builder.ts';

describe('TextBuilder', () => {
  it('counts offsets in code points across emoji, flags, ZWJ sequences, CJK and RTL text', () => {
    const out = new TextBuilder()
      .text('🥁 東京 ')
      .hashtag('日本')
      .text(' 🇯🇵 👩🏽‍🔬 ')
      .mention('TwitterDev', '2244994945')
      .text(' مرحبا ')
      .cashtag('TSLA')
      .text(' ')
      .url('https://t.co/abcdefghij', 'https://example.com/a/very/long/path/that/gets/cut');
    const text = out.toString();
    const entities = out.entities();
    expect(entities?.hashtags).toEqual([{ start: 5, end: 8, tag: '日本' }]);
    for (const tag of entities?.hashtags ?? [])
      expect(sliceCodePoints(text, tag.start, tag.end)).toBe(`#${tag.tag}`);
    for (const tag of entities?.cashtags ?? [])
      expect(sliceCodePoints(text, tag.start, tag.end)).toBe(`$${tag.tag}`);
    for (const mention of entities?.mentions ?? []) {
      expect(sliceCodePoints(text, mention.start, mention.end)).toBe(`@${mention.username}`);
      expect(mention.id).toBe('2244994945');
    }
    const [url] = entities?.urls ?? [];
    expect(sliceCodePoints(text, url?.start ?? 0, url?.end ?? 0)).toBe('https://t.co/abcdefghij');
    expect(url?.end).toBe(codePointLength(text));
    expect(out.codePoints).toBe(codePointLength(text));
  });

  it('keeps every entity at its text for any mix of Unicode text and entities', () => {
    const piece = fc.oneof(
      fc.record({ kind: fc.constant('text' as const), value: fc.string({ unit: 'binary', maxLength: 12 }) }),
      fc.record({
        kind: fc.constant('hashtag' as const),
        value: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
      }),
      fc.record({ kind: fc.constant('mention' as const), value: fc.stringMatching(/^[A-Za-z0-9_]{1,15}$/) }),
      fc.record({ kind: fc.constant('url' as const), value: fc.stringMatching(/^[A-Za-z0-9]{10}$/) }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const out = new TextBuilder();
        for (const { kind, value } of pieces) {
          if (kind === 'text') out.text(value);
          else if (kind === 'hashtag') out.hashtag(value);
          else if (kind === 'mention') out.mention(value);
          else out.url(`https://t.co/${value}`, `https://example.com/${value}`);
        }
        const text = out.toString();
        const entities = out.entities();
        for (const tag of entities?.hashtags ?? [])
          expect(sliceCodePoints(text, tag.start, tag.end)).toBe(`#${tag.tag}`);
        for (const m of entities?.mentions ?? [])
          expect(sliceCodePoints(text, m.start, m.end)).toBe(`@${m.username}`);
        for (const url of entities?.urls ?? [])
          expect(sliceCodePoints(text, url.start, url.end)).toBe(url.url);
        expect(out.codePoints).toBe(Array.from(text).length);
      }),
    );
  });

  it('reports no entities for plain text', () => {
    const out = new TextBuilder().text('just words ✨');
    expect(out.entities()).toBeUndefined();
    expect(out.toString()).toBe('just words ✨');
  });

  it('counts code points, not UTF-16 units', () => {
    expect(codePointLength('🥁')).toBe(1);
    expect(codePointLength('⬇️')).toBe(2);
    expect(codePointLength('🇯🇵')).toBe(2);
    expect(codePointLength('abc')).toBe(3);
    expect(sliceCodePoints('a🥁b', 1, 2)).toBe('🥁');
  });

  it('displays links without scheme or www, cut with an ellipsis', () => {
    expect(displayUrl('https://www.example.com/x')).toBe('example.com/x');
    expect(displayUrl('https://developer.twitter.com/en/community')).toBe('developer.twitter.com/en/…');
  });
});
