/**
 * Display names and username candidates of generated users, derived from `(seed, index)` alone so that the
 * username index (built for every user at start-up, so kept cheap: no display strings, precomputed ASCII
 * forms) and the user records (built on demand) agree.
 */
import {
  GOVERNMENT_BODIES,
  LATIN_FIRST_NAMES,
  LATIN_LAST_NAMES,
  NAME_EMOJI,
  NON_LATIN_NAMES,
  ORG_KINDS,
  ORG_WORDS,
} from './name-pools.ts';
import { Rng } from './random.ts';
import { Salt, type VerifiedType } from './world-layout.ts';

/** Places that name government bodies. */
const PLACES = ['Springfield', 'Riverton', 'Lakeside', 'Northbridge', 'Fairview', 'Eastport'];

/** Words people add to their handles. */
const HANDLE_WORDS = ['HQ', 'Official', 'Real', 'Dev', 'Art', 'Writes', 'Codes', 'Reads', 'Runs', 'Eats'];

/** Which pool entries a user's name is made of (cheap to pick; strings are built only when needed). */
interface NameChoice {
  readonly kind: 'business' | 'government' | 'nonLatin' | 'latin';
  readonly first: number;
  readonly second: number;
  /** Display style of Latin names, in [0, 1). */
  readonly style: number;
  readonly emoji: number;
}

/** The entry of a pool at a position drawn within its bounds. */
function at(pool: readonly string[], position: number): string {
  return pool[position] ?? '';
}

/** Picks the parts of user `index`'s name; the generator is left positioned for the username draws. */
function chooseName(rng: Rng, kind: VerifiedType): NameChoice {
  if (kind === 'business') {
    return { kind, first: rng.int(ORG_WORDS.length), second: rng.int(ORG_KINDS.length), style: 0, emoji: 0 };
  }
  if (kind === 'government') {
    return {
      kind,
      first: rng.int(PLACES.length),
      second: rng.int(GOVERNMENT_BODIES.length),
      style: 0,
      emoji: 0,
    };
  }
  if (rng.next() < 0.12)
    return { kind: 'nonLatin', first: rng.int(NON_LATIN_NAMES.length), second: 0, style: 0, emoji: 0 };
  const first = rng.int(LATIN_FIRST_NAMES.length);
  const second = rng.int(LATIN_LAST_NAMES.length);
  return { kind: 'latin', first, second, style: rng.next(), emoji: rng.int(NAME_EMOJI.length) };
}

/** The language a generated user's name suggests (`ja` for 田中 花子), if the world writes in it. */
export function nameLanguage(seed: number, index: number, kind: VerifiedType): string | undefined {
  const choice = chooseName(Rng.for(seed, index, Salt.username), kind);
  if (choice.kind !== 'nonLatin') return undefined;
  return NON_LATIN_NAMES[choice.first]?.[2] || undefined;
}

/** The display name of generated user `index`; organisations for business and government accounts. */
export function generateDisplayName(seed: number, index: number, kind: VerifiedType): string {
  const choice = chooseName(Rng.for(seed, index, Salt.username), kind);
  switch (choice.kind) {
    case 'business':
      return `${at(ORG_WORDS, choice.first)} ${at(ORG_KINDS, choice.second)}`;
    case 'government':
      return `${at(PLACES, choice.first)} ${at(GOVERNMENT_BODIES, choice.second)}`;
    case 'nonLatin':
      return NON_LATIN_NAMES[choice.first]?.[0] ?? '';
    default: {
      const first = at(LATIN_FIRST_NAMES, choice.first);
      const last = at(LATIN_LAST_NAMES, choice.second);
      if (choice.style < 0.08) return `${first} ${last} ${at(NAME_EMOJI, choice.emoji)}`;
      if (choice.style < 0.12) return first.toLowerCase();
      if (choice.style < 0.15) return `${first} ${last[0] ?? ''}.`;
      if (choice.style < 0.17) return `Dr. ${first} ${last}`;
      return `${first} ${last}`;
    }
  }
}

/** The ASCII letters and digits of a name, accents stripped (`Ó Briain` -> `O Briain`), without spaces. */
export function asciiWord(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .replace(/ø/g, 'o')
    .replace(/Ø/g, 'O')
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .replace(/[^A-Za-z0-9]+/g, '');
}

const FIRST_ASCII = LATIN_FIRST_NAMES.map(asciiWord);
const LAST_ASCII = LATIN_LAST_NAMES.map(asciiWord);
const ORG_ASCII = ORG_WORDS.map(asciiWord);
const ORG_KIND_ASCII = ORG_KINDS.map(asciiWord);
const BODY_ASCII = GOVERNMENT_BODIES.map((body) => asciiWord(body.split(' ').slice(-1).join('')));

/** The preferred username of generated user `index`: one of the styles people use, at most 15 chars. */
export function usernameCandidate(seed: number, index: number, kind: VerifiedType): string {
  const rng = Rng.for(seed, index, Salt.username);
  const choice = chooseName(rng, kind);
  let first = FIRST_ASCII[choice.first] ?? '';
  let second = LAST_ASCII[choice.second] ?? '';
  if (choice.kind === 'business') {
    first = ORG_ASCII[choice.first] ?? '';
    second = ORG_KIND_ASCII[choice.second] ?? '';
  } else if (choice.kind === 'government') {
    first = PLACES[choice.first] ?? '';
    second = BODY_ASCII[choice.second] ?? '';
  } else if (choice.kind === 'nonLatin') {
    first = NON_LATIN_NAMES[choice.first]?.[1] ?? 'user';
    second = '';
  }
  const lower = first.toLowerCase();
  const lowerSecond = second.toLowerCase();
  let handle: string;
  switch (rng.int(10)) {
    case 0:
      handle = `${first}${second}${rng.chance(0.5) ? String(rng.range(1, 9999)) : ''}`;
      break;
    case 1:
      handle = `${lower}_${lowerSecond}${rng.chance(0.6) ? String(rng.range(1, 9999)) : ''}`;
      break;
    case 2:
      handle = `${lower}${String(rng.range(1, 9999))}`;
      break;
    case 3:
      handle = `${first[0] ?? 'x'}${second || first}${rng.range(10, 999)}`;
      break;
    case 4:
      handle = `the${second || first}_${rng.range(1, 999)}`;
      break;
    case 5:
      handle = `${lowerSecond || lower}${lower.slice(0, 1)}_${rng.chance(0.7) ? String(rng.range(1, 9999)) : ''}`;
      break;
    case 6:
      handle = `${first}_${rng.range(1960, 2008)}`;
      break;
    case 7:
      handle = `${lower}${rng.chance(0.5) ? '' : '__'}${second}${rng.range(0, 99)}`;
      break;
    case 8:
      handle = `${lower}_${rng.pick(HANDLE_WORDS).toLowerCase()}${rng.chance(0.5) ? String(rng.range(1, 9999)) : ''}`;
      break;
    default:
      handle = `${first}${second}${rng.pick(HANDLE_WORDS)}`;
  }
  // Every part above is ASCII letters and digits already: only the length needs cutting.
  return handle.slice(0, 15);
}
