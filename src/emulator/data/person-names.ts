/**
 * Display names and username candidates of generated users, derived from `(seed, index)` alone so that the
 * username index (built at start-up) and the user records (built on demand) agree.
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

/** A generated user's display name and the ASCII words its username is made from. */
export interface GeneratedName {
  readonly display: string;
  /** ASCII words (letters and digits) in display order, e.g. `['Jose', 'Garcia']`. */
  readonly words: readonly string[];
}

/** The display name of generated user `index`; organisations for business and government accounts. */
export function generateName(seed: number, index: number, kind: VerifiedType): GeneratedName {
  const rng = Rng.for(seed, index, Salt.username);
  if (kind === 'business') {
    const brand = rng.pick(ORG_WORDS);
    const orgKind = rng.pick(ORG_KINDS);
    return { display: `${brand} ${orgKind}`, words: [brand, orgKind] };
  }
  if (kind === 'government') {
    const body = rng.pick(GOVERNMENT_BODIES);
    const place = rng.pick(['Springfield', 'Riverton', 'Lakeside', 'Northbridge', 'Fairview', 'Eastport']);
    return { display: `${place} ${body}`, words: [place, ...asciiWords(body).slice(0, 2)] };
  }
  if (rng.chance(0.12)) {
    const [display, ascii] = rng.pick(NON_LATIN_NAMES);
    return { display, words: [ascii] };
  }
  const first = rng.pick(LATIN_FIRST_NAMES);
  const last = rng.pick(LATIN_LAST_NAMES);
  const style = rng.next();
  let display = `${first} ${last}`;
  if (style < 0.08) display = `${first} ${last} ${rng.pick(NAME_EMOJI)}`;
  else if (style < 0.12) display = first.toLowerCase();
  else if (style < 0.15) display = `${first} ${last[0] ?? ''}.`;
  else if (style < 0.17) display = `Dr. ${first} ${last}`;
  return { display, words: [...asciiWords(first), ...asciiWords(last)] };
}

const asciiCache = new Map<string, readonly string[]>();

/** The ASCII letters and digits of a name, accents stripped (`Ó Briain` -> `['O', 'Briain']`); memoised. */
export function asciiWords(text: string): readonly string[] {
  let cached = asciiCache.get(text);
  if (cached === undefined) {
    cached = computeAsciiWords(text);
    if (asciiCache.size < 10_000) asciiCache.set(text, cached);
  }
  return cached;
}

/** Strips accents and splits on everything but ASCII letters and digits. */
function computeAsciiWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .replace(/ø/g, 'o')
    .replace(/Ø/g, 'O')
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** The first choice of username for a generated name: one of the styles people use, at most 15 chars. */
export function usernameCandidate(seed: number, index: number, name: GeneratedName): string {
  const rng = Rng.for(seed, index, Salt.username + 1000);
  const [first = 'user', second = ''] = name.words;
  const lowerFirst = first.toLowerCase();
  const style = rng.int(9);
  let handle: string;
  switch (style) {
    case 0:
      handle = `${first}${second}`;
      break;
    case 1:
      handle = `${lowerFirst}_${second.toLowerCase()}`;
      break;
    case 2:
      handle = `${lowerFirst}${rng.range(1, 9999)}`;
      break;
    case 3:
      handle = `${first[0] ?? 'x'}${second || first}${rng.range(10, 99)}`;
      break;
    case 4:
      handle = `the${second || first}`;
      break;
    case 5:
      handle = `${second.toLowerCase() || lowerFirst}${lowerFirst.slice(0, 1)}_`;
      break;
    case 6:
      handle = `${first}_${rng.range(1980, 2008)}`;
      break;
    case 7:
      handle = `${lowerFirst}.${second}`.replace('.', rng.chance(0.5) ? '' : '__');
      break;
    default:
      handle = `${first}${second}${rng.pick(['HQ', 'Official', 'Real', 'Dev', 'Art', 'Writes'])}`;
  }
  return sanitizeUsername(handle);
}

/** Cuts a handle to X's username alphabet and length (`^[A-Za-z0-9_]{1,15}$`). */
export function sanitizeUsername(handle: string): string {
  const clean = handle.replace(/[^A-Za-z0-9_]/g, '').slice(0, 15);
  return clean.length > 0 ? clean : 'user';
}
