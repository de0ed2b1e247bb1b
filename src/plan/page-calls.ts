import type { EdgeCursor } from './cursor.ts';
import type { PageDirection } from './plan-types.ts';
import { MAX_PAGE_SIZE } from './validate.ts';

/**
 * The upstream calls one connection page costs when the list is long enough to fill it: the same
 * arithmetic as `src/loaders/list-reader.ts` (tested against it). A shorter list may cost fewer.
 * - forward from the start or from a `next` anchor: one call of `offset + 1 + size` items, or two;
 * - backward from a `previous` anchor: one call of `size - offset` items, or two;
 * - the other combinations first fetch one item to learn the opposite token.
 */
export function pageCalls(direction: PageDirection, size: number, cursor: EdgeCursor | undefined): number {
  if (!cursor) return direction === 'forward' ? 1 : 0;
  const { anchor, offset } = cursor;
  if (direction === 'forward') {
    if (anchor.kind !== 'previous') return offset + 1 + size <= MAX_PAGE_SIZE ? 1 : 2;
    if (offset <= -2) return size > -(offset + 1) ? 2 : 1;
    return 1 + forwardFromBoundary(offset, size);
  }
  if (anchor.kind === 'previous') return -offset + size <= MAX_PAGE_SIZE ? 1 : 2;
  if (anchor.kind === 'start') return offset >= 1 ? 1 : 0;
  if (offset >= size) return 1;
  if (offset >= 1) return 2;
  return 1 + (-offset + size <= MAX_PAGE_SIZE ? 1 : 2);
}

/** Calls of a forward read from a `next` anchor at `offset`. */
function forwardFromBoundary(offset: number, size: number): number {
  return offset + 1 + size <= MAX_PAGE_SIZE ? 1 : 2;
}
