import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leftOutRule, visibleIds } from '../../src/emulator/http/left-out.ts';
import { type EmulatorHandle, startEmulator } from '../../src/emulator/start-emulator.ts';
import { startFakeEmulator, xGet } from '../fixtures/emulator-client.ts';
import { createFakeStore, FAKE_INDEX, fakeUserId } from '../fixtures/emulator-fake-store.ts';

const twitterDev = fakeUserId(FAKE_INDEX.twitterDev);
const path = `/2/users/${twitterDev}/followers`;

/** Every id of a list, left-out accounts included. */
function fullList(emulator: EmulatorHandle, userId: string): string[] {
  const list = emulator.store.followers(userId);
  return Array.from({ length: list.length }, (_, i) => list.idAt(i));
}

describe('leftOutRule', () => {
  it('leaves out about the share asked, the same positions on every call', () => {
    const rule = leftOutRule(42, 'followers', '12', 0.25);
    const again = leftOutRule(42, 'followers', '12', 0.25);
    const positions = Array.from({ length: 10_000 }, (_, i) => i);
    const out = positions.filter(rule);
    expect(out.length / positions.length).toBeGreaterThan(0.22);
    expect(out.length / positions.length).toBeLessThan(0.28);
    expect(positions.filter(again)).toEqual(out);
  });

  it('depends on the seed, the list kind and the user', () => {
    const positions = Array.from({ length: 200 }, (_, i) => i);
    const base = positions.filter(leftOutRule(42, 'followers', '12', 0.5));
    expect(positions.filter(leftOutRule(43, 'followers', '12', 0.5))).not.toEqual(base);
    expect(positions.filter(leftOutRule(42, 'following', '12', 0.5))).not.toEqual(base);
    expect(positions.filter(leftOutRule(42, 'followers', '13', 0.5))).not.toEqual(base);
  });

  it('keeps every account with a share of 0, and a share of accounts kept grows with a smaller share', () => {
    fc.assert(
      fc.property(fc.nat(100_000), (position) => {
        expect(leftOutRule(1, 'followers', '5', 0)(position)).toBe(false);
        if (leftOutRule(1, 'followers', '5', 0.2)(position)) {
          expect(leftOutRule(1, 'followers', '5', 0.6)(position)).toBe(true);
        }
      }),
    );
  });
});

describe('short pages over HTTP', () => {
  let emulator: EmulatorHandle;
  beforeAll(async () => {
    emulator = await startFakeEmulator({ shortPages: 0.5 });
  });
  afterAll(() => emulator.close());

  it('shows the list without its left-out accounts, whatever the page sizes, both ways', async () => {
    const visible = emulator.visibleList('followers', twitterDev);
    const full = fullList(emulator, twitterDev);
    expect(emulator.listSize('followers', twitterDev)).toBe(full.length);
    expect(visible.length).toBeGreaterThan(full.length * 0.4);
    expect(visible.length).toBeLessThan(full.length * 0.6);
    expect(visible).toEqual(full.filter((id) => visible.includes(id)));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 5 }),
        async (sizes) => {
          const forward: string[][] = [];
          let step = 0;
          let token: string | undefined;
          let meta: { next_token?: string; previous_token?: string; result_count: number };
          do {
            const size = sizes[step++ % sizes.length] ?? 1;
            const answer = await xGet(
              emulator,
              `${path}?max_results=${size}${token ? `&pagination_token=${token}` : ''}`,
            );
            const page = (answer.body.data ?? []).map((u: { id: string }) => u.id);
            meta = answer.body.meta;
            expect(meta.result_count).toBe(page.length);
            expect(page.length).toBeLessThanOrEqual(size);
            forward.push(page);
            token = meta.next_token;
          } while (token);
          expect(forward.flat()).toEqual(visible);
          const backward: string[][] = [];
          token = meta.previous_token;
          while (token) {
            const answer = await xGet(
              emulator,
              `${path}?max_results=${sizes[step++ % sizes.length]}&pagination_token=${token}`,
            );
            backward.unshift((answer.body.data ?? []).map((u: { id: string }) => u.id));
            token = answer.body.meta.previous_token;
          }
          expect([...backward.flat(), ...(forward.at(-1) ?? [])]).toEqual(visible);
        },
      ),
      { numRuns: 8 },
    );
  });

  it('answers a page of only left-out accounts with no data, a result_count of 0 and both tokens', async () => {
    const visible = new Set(emulator.visibleList('followers', twitterDev));
    const full = fullList(emulator, twitterDev);
    const at = full.findIndex((id, index) => index > 0 && !visible.has(id));
    expect(at).toBeGreaterThan(0);
    const before = await xGet(emulator, `${path}?max_results=${at}`);
    const empty = await xGet(
      emulator,
      `${path}?max_results=1&pagination_token=${before.body.meta.next_token}`,
    );
    expect(empty.status).toBe(200);
    expect(Object.keys(empty.body)).toEqual(['meta']);
    expect(empty.body.meta.result_count).toBe(0);
    expect(empty.body.meta.next_token).toMatch(/^[0-9A-Z]{21}$/);
    expect(empty.body.meta.previous_token).toMatch(/^[0-9A-Z]{21}$/);
    const after = await xGet(
      emulator,
      `${path}?max_results=1&pagination_token=${empty.body.meta.next_token}`,
    );
    expect(after.body.meta.previous_token).toBeDefined();
  });

  it('answers an empty first page with only a next_token when the first accounts are left out', async () => {
    const owner = Array.from({ length: 100 }, (_, i) => fakeUserId(10 + i)).find((userId) => {
      const list = emulator.store.following(userId);
      return list.length > 1 && emulator.visibleList('following', userId)[0] !== list.idAt(0);
    });
    expect(owner).toBeDefined();
    const first = await xGet(emulator, `/2/users/${owner}/following?max_results=1`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      meta: { result_count: 0, next_token: expect.stringMatching(/^[0-9A-Z]{21}$/) },
    });
  });

  it('leaves out the same accounts on every emulator of the same seed, and none by default', async () => {
    const other = await startEmulator({ store: createFakeStore(), rateLimit: 'off', shortPages: 0.5 });
    const plain = await startFakeEmulator();
    try {
      expect(other.visibleList('followers', twitterDev)).toEqual(
        emulator.visibleList('followers', twitterDev),
      );
      expect(visibleIds(other.store, 'followers', twitterDev, 0.5)).toEqual(
        emulator.visibleList('followers', twitterDev),
      );
      expect(plain.shortPages).toBe(0);
      expect(plain.visibleList('followers', twitterDev)).toEqual(fullList(plain, twitterDev));
      const page = await xGet(plain, `${path}?max_results=100`);
      expect(page.body.meta.result_count).toBe(100);
    } finally {
      await Promise.all([other.close(), plain.close()]);
    }
  });

  it('refuses a share outside [0, 1)', async () => {
    await expect(startFakeEmulator({ shortPages: 1 })).rejects.toThrow(
      /shortPages must be a number in \[0, 1\)/,
    );
    await expect(startFakeEmulator({ shortPages: -0.1 })).rejects.toThrow(RangeError);
  });
});
