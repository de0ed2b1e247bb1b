import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPaginationTokens,
  type PageCursor,
  slicePage,
} from '../../src/emulator/http/pagination-tokens.ts';
import type { EmulatorHandle } from '../../src/emulator/start-emulator.ts';
import type { EmulatorStore } from '../../src/emulator/store.ts';
import { startFakeEmulator, xGet } from '../fixtures/emulator-client.ts';
import { FAKE_INDEX, fakeUserId } from '../fixtures/emulator-fake-store.ts';

const cursorArb: fc.Arbitrary<PageCursor> = fc.oneof(
  fc.record({
    direction: fc.constantFrom('forward' as const, 'backward' as const),
    position: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  }),
  fc.record({
    direction: fc.constant('sized-backward' as const),
    position: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    size: fc.integer({ min: 1, max: 1000 }),
  }),
);

describe('pagination tokens', () => {
  const tokens = createPaginationTokens('test-key');

  it('round-trips every cursor as 21 uppercase alphanumerics (24 with a page size)', () => {
    fc.assert(
      fc.property(cursorArb, fc.stringMatching(/^[0-9]{1,19}$/), (cursor, userId) => {
        const token = tokens.encode('followers', userId, cursor);
        expect(token).toMatch(cursor.direction === 'sized-backward' ? /^[0-9A-Z]{24}$/ : /^[0-9A-Z]{21}$/);
        expect(tokens.decode('followers', userId, token)).toEqual(cursor);
      }),
    );
  });

  it('rejects tokens of another list, another user, another key or with a changed character', () => {
    const cursor: PageCursor = { direction: 'forward', position: 100 };
    const token = tokens.encode('followers', '12', cursor);
    expect(tokens.decode('following', '12', token)).toBeUndefined();
    expect(tokens.decode('followers', '13', token)).toBeUndefined();
    expect(createPaginationTokens('other-key').decode('followers', '12', token)).toBeUndefined();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: token.length - 1 }),
        fc.constantFrom(...'0123456789ABCDEFGHJKMNPQRSTVWXYZ'),
        (at, char) => {
          fc.pre(token[at] !== char);
          const forged = `${token.slice(0, at)}${char}${token.slice(at + 1)}`;
          expect(tokens.decode('followers', '12', forged)).toBeUndefined();
        },
      ),
    );
    const sized = tokens.encode('followers', '12', { direction: 'sized-backward', position: 40, size: 20 });
    expect(tokens.decode('followers', '12', sized)).toEqual({
      direction: 'sized-backward',
      position: 40,
      size: 20,
    });
    expect(tokens.decode('following', '12', sized)).toBeUndefined();
    expect(
      tokens.decode(
        'followers',
        '12',
        `${sized.slice(0, 7)}${sized[7] === '0' ? '1' : '0'}${sized.slice(8)}`,
      ),
    ).toBeUndefined();
    expect(tokens.decode('followers', '12', token.toLowerCase())).toBeUndefined();
    expect(tokens.decode('followers', '12', `${token}0`)).toBeUndefined();
  });
});

describe('slicePage', () => {
  it('tiles a list exactly once walking forward, then exactly once walking back', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1 }),
        (length, sizes) => {
          const covered: number[] = [];
          let cursor: PageCursor | undefined;
          let step = 0;
          let page = slicePage(length, cursor, sizes[0] ?? 1);
          for (;;) {
            for (let i = page.start; i < page.end; i += 1) covered.push(i);
            if (!page.next) break;
            step += 1;
            page = slicePage(length, page.next, sizes[step % sizes.length] ?? 1);
          }
          expect(covered).toEqual(Array.from({ length }, (_, i) => i));
          const back: number[][] = [];
          for (;;) {
            back.unshift(Array.from({ length: page.end - page.start }, (_, i) => page.start + i));
            if (!page.previous) break;
            step += 1;
            page = slicePage(length, page.previous, sizes[step % sizes.length] ?? 1);
          }
          expect(back.flat()).toEqual(covered);
        },
      ),
    );
  });

  it('returns exactly the previous page when walking back with the same size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.nat(),
        (length, size, hops) => {
          let page = slicePage(length, undefined, size);
          const pages = [page];
          for (let i = 0; i < hops % 20 && page.next; i += 1) {
            page = slicePage(length, page.next, size);
            pages.push(page);
          }
          for (let i = pages.length - 2; i >= 0; i -= 1) {
            page = slicePage(length, page.previous, size);
            expect([page.start, page.end]).toEqual([pages[i]?.start, pages[i]?.end]);
          }
          expect(page.previous).toBeUndefined();
        },
      ),
    );
  });
});

describe('slicePage in the same-size reading', () => {
  it('hands out previous cursors that name the page size of the call', () => {
    const page = slicePage(1000, { direction: 'forward', position: 520 }, 20, 'same-size');
    expect(page).toEqual({
      start: 520,
      end: 540,
      next: { direction: 'forward', position: 540 },
      previous: { direction: 'sized-backward', position: 520, size: 20 },
    });
  });

  it('returns exactly the previous page with the same size, even one cut short by the list start', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 1, max: 1000 }),
        (length, at, size) => {
          const start = Math.min(at, length);
          const page = slicePage(length, { direction: 'forward', position: start }, size, 'same-size');
          const back = slicePage(length, page.previous, size, 'same-size');
          if (start === 0) expect(page.previous).toBeUndefined();
          else expect([back.start, back.end]).toEqual([Math.max(0, start - size), start]);
        },
      ),
    );
  });

  it('reads a previous cursor sent with another size as a start: overlaps for more, gaps for fewer', () => {
    const cursor: PageCursor = { direction: 'sized-backward', position: 500, size: 20 };
    expect(slicePage(1000, cursor, 30, 'same-size')).toMatchObject({ start: 480, end: 510 });
    expect(slicePage(1000, cursor, 10, 'same-size')).toMatchObject({ start: 480, end: 490 });
    expect(slicePage(1000, { direction: 'sized-backward', position: 10, size: 50 }, 30)).toMatchObject({
      start: 0,
      end: 0,
      next: { direction: 'forward', position: 0 },
    });
  });
});

describe('pagination over HTTP', () => {
  let emulator: EmulatorHandle;
  beforeAll(async () => {
    emulator = await startFakeEmulator();
  });
  afterAll(() => emulator.close());

  const lists = [
    { name: 'a two-item following list', id: fakeUserId(12), kind: 'following' },
    { name: 'a 1,100-item followers list', id: fakeUserId(FAKE_INDEX.twitterDev), kind: 'followers' },
    { name: 'the biggest followers list', id: fakeUserId(FAKE_INDEX.celebrity), kind: 'followers' },
  ] as const;

  for (const list of lists) {
    it(`covers ${list.name} exactly once, in order, on random walks forward and back`, async () => {
      const expected = idsOf(emulator.store, list.kind, list.id);
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 8 }),
          async (sizes) => {
            const path = `/2/users/${list.id}/${list.kind}`;
            const forward: string[] = [];
            let step = 0;
            let meta: { next_token?: string; previous_token?: string } = {};
            let token: string | undefined;
            do {
              const size = sizes[step++ % sizes.length];
              const query = `?max_results=${size}${token ? `&pagination_token=${token}` : ''}`;
              const answer = await xGet(emulator, path + query);
              expect(answer.status).toBe(200);
              forward.push(...(answer.body.data ?? []).map((u: { id: string }) => u.id));
              meta = answer.body.meta;
              expect(meta.previous_token === undefined).toBe(token === undefined);
              token = meta.next_token;
            } while (token);
            expect(forward).toEqual(expected);
            const backward: string[][] = [];
            let lastPage = forward.slice(forward.length - countOfLastPage(sizes, step, expected.length));
            backward.unshift(lastPage);
            token = meta.previous_token;
            while (token) {
              const size = sizes[step++ % sizes.length];
              const answer = await xGet(emulator, `${path}?max_results=${size}&pagination_token=${token}`);
              lastPage = answer.body.data.map((u: { id: string }) => u.id);
              expect(answer.body.meta.next_token).toBeDefined();
              backward.unshift(lastPage);
              token = answer.body.meta.previous_token;
            }
            expect(backward.flat()).toEqual(expected);
          },
        ),
        { numRuns: 12 },
      );
    });
  }

  it('answers, on any mix of next and previous moves, the slice that borders the current page', async () => {
    const id = fakeUserId(FAKE_INDEX.twitterDev);
    const expected = idsOf(emulator.store, 'followers', id);
    const moveArb = fc.record({ forward: fc.boolean(), size: fc.integer({ min: 1, max: 400 }) });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 400 }),
        fc.array(moveArb, { maxLength: 10 }),
        async (first, moves) => {
          let answer = await xGet(emulator, `/2/users/${id}/followers?max_results=${first}`);
          let start = 0;
          let end = first;
          for (const move of moves) {
            const token = move.forward ? answer.body.meta.next_token : answer.body.meta.previous_token;
            if (!token) continue;
            answer = await xGet(
              emulator,
              `/2/users/${id}/followers?max_results=${move.size}&pagination_token=${token}`,
            );
            [start, end] = move.forward
              ? [end, Math.min(end + move.size, expected.length)]
              : [Math.max(0, start - move.size), start];
            expect(answer.body.data.map((u: { id: string }) => u.id)).toEqual(expected.slice(start, end));
            expect(answer.body.meta.result_count).toBe(end - start);
          }
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe('previous_token readings over HTTP', () => {
  let boundary: EmulatorHandle;
  let sameSize: EmulatorHandle;
  beforeAll(async () => {
    boundary = await startFakeEmulator();
    sameSize = await startFakeEmulator({ previousToken: 'same-size' });
  });
  afterAll(() => Promise.all([boundary.close(), sameSize.close()]));

  const id = fakeUserId(FAKE_INDEX.twitterDev);
  const path = `/2/users/${id}/followers`;
  const ids = (answer: { body: { data?: { id: string }[] } }): string[] =>
    (answer.body.data ?? []).map((u) => u.id);

  /** The ids of the page of `size` after the token at `position`, then the previous-page chain. */
  async function backFrom(emulator: EmulatorHandle, sizes: readonly number[]): Promise<string[][]> {
    const toEdge = await xGet(emulator, `${path}?max_results=520`);
    let answer = await xGet(
      emulator,
      `${path}?max_results=${sizes[0]}&pagination_token=${toEdge.body.meta.next_token}`,
    );
    const pages: string[][] = [];
    for (const size of sizes.slice(1)) {
      answer = await xGet(
        emulator,
        `${path}?max_results=${size}&pagination_token=${answer.body.meta.previous_token}`,
      );
      pages.push(ids(answer));
    }
    return pages;
  }

  it('defaults to the boundary reading: a previous_token works with any max_results', async () => {
    expect(boundary.previousToken).toBe('boundary');
    const expected = idsOf(boundary.store, 'followers', id);
    const [first, second] = await backFrom(boundary, [20, 20, 30]);
    expect(first).toEqual(expected.slice(500, 520));
    expect(second).toEqual(expected.slice(470, 500));
  });

  it('gives back exactly the previous page with the same max_results in the same-size reading', async () => {
    const expected = idsOf(sameSize.store, 'followers', id);
    const pages = await backFrom(sameSize, [20, 20, 20, 20]);
    expect(pages).toEqual([expected.slice(500, 520), expected.slice(480, 500), expected.slice(460, 480)]);
    const first = await xGet(sameSize, `${path}?max_results=7`);
    const next = await xGet(
      sameSize,
      `${path}?max_results=50&pagination_token=${first.body.meta.next_token}`,
    );
    const back = await xGet(
      sameSize,
      `${path}?max_results=50&pagination_token=${next.body.meta.previous_token}`,
    );
    expect(ids(back)).toEqual(expected.slice(0, 7));
    expect(back.body.meta.previous_token).toBeUndefined();
  });

  it('answers duplicates and gaps to a previous_token sent with another max_results in the same-size reading', async () => {
    const expected = idsOf(sameSize.store, 'followers', id);
    const [first, second] = await backFrom(sameSize, [20, 20, 30]);
    expect(first).toEqual(expected.slice(500, 520));
    // The previous page of 20 starts at 480: with 30, X's token reads as that start.
    expect(second).toEqual(expected.slice(480, 510));
    expect((second ?? []).filter((user) => first?.includes(user))).toHaveLength(10);
    expect(second).not.toContain(expected[470]);
  });

  it('hands out 24-character previous tokens and 21-character next tokens in the same-size reading', async () => {
    const first = await xGet(sameSize, `${path}?max_results=10`);
    const second = await xGet(
      sameSize,
      `${path}?max_results=10&pagination_token=${first.body.meta.next_token}`,
    );
    expect(second.body.meta.next_token).toMatch(/^[0-9A-Z]{21}$/);
    expect(second.body.meta.previous_token).toMatch(/^[0-9A-Z]{24}$/);
  });
});

/** The ids of a list, straight from the store. */
function idsOf(store: EmulatorStore, kind: 'followers' | 'following', id: string): string[] {
  const list = kind === 'followers' ? store.followers(id) : store.following(id);
  return Array.from({ length: list.length }, (_, i) => list.idAt(i));
}

/** How many items the last forward page held, replaying the page sizes of the walk. */
function countOfLastPage(sizes: readonly number[], steps: number, length: number): number {
  let start = 0;
  let last = 0;
  for (let i = 0; i < steps; i += 1) {
    last = Math.min(sizes[i % sizes.length] ?? 1, length - start);
    start += last;
  }
  return last;
}
