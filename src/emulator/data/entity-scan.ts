/**
 * Finds the entities of a fixed text (the documentation page's tweets and bios), with X's code-point
 * offsets. Generated texts use `TextBuilder` instead, which knows its entities as it writes them.
 */
import { codePointLength, displayUrl, type TextEntities } from './text-builder.ts';

/** What the scanner cannot know from the text alone: mentioned users' ids and where links lead. */
export interface EntityResolver {
  /** The id of a mentioned username, when that user exists. */
  mentionId(username: string): string | undefined;
  /** The expanded URL and extra fields of a t.co link. */
  link(tco: string): { expandedUrl: string; details?: Record<string, unknown> } | undefined;
}

// #tag and $TAG and @user must not follow a word character; links are t.co ones only.
const ENTITY_PATTERN =
  /(?<![\p{L}\p{N}_])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)|(?<![\p{L}\p{N}_])\$([A-Za-z]{1,6})(?![A-Za-z])|(?<![\p{L}\p{N}_@])@([A-Za-z0-9_]{1,15})|https:\/\/t\.co\/[A-Za-z0-9]+/gu;

/** The entities in `text`; undefined when it has none. */
export function scanEntities(text: string, resolver: EntityResolver): TextEntities | undefined {
  const out: Required<TextEntities> = { urls: [], hashtags: [], cashtags: [], mentions: [] };
  let scannedUnits = 0;
  let scannedPoints = 0;
  for (const match of text.matchAll(ENTITY_PATTERN)) {
    const index = match.index ?? 0;
    scannedPoints += codePointLength(text.slice(scannedUnits, index));
    scannedUnits = index;
    const start = scannedPoints;
    const end = start + codePointLength(match[0]);
    const [whole, hashtag, cashtag, mention] = match;
    if (hashtag !== undefined) out.hashtags.push({ start, end, tag: hashtag });
    else if (cashtag !== undefined) out.cashtags.push({ start, end, tag: cashtag });
    else if (mention !== undefined) {
      const id = resolver.mentionId(mention);
      out.mentions.push(
        id === undefined ? { start, end, username: mention } : { start, end, username: mention, id },
      );
    } else {
      const link = resolver.link(whole);
      if (link) {
        out.urls.push({
          start,
          end,
          url: whole,
          expanded_url: link.expandedUrl,
          display_url: displayUrl(link.expandedUrl),
          ...link.details,
        });
      }
    }
  }
  const kept: TextEntities = {};
  if (out.urls.length > 0) kept.urls = out.urls;
  if (out.hashtags.length > 0) kept.hashtags = out.hashtags;
  if (out.cashtags.length > 0) kept.cashtags = out.cashtags;
  if (out.mentions.length > 0) kept.mentions = out.mentions;
  return Object.keys(kept).length > 0 ? kept : undefined;
}
