/**
 * The world's usernames: unique case-insensitively, valid against `^[A-Za-z0-9_]{1,15}$`, resolved in
 * O(1) both ways. Built once at start-up in index order (the documentation page's accounts first), so a
 * clash is always settled the same way for a seed.
 */
import { Rng } from './random.ts';
import { Salt } from './world-layout.ts';

/** Username of every dense index, and the index of every (lower-cased) username. */
export class UsernameIndex {
  private readonly names: string[];
  private readonly byLowerCase = new Map<string, number>();

  /**
   * @param count how many users
   * @param candidate the preferred username of an index (fixed names for the real accounts)
   */
  constructor(seed: number, count: number, candidate: (index: number) => string) {
    this.names = new Array<string>(count);
    for (let index = 0; index < count; index++) {
      const wanted = candidate(index);
      const name = this.byLowerCase.has(wanted.toLowerCase())
        ? this.alternative(seed, index, wanted)
        : wanted;
      this.names[index] = name;
      this.byLowerCase.set(name.toLowerCase(), index);
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
    return this.byLowerCase.get(username.toLowerCase());
  }

  /** A free variant of a taken username: digits first, then a suffix built from the (unique) index. */
  private alternative(seed: number, index: number, wanted: string): string {
    const rng = Rng.for(seed, index, Salt.username + 2000);
    for (let attempt = 0; attempt < 4; attempt++) {
      const digits = String(rng.range(1, 10 ** (2 + attempt) - 1));
      const name = `${wanted.slice(0, 15 - digits.length)}${digits}`;
      if (!this.byLowerCase.has(name.toLowerCase())) return name;
    }
    const suffix = `_${index.toString(36)}`;
    for (let cut = 15 - suffix.length; cut >= 0; cut--) {
      const name = `${wanted.slice(0, cut)}${suffix}`;
      if (name.length > 0 && !this.byLowerCase.has(name.toLowerCase())) return name;
    }
    // `u` + the index in base 36 + `_` never equals another such name; the loop settles rare clashes.
    for (let extra = 0; ; extra++) {
      const name = `u${index.toString(36)}_${extra.toString(36)}`.slice(0, 15);
      if (!this.byLowerCase.has(name.toLowerCase())) return name;
    }
  }
}
