/**
 * The world's usernames: unique case-insensitively, valid against `^[A-Za-z0-9_]{1,15}$`, resolved in
 * O(1) both ways. Built once at start-up in index order (the documentation page's accounts first), so a
 * clash is always settled the same way for a seed. The reverse index is an open-addressing hash table over
 * ASCII-case-folded names in an `Int32Array`: no lower-cased copies, no `Map` entries per user.
 */
import { Rng } from './random.ts';
import { Salt } from './world-layout.ts';

/** Username of every dense index, and the index of every username (case-insensitively). */
export class UsernameIndex {
  // Filled by push: `new Array(n)` of 100,000 or more starts in V8's slow dictionary mode.
  private readonly names: string[] = [];
  private readonly slots: Int32Array;
  private readonly mask: number;

  /**
   * @param count how many users
   * @param candidate the preferred username of an index (fixed names for the real accounts)
   */
  constructor(seed: number, count: number, candidate: (index: number) => string) {
    let size = 1024;
    while (size < count * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let index = 0; index < count; index++) {
      const wanted = candidate(index);
      const name = this.indexOf(wanted) === undefined ? wanted : this.alternative(seed, index, wanted);
      this.names.push(name);
      this.insert(name, index);
    }
  }

  /** The username of `index`. */
  usernameAt(index: number): string {
    const name = this.names[index];
    if (name === undefined) throw new RangeError(`no user at index ${index}`);
    return name;
  }

  /** The index of a username, ignoring case; undefined when nobody has it. */
  indexOf(username: string): number | undefined {
    for (let slot = foldedHash(username) & this.mask; ; slot = (slot + 1) & this.mask) {
      const index = this.slots[slot] ?? -1;
      if (index < 0) return undefined;
      if (equalsIgnoringCase(this.names[index] ?? '', username)) return index;
    }
  }

  /** Records `name` for `index` (the name is known to be free). */
  private insert(name: string, index: number): void {
    let slot = foldedHash(name) & this.mask;
    while ((this.slots[slot] ?? -1) >= 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = index;
  }

  /** A free variant of a taken username: digits first, then a suffix built from the (unique) index. */
  private alternative(seed: number, index: number, wanted: string): string {
    const rng = Rng.for(seed, index, Salt.username + 2000);
    for (let attempt = 0; attempt < 4; attempt++) {
      const digits = String(rng.range(1, 10 ** (2 + attempt) - 1));
      const name = `${wanted.slice(0, 15 - digits.length)}${digits}`;
      if (this.indexOf(name) === undefined) return name;
    }
    const suffix = `_${index.toString(36)}`;
    for (let cut = 15 - suffix.length; cut >= 0; cut--) {
      const name = `${wanted.slice(0, cut)}${suffix}`;
      if (name.length > 0 && this.indexOf(name) === undefined) return name;
    }
    // `u` + the index in base 36 + `_` + a counter: the loop settles any remaining clash.
    for (let extra = 0; ; extra++) {
      const name = `u${index.toString(36)}_${extra.toString(36)}`.slice(0, 15);
      if (this.indexOf(name) === undefined) return name;
    }
  }
}

/** The ASCII upper-case letter's lower-case code, other codes unchanged. */
function foldCode(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/** FNV-1a over the case-folded UTF-16 code units. */
function foldedHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ foldCode(text.charCodeAt(i)), 0x01000193);
  return hash >>> 0;
}

/** Are two names equal when ASCII letters are compared without case (as X compares usernames)? */
function equalsIgnoringCase(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++)
    if (foldCode(a.charCodeAt(i)) !== foldCode(b.charCodeAt(i))) return false;
  return true;
}
