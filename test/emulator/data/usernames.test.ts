import { beforeAll, describe, expect, it } from 'vitest';
import { DOC_ACCOUNTS } from '../../../src/emulator/data/doc-page-accounts.ts';
import { UsernameIndex } from '../../../src/emulator/data/usernames.ts';
import { World } from '../../../src/emulator/data/world.ts';

describe('UsernameIndex', () => {
  let world: World;
  beforeAll(() => {
    world = new World(42, 100_000);
  });

  it('gives every user a username valid against X’s pattern, unique case-insensitively', () => {
    const seen = new Set<string>();
    const invalid: string[] = [];
    for (let index = 0; index < world.userCount; index++) {
      const name = world.usernames.usernameAt(index);
      if (!/^[A-Za-z0-9_]{1,15}$/.test(name)) invalid.push(name);
      seen.add(name.toLowerCase());
    }
    expect(invalid).toEqual([]);
    expect(seen.size).toBe(world.userCount);
  });

  it('finds every user by username whatever the case', () => {
    for (let index = 0; index < world.userCount; index += 13) {
      const name = world.usernames.usernameAt(index);
      expect(world.usernames.indexOf(name)).toBe(index);
      expect(world.usernames.indexOf(name.toUpperCase())).toBe(index);
      expect(world.usernames.indexOf(name.toLowerCase())).toBe(index);
    }
  });

  it('keeps the documentation page’s usernames for its accounts', () => {
    for (const [index, account] of DOC_ACCOUNTS.entries()) {
      expect(world.usernames.usernameAt(index)).toBe(account.username);
      expect(world.usernames.indexOf(account.username.toLowerCase())).toBe(index);
    }
  });

  it('settles clashes deterministically, first come first served', () => {
    const wanted = ['Olivia', 'olivia', 'OLIVIA', 'olivia_smith_x_', 'Olivia'];
    const first = new UsernameIndex(1, wanted.length, (index) => wanted[index] ?? '');
    const again = new UsernameIndex(1, wanted.length, (index) => wanted[index] ?? '');
    const names = wanted.map((_, index) => first.usernameAt(index));
    expect(names[0]).toBe('Olivia');
    expect(names[3]).toBe('olivia_smith_x_');
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(wanted.length);
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9_]{1,15}$/);
    expect(wanted.map((_, index) => again.usernameAt(index))).toEqual(names);
  });

  it('answers undefined for names nobody has, and rejects indices outside the world', () => {
    expect(world.usernames.indexOf('nobody_has_this')).toBeUndefined();
    expect(world.usernames.indexOf('')).toBeUndefined();
    expect(world.usernames.indexOf('x'.repeat(40))).toBeUndefined();
    expect(() => world.usernames.usernameAt(world.userCount)).toThrow(RangeError);
  });
});
