/**
 * Generated text with entities: profile descriptions (bios) and t.co links. Every entity is written through
 * `TextBuilder`, so its offsets match the text in code points whatever the script or emoji.
 */
import { ALPHANUMERIC, type Rng } from './random.ts';
import { TextBuilder, type TextEntities } from './text-builder.ts';
import { CASHTAGS, EMOJI, LANGUAGES, type LanguagePool, LINK_TARGETS } from './text-pools.ts';

/** A user the text may mention. */
export interface Mentionable {
  readonly username: string;
  readonly id: string;
}

/** A generated text and its entities (undefined when it has none). */
export interface TextWithEntities {
  readonly text: string;
  readonly entities: TextEntities | undefined;
}

/** A new t.co short link (`https://t.co/` + 10 letters or digits, 23 characters). */
export function tcoLink(rng: Rng): string {
  return `https://t.co/${rng.chars(ALPHANUMERIC, 10)}`;
}

/** A language, drawn by the languages' weights. */
export function pickLanguage(rng: Rng): LanguagePool {
  let u = rng.next();
  for (const language of LANGUAGES) {
    u -= language.weight;
    if (u < 0) return language;
  }
  return LANGUAGES[0] as LanguagePool;
}

/** Where a link of `username` leads (in a host name, without the underscores host names cannot have). */
export function linkTarget(rng: Rng, username: string): string {
  const target = rng.pick(LINK_TARGETS);
  const handle = username.toLowerCase();
  if (!target.includes('://{u}.')) return target.replace('{u}', handle);
  return target.replace('{u}', handle.replace(/_/g, '') || 'home');
}

/** Taglines of businesses, by the kind their name ends with. */
const TAGLINES: Readonly<Record<string, string>> = {
  News: 'News that matters, around the clock 📰',
  Labs: 'Research and products for curious teams 🔬',
  Studio: 'Design tools for people who make things ✏️',
  Health: 'Healthcare, closer to home 🩺',
  Energy: 'Building the future of clean energy ⚡',
  Bank: 'Banking that works for you',
  Games: 'Games for everyone 🎮',
  Media: 'Stories, podcasts and video from around the world 🎙️',
};

/** The bio of a business or government account: what it is, how to reach it, a hashtag and a link. */
export function describeOrganisation(
  rng: Rng,
  kind: 'business' | 'government',
  name: string,
): TextWithEntities {
  const out = new TextBuilder();
  if (kind === 'government') {
    out.text(
      `Official account of the ${name}. Not monitored 24/7: in an emergency, call your local number. `,
    );
    out.hashtag(rng.pick(['PublicService', 'OpenData', 'StaySafe']));
  } else {
    const compact = name.replace(/[^\p{L}\p{N}]/gu, '');
    const tagline = TAGLINES[name.split(' ').at(-1) ?? ''] ?? 'Official updates';
    out.text(`${tagline} · Official account of ${name} `).hashtag(compact);
    out.text(' · Help: ').url(tcoLink(rng), `https://${compact.toLowerCase()}.example.com/support`);
  }
  return { text: out.toString(), entities: out.entities() };
}

/** Separators people put between the parts of a bio. */
const SEPARATORS = [' | ', ' · ', '. ', ' — ', '\n', ' ✦ '];

/**
 * A profile description in `language`: a role, interests, and sometimes hashtags, an employer mention,
 * a cashtag, emoji and a link. About one user in eight leaves it empty (X then returns `""`).
 */
export function describeUser(
  rng: Rng,
  language: LanguagePool,
  username: string,
  mentionable: () => Mentionable,
): TextWithEntities {
  if (rng.chance(0.12)) return { text: '', entities: undefined };
  const out = new TextBuilder();
  const separator = rng.pick(SEPARATORS);
  out.text(rng.pick(language.roles));
  if (rng.chance(0.3)) {
    const employer = mentionable();
    out.text(separator).text(`${language.worksAt} `).mention(employer.username, employer.id);
  }
  for (const interest of rng.sample(language.interests, rng.range(0, 2))) out.text(separator).text(interest);
  if (rng.chance(0.35)) {
    out.text(separator);
    rng.sample(language.hashtags, rng.range(1, 3)).forEach((tag, position) => {
      if (position > 0) out.text(' ');
      out.hashtag(tag);
    });
  }
  if (rng.chance(0.05)) out.text(' ').cashtag(rng.pick(CASHTAGS)).text(' ').cashtag(rng.pick(CASHTAGS));
  if (rng.chance(0.3)) out.text(' ').text(rng.pick(EMOJI));
  if (rng.chance(0.12)) out.text(separator).url(tcoLink(rng), linkTarget(rng, username));
  return { text: out.toString(), entities: out.entities() };
}
