/**
 * Synthesises a user record from `(seed, index)` and the graph: every user field X knows, with X's names and
 * JSON shapes (see the `User` schema of spec/openapi-2.166.json). `pinned_tweet_id` is not in `fields`:
 * it travels as `pinnedTweetId`, because the HTTP layer reports deleted pinned tweets itself.
 */
import type { EmulatedUser } from '../store.ts';
import { DOC_ACCOUNTS, TWITTER_INDEX } from './doc-page-accounts.ts';
import { scanEntities } from './entity-scan.ts';
import { snowflakeId, wholeSecondIso } from './ids.ts';
import { COUNTRY_CODES, LOCATIONS } from './name-pools.ts';
import { nameLanguage } from './person-names.ts';
import { ALPHANUMERIC, Rng } from './random.ts';
import { displayUrl } from './text-builder.ts';
import { LANGUAGES, type LanguagePool } from './text-pools.ts';
import {
  describeOrganisation,
  describeUser,
  linkTarget,
  pickLanguage,
  type TextWithEntities,
  tcoLink,
} from './text-synth.ts';
import type { World } from './world.ts';
import { Salt } from './world-layout.ts';

/** The user at dense index `index`, with every field populated. */
export function synthesizeUser(world: World, index: number): EmulatedUser {
  const { layout, ids, graph } = world;
  const rng = Rng.for(world.seed, index, Salt.profile);
  const doc = DOC_ACCOUNTS[index];
  const id = ids.userId(index);
  const username = world.usernames.usernameAt(index);
  const verifiedType = layout.verifiedType(index);
  const followers = graph.followerCount(index);
  const description = doc
    ? fixedText(world, doc.description)
    : verifiedType === 'business' || verifiedType === 'government'
      ? describeOrganisation(rng, verifiedType, world.displayName(index))
      : describeUser(rng, userLanguage(world, index), username, () => world.randomMentionable(rng));
  const website = doc ? doc.website : rng.chance(0.35) ? linkTarget(rng, username) : undefined;
  const tweetCount = userTweetCount(world, index);

  const fields: Record<string, unknown> = definedOnly({
    created_at: wholeSecondIso(ids.userCreatedAtMs(index)),
    description: description.text,
    location: doc ? doc.location : locationOf(rng, userLanguage(world, index)),
    url: '',
    profile_image_url: profileImageUrl(world, index),
    profile_banner_url: rng.chance(0.6) ? profileBannerUrl(world, index, rng) : undefined,
    protected: layout.isProtected(index),
    public_metrics: {
      followers_count: followers,
      following_count: graph.followingCount(index),
      tweet_count: tweetCount,
      listed_count: Math.floor(followers * (0.002 + rng.next() * 0.02)) + (rng.chance(0.3) ? rng.int(5) : 0),
      like_count: Math.floor(rng.logNormal(6, 2)),
      media_count: Math.floor(tweetCount * rng.next() * 0.3),
    },
    verified: verifiedType !== 'none',
    verified_type: verifiedType,
    verified_followers_count: countVerified(world, graph.followers(index)),
    is_identity_verified: verifiedType === 'blue' && rng.chance(0.4),
    subscription_type: subscriptionType(rng, verifiedType),
    receives_your_dm: rng.chance(0.4),
    parody: !doc && rng.chance(0.005),
  });
  const entities: Record<string, unknown> = {};
  if (website !== undefined) {
    const tco = tcoLink(rng);
    fields.url = tco;
    entities.url = {
      urls: [{ start: 0, end: 23, url: tco, expanded_url: website, display_url: displayUrl(website) }],
    };
  }
  if (description.entities) entities.description = description.entities;
  if (Object.keys(entities).length > 0) fields.entities = entities;
  if (tweetCount > 0) fields.most_recent_tweet_id = ids.recentTweetId(index);
  if (layout.isWithheld(index)) {
    fields.withheld = { country_codes: rng.sample(COUNTRY_CODES, rng.range(1, 3)).sort(), scope: 'user' };
  }
  const affiliation = affiliationOf(world, index, rng);
  if (affiliation) fields.affiliation = affiliation;

  const user: EmulatedUser = {
    id,
    name: world.displayName(index),
    username,
    fields,
    suspended: layout.isSuspended(index),
    protected: layout.isProtected(index),
  };
  return layout.hasPinned(index) ? { ...user, pinnedTweetId: ids.pinnedTweetId(index) } : user;
}

/**
 * The entries of `record` whose value is defined, as a new object. (Deleting keys instead would turn the
 * object into a slow, several times larger dictionary-mode object.)
 */
export function definedOnly(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in record) if (record[key] !== undefined) out[key] = record[key];
  return out;
}

/** A fixed text's entities, mentions resolved against the world. */
function fixedText(world: World, text: string): TextWithEntities {
  const entities = scanEntities(text, {
    mentionId: (username) => {
      const index = world.usernames.indexOf(username);
      return index === undefined ? undefined : world.ids.userId(index);
    },
    link: () => undefined,
  });
  return { text, entities };
}

/** Where a user says they live: often a place of their language, sometimes anywhere, sometimes nowhere. */
function locationOf(rng: Rng, language: LanguagePool): string | undefined {
  const u = rng.next();
  if (u < 0.45) return rng.pick(language.places);
  return u < 0.72 ? rng.pick(LOCATIONS) : undefined;
}

/** How many tweets user `index` posted: more for bigger accounts; a few (the loner too) post nothing. */
export function userTweetCount(world: World, index: number): number {
  const rng = Rng.for(world.seed, index, Salt.profile + 600);
  if (index === world.layout.loner || (index >= DOC_ACCOUNTS.length && rng.chance(0.04))) return 0;
  return 1 + Math.floor(rng.logNormal(5.2, 1.7) * (1 + Math.log10(1 + world.graph.followerCount(index))));
}

/** The language user `index` writes in (English for the documentation page's accounts). */
export function userLanguage(world: World, index: number): LanguagePool {
  if (index < DOC_ACCOUNTS.length) return LANGUAGES[0] as LanguagePool;
  const rng = Rng.for(world.seed, index, Salt.profile + 700);
  const suggested = nameLanguage(world.seed, index, world.layout.verifiedType(index));
  // Most people whose name is in a script the world writes in write in that language.
  const native =
    suggested === undefined ? undefined : LANGUAGES.find((language) => language.lang === suggested);
  return native && rng.next() < 0.8 ? native : pickLanguage(rng);
}

/** The user's avatar (a few keep X's default egg). */
export function profileImageUrl(world: World, index: number): string {
  const rng = Rng.for(world.seed, index, Salt.profile + 500);
  if (index >= DOC_ACCOUNTS.length && rng.chance(0.03)) {
    return 'https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png';
  }
  const uploadedMs = world.ids.userCreatedAtMs(index) + rng.int(400) * 86_400_000;
  const imageId = snowflakeId(Math.max(uploadedMs, Date.UTC(2012, 0, 1)), rng.int(4_194_304));
  return `https://pbs.twimg.com/profile_images/${imageId}/${rng.chars(ALPHANUMERIC, 8)}_normal.jpg`;
}

/** The user's banner: `profile_banners/<user id>/<upload time in Unix seconds>`. */
function profileBannerUrl(world: World, index: number, rng: Rng): string {
  const uploadedSeconds = Math.floor(world.ids.userCreatedAtMs(index) / 1000) + rng.int(3 * 365 * 86_400);
  return `https://pbs.twimg.com/profile_banners/${world.ids.userId(index)}/${uploadedSeconds}`;
}

/** How many of these followers are verified. */
function countVerified(world: World, followers: Uint32Array): number {
  let count = 0;
  for (const follower of followers) if (world.layout.verifiedType(follower) !== 'none') count++;
  return count;
}

/** X Premium tier: only blue-verified users subscribe. */
function subscriptionType(rng: Rng, verifiedType: string): string {
  if (verifiedType !== 'blue') return 'None';
  return rng.pick(['Basic', 'Premium', 'Premium', 'PremiumPlus']);
}

/** The organisation badge of affiliated users: X's own accounts wear Twitter's, some others the business's. */
function affiliationOf(world: World, index: number, rng: Rng): Record<string, unknown> | undefined {
  const doc = DOC_ACCOUNTS[index];
  const verifiedType = world.layout.verifiedType(index);
  let org: number | undefined;
  if (doc) org = index === TWITTER_INDEX ? undefined : TWITTER_INDEX;
  else if (index === world.affiliationOrg) org = undefined;
  else if (
    (verifiedType === 'business' && rng.chance(0.25)) ||
    (verifiedType === 'blue' && rng.chance(0.03))
  ) {
    org = world.affiliationOrg;
  }
  if (org === undefined) return undefined;
  return {
    badge_url: profileImageUrl(world, org).replace('_normal.', '_bigger.'),
    description: world.displayName(org),
    url: `https://twitter.com/${world.usernames.usernameAt(org)}`,
    user_id: [world.ids.userId(org)],
  };
}
