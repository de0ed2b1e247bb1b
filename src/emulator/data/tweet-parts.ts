/**
 * The parts of a tweet record that do not depend on its text: engagement metrics (public, non-public,
 * organic, promoted), edit controls, geo, context annotations, reply settings and withholding.
 */
import type { ContextAnnotation } from './doc-page-tweets.ts';
import { isoTime } from './ids.ts';
import { COUNTRY_CODES } from './name-pools.ts';
import type { Rng } from './random.ts';

/** Real context annotation domains and entities, as X's annotation taxonomy names them. */
const ANNOTATIONS: readonly ContextAnnotation[] = [
  annotation('46', 'Brand Category', '781974596752842752', 'Services'),
  annotation('47', 'Brand', '10045225402', 'Twitter'),
  annotation('65', 'Interests and Hobbies Vertical', '848920371311001600', 'Technology'),
  annotation('66', 'Interests and Hobbies Category', '848921413196984320', 'Computer programming'),
  annotation('66', 'Interests and Hobbies Category', '847868745150119936', 'Home & family'),
  annotation('11', 'Sport', '711159286565900288', 'Soccer'),
  annotation('12', 'Sports Team', '1139555216932417537', 'Real Madrid CF'),
  annotation('3', 'TV Shows', '10000607734', 'The Voice'),
  annotation('131', 'Unified Twitter Taxonomy', '1070028159593627648', 'Video games'),
  annotation('131', 'Unified Twitter Taxonomy', '847900493514891265', 'Movies'),
  annotation('131', 'Unified Twitter Taxonomy', '1557697333571112960', 'Technology Business'),
  annotation('45', 'Brand Vertical', '781974597310615553', 'Entertainment'),
  annotation('29', 'Events [Entity Service]', '1582390575468552192', 'Climate Week'),
  annotation('54', 'Musician', '1138843302299148288', 'Taylor Swift'),
];

/** A context annotation without descriptions (as most of X's are returned). */
function annotation(
  domainId: string,
  domainName: string,
  entityId: string,
  entityName: string,
): ContextAnnotation {
  return { domain: { id: domainId, name: domainName }, entity: { id: entityId, name: entityName } };
}

/** One to three distinct context annotations. */
export function contextAnnotations(rng: Rng): ContextAnnotation[] {
  return rng.sample(ANNOTATIONS, rng.range(1, 3));
}

/**
 * Who may reply, as the spec's `ReplySettingsWithVerifiedUsers` enum spells it. Its `mentionedUsers` is left
 * out: the same schema's pattern (`^[A-Za-z]{1,12}$`) rejects it, so no response carrying it would validate.
 */
export function replySettings(rng: Rng): string {
  const u = rng.next();
  if (u < 0.86) return 'everyone';
  if (u < 0.93) return 'following';
  if (u < 0.96) return 'verified';
  if (u < 0.99) return 'subscribers';
  return 'other';
}

/** Edit controls: tweets from before editing existed (Sept 2022) and polls are not editable. */
export function editControls(
  createdAtMs: number,
  edited: boolean,
  hasPoll: boolean,
): Record<string, unknown> {
  return {
    edits_remaining: edited ? 4 : 5,
    is_edit_eligible: createdAtMs >= Date.UTC(2022, 8, 1) && !hasPoll,
    editable_until: isoTime(Math.floor(createdAtMs / 1000) * 1000 + 3_600_000),
  };
}

/** A tagged place, sometimes with exact coordinates (GeoJSON `[longitude, latitude]`). */
export function geo(rng: Rng): Record<string, unknown> {
  const place = { place_id: rng.chars('0123456789abcdef', 16) };
  if (!rng.chance(0.4)) return place;
  const longitude = Math.round((rng.next() * 360 - 180) * 1e6) / 1e6;
  const latitude = Math.round((rng.next() * 140 - 70) * 1e6) / 1e6;
  return { ...place, coordinates: { type: 'Point', coordinates: [longitude, latitude] } };
}

/**
 * Community Notes fields of the rare tweets readers asked a note for: the request suggestions, their source
 * links and, for media, a matched note. Offsets of a suggestion's link point into the suggestion's text.
 */
export function communityNotes(
  rng: Rng,
  tco: string,
  sourceUrl: string,
  hasMedia: boolean,
): Record<string, unknown> {
  const noteId = String(
    1_700_000_000_000_000_000n + BigInt(rng.int(2 ** 30)) * 1_000_000n + BigInt(rng.int(1_000_000)),
  );
  const out: Record<string, unknown> = {};
  if (hasMedia) out.matched_media_notes = { match_status: 'matched_and_shown', note_id: noteId };
  if (rng.chance(0.5)) {
    const prefix = 'This needs context, see ';
    const link = {
      start: prefix.length,
      end: prefix.length + 23,
      url: tco,
      expanded_url: sourceUrl,
      display_url: sourceUrl.replace(/^https?:\/\//, ''),
    };
    out.note_request_suggestions = {
      suggestion: `${prefix}${tco}`,
      suggestion_id: String(rng.range(100_000, 999_999_999)),
      source_link: link,
    };
    out.suggested_source_links = [{ ...link, start: 0, end: 23 }];
    out.suggested_source_links_with_counts = { count: rng.range(1, 40), url: { ...link, start: 0, end: 23 } };
  }
  return out;
}

/** Withholding of a tweet in a few countries. */
export function tweetWithheld(rng: Rng): Record<string, unknown> {
  return {
    copyright: rng.chance(0.3),
    country_codes: rng.sample(COUNTRY_CODES, rng.range(1, 3)).sort(),
    scope: 'tweet',
  };
}

/**
 * Engagement metrics, scaled by the author's audience. `organic` + `promoted` add up to the totals;
 * `non_public_metrics` are the totals' private side (link and profile clicks).
 */
export function metrics(rng: Rng, followers: number, hasLink: boolean): Record<string, unknown> {
  const impressions = Math.floor(followers * (0.05 + rng.next() * 2) + rng.logNormal(3, 1.5));
  const likes = Math.floor(impressions * (0.001 + rng.next() * 0.04));
  const retweets = Math.floor(likes * rng.next() * 0.3);
  const replies = Math.floor(likes * rng.next() * 0.2);
  const quotes = Math.floor(retweets * rng.next() * 0.2);
  const bookmarks = Math.floor(likes * rng.next() * 0.1);
  const linkClicks = hasLink ? Math.floor(impressions * rng.next() * 0.02) : 0;
  const profileClicks = Math.floor(impressions * rng.next() * 0.01);
  const share = rng.chance(0.05) ? 0.2 + rng.next() * 0.5 : 0;
  const promoted = {
    impression_count: Math.floor(impressions * share),
    like_count: Math.floor(likes * share),
    reply_count: Math.floor(replies * share),
    retweet_count: Math.floor(retweets * share),
    url_link_clicks: Math.floor(linkClicks * share),
    user_profile_clicks: Math.floor(profileClicks * share),
  };
  return {
    public_metrics: {
      retweet_count: retweets,
      reply_count: replies,
      like_count: likes,
      quote_count: quotes,
      bookmark_count: bookmarks,
      impression_count: impressions,
    },
    non_public_metrics: {
      impression_count: impressions,
      url_link_clicks: linkClicks,
      user_profile_clicks: profileClicks,
    },
    organic_metrics: {
      impression_count: impressions - promoted.impression_count,
      like_count: likes - promoted.like_count,
      reply_count: replies - promoted.reply_count,
      retweet_count: retweets - promoted.retweet_count,
      url_link_clicks: linkClicks - promoted.url_link_clicks,
      user_profile_clicks: profileClicks - promoted.user_profile_clicks,
    },
    promoted_metrics: promoted,
  };
}
