/**
 * Builds a text piece by piece and records the entities (hashtags, cashtags, mentions, URLs) it contains,
 * with X's offsets: zero-based Unicode code points, `start` inclusive, `end` exclusive. Counting while
 * building keeps offsets right for emoji, CJK and right-to-left text without re-scanning.
 */

/** A URL entity as X reports it (in descriptions, profile URLs and tweets). */
export interface UrlEntity {
  start: number;
  end: number;
  url: string;
  expanded_url: string;
  display_url: string;
  [detail: string]: unknown;
}

/** A hashtag or cashtag entity (`tag` without its `#`/`$`). */
export interface TagEntity {
  start: number;
  end: number;
  tag: string;
}

/** A mention entity (`username` without its `@`). */
export interface MentionEntity {
  start: number;
  end: number;
  username: string;
  id?: string;
}

/** X's `FullTextEntities`: only the kinds present appear, each array non-empty. */
export interface TextEntities {
  urls?: UrlEntity[];
  hashtags?: TagEntity[];
  cashtags?: TagEntity[];
  mentions?: MentionEntity[];
}

/** The number of Unicode code points in `text` (what X's entity offsets count). */
export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0xd800 || unit > 0xdbff) count++;
    else {
      count++;
      i++;
    }
  }
  return count;
}

/** The code points `start..end` (end exclusive) of `text`, the inverse of an entity's offsets. */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

/** Accumulates text and its entities. */
export class TextBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  private readonly urls: UrlEntity[] = [];
  private readonly hashtags: TagEntity[] = [];
  private readonly cashtags: TagEntity[] = [];
  private readonly mentions: MentionEntity[] = [];

  /** The code points written so far. */
  get codePoints(): number {
    return this.length;
  }

  /** Appends plain text (no entities in it). */
  text(value: string): this {
    this.parts.push(value);
    this.length += codePointLength(value);
    return this;
  }

  /** Appends `#tag`. */
  hashtag(tag: string): this {
    const start = this.length;
    this.text(`#${tag}`);
    this.hashtags.push({ start, end: this.length, tag });
    return this;
  }

  /** Appends `$TAG`. */
  cashtag(tag: string): this {
    const start = this.length;
    this.text(`$${tag}`);
    this.cashtags.push({ start, end: this.length, tag });
    return this;
  }

  /** Appends `@username`, with the mentioned user's id when known. */
  mention(username: string, id?: string): this {
    const start = this.length;
    this.text(`@${username}`);
    this.mentions.push(
      id === undefined ? { start, end: this.length, username } : { start, end: this.length, username, id },
    );
    return this;
  }

  /** Appends a t.co link; `details` are the extra fields X reports for it (title, status, ...). */
  url(tco: string, expandedUrl: string, details: Record<string, unknown> = {}): this {
    const start = this.length;
    this.text(tco);
    this.urls.push({
      start,
      end: this.length,
      url: tco,
      expanded_url: expandedUrl,
      display_url: displayUrl(expandedUrl),
      ...details,
    });
    return this;
  }

  /** The text so far. */
  toString(): string {
    return this.parts.join('');
  }

  /** The entities so far, or undefined when there are none. */
  entities(): TextEntities | undefined {
    const out: TextEntities = {};
    if (this.urls.length > 0) out.urls = this.urls.slice();
    if (this.hashtags.length > 0) out.hashtags = this.hashtags.slice();
    if (this.cashtags.length > 0) out.cashtags = this.cashtags.slice();
    if (this.mentions.length > 0) out.mentions = this.mentions.slice();
    return Object.keys(out).length > 0 ? out : undefined;
  }
}

/** How X displays a link: no scheme, no `www.`, cut to 26 characters with an ellipsis. */
export function displayUrl(expandedUrl: string): string {
  const bare = expandedUrl.replace(/^https?:\/\//, '').replace(/^www\./, '');
  return bare.length > 26 ? `${bare.slice(0, 25)}…` : bare;
}
