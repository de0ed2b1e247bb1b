import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ListReader } from '../../src/loaders/list-reader.ts';
import { decodeCursor, encodeCursor, pageCalls } from '../../src/plan/cursor.ts';
import { createFakeList } from '../fixtures/schema-fake-list.ts';

const OWNER = '2244994945';

/** A reader over a fake list of `length` users. */
function setup(length: number) {
  const list = createFakeList(length);
  return { list, reader: new ListReader('followers', OWNER, (anchor, max) => list.fetch(anchor, max)) };
}

/** The ids of a window's edges. */
const idsOf = (window: { edges: readonly { user: { id: string } }[] }) => window.edges.map((e) => e.user.id);

describe('ListReader', () => {
  it('reads the first page with one call of max_results = first', async () => {
    const { list, reader } = setup(250);
    const window = await reader.forward(100, undefined);
    expect(idsOf(window)).toEqual(list.ids.slice(0, 100));
    expect(window).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(list.calls).toEqual([{ kind: 'start', position: 0, maxResults: 100 }]);
  });

  it('pages on from endCursor with exactly one call passing next_token', async () => {
    const { list, reader } = setup(250);
    const first = await reader.forward(100, undefined);
    const endCursor = first.edges.at(-1)?.cursor;
    const second = await reader.forward(100, endCursor);
    expect(idsOf(second)).toEqual(list.ids.slice(100, 200));
    expect(list.calls[1]).toEqual({ kind: 'next', position: 100, maxResults: 100 });
    expect(list.calls).toHaveLength(2);
  });

  it('pages back from startCursor with exactly one call passing previous_token', async () => {
    const { list, reader } = setup(250);
    const first = await reader.forward(100, undefined);
    const second = await reader.forward(100, first.edges.at(-1)?.cursor);
    const startCursor = second.edges[0]?.cursor;
    if (!startCursor) throw new Error('no start cursor');
    const back = await reader.backward(100, startCursor);
    expect(idsOf(back)).toEqual(list.ids.slice(0, 100));
    expect(back).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(list.calls[2]).toEqual({ kind: 'previous', position: 100, maxResults: 100 });
  });

  it('reads the neighbours of any edge, forward and backward, with the calls page-calls predicts', async () => {
    const length = 2600;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ size: fc.integer({ min: 1, max: 1000 }), backward: fc.boolean() }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.nat(),
        fc.integer({ min: 1, max: 1000 }),
        fc.boolean(),
        async (steps, pick, size, backward) => {
          // Reach some edge by a random walk, then read from one of its page's edges.
          const { list, reader } = setup(length);
          let window = await reader.forward(steps[0]?.size ?? 10, undefined);
          for (const step of steps.slice(1)) {
            const edge = step.backward ? window.edges[0] : window.edges.at(-1);
            if (!edge) break;
            const next = step.backward
              ? await reader.backward(step.size, edge.cursor)
              : await reader.forward(step.size, edge.cursor);
            if (next.edges.length === 0) break;
            window = next;
          }
          const edge = window.edges[pick % window.edges.length];
          if (!edge) return;
          const cursor = decodeCursor(
            encodeCursor(edge.cursor),
            { list: 'followers', ownerId: OWNER },
            'after',
          );
          const position = list.ids.indexOf(edge.user.id);
          const before = list.calls.length;
          const read = backward ? await reader.backward(size, cursor) : await reader.forward(size, cursor);
          const expected = backward
            ? list.ids.slice(Math.max(0, position - size), position)
            : list.ids.slice(position + 1, position + 1 + size);
          expect(idsOf(read)).toEqual(expected);
          if (backward) expect(read.hasPreviousPage).toBe(position - size > 0);
          else expect(read.hasNextPage).toBe(position + 1 + size < length);
          const roomy = backward ? position - size >= 0 : position + 1 + size <= length;
          if (roomy)
            expect(list.calls.length - before).toBe(
              pageCalls(backward ? 'backward' : 'forward', size, cursor),
            );
          else
            expect(list.calls.length - before).toBeLessThanOrEqual(
              pageCalls(backward ? 'backward' : 'forward', size, cursor),
            );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives every edge a cursor naming its list, owner and user', async () => {
    const { reader } = setup(30);
    const window = await reader.forward(30, undefined);
    for (const edge of window.edges) {
      expect(edge.cursor).toMatchObject({ list: 'followers', ownerId: OWNER, userId: edge.user.id });
    }
    expect(window.hasNextPage).toBe(false);
  });

  it('answers an empty list with no edges and no next page', async () => {
    const { reader } = setup(0);
    expect(await reader.forward(10, undefined)).toEqual({
      edges: [],
      hasNextPage: false,
      hasPreviousPage: false,
    });
  });
});
