import { BadUserInputError } from '../rest/errors.ts';
import { ID_PATTERN } from '../rest/params.ts';
import type { ListKind } from '../rest/x-api.ts';
import type { PageDirection } from './plan-types.ts';
import { MAX_PAGE_SIZE } from './validate.ts';

/**
 * Opaque, self-contained connection cursors.
 *
 * A cursor names one edge of one list (`followers`/`following` of `ownerId`) by an *anchor* and an offset:
 * - `start`: the list's beginning (the first page has no token); the edge is at position `offset`;
 * - `next`: an X `next_token`, the boundary where a page starts; the edge is `offset` items after it
 *   (`-1`: the last item before it, which is how a page's last edge lets `after: endCursor` pass
 *   `next_token` verbatim);
 * - `previous`: an X `previous_token`, the boundary a backward page ends at; the edge is at `offset`
 *   (`0`: the first item after it, a page's first edge; `-1`: the last item before it, ...).
 * X's tokens are used verbatim and never decoded. The edge's user id rides along so a cursor is unique to
 * its edge. Text form: base64url of `1~<f|g>~<owner>~<s|n|p>~<token>~<offset>~<userId>`.
 */

/** Where a cursor's offset counts from. */
export type CursorAnchor =
  | { readonly kind: 'start' }
  | { readonly kind: 'next'; readonly token: string }
  | { readonly kind: 'previous'; readonly token: string };

/** A decoded cursor. */
export interface EdgeCursor {
  readonly list: ListKind;
  readonly ownerId: string;
  readonly anchor: CursorAnchor;
  readonly offset: number;
  readonly userId: string;
}

const VERSION = '1';
const SEPARATOR = '~';
const TOKEN = /^[A-Za-z0-9_\-.+/=]{1,512}$/;
const OFFSET = /^-?[0-9]{1,4}$/;
const LIST_CODES: Record<ListKind, string> = { followers: 'f', following: 'g' };
const ANCHOR_CODES = { start: 's', next: 'n', previous: 'p' } as const;
/** The offsets each anchor can carry: pages hold at most 1000 items. */
const OFFSET_RANGES = { start: [0, 999], next: [-1, 999], previous: [-1000, 0] } as const;

/** The text of a cursor. */
export function encodeCursor(cursor: EdgeCursor): string {
  const token = cursor.anchor.kind === 'start' ? '' : cursor.anchor.token;
  const parts = [
    VERSION,
    LIST_CODES[cursor.list],
    cursor.ownerId,
    ANCHOR_CODES[cursor.anchor.kind],
    token,
    String(cursor.offset),
    cursor.userId,
  ];
  return Buffer.from(parts.join(SEPARATOR), 'utf8').toString('base64url');
}

/**
 * Decodes and checks every part of a cursor, which must belong to the list `list` (of `ownerId`, when the
 * owner is known). Throws `BadUserInputError` naming `argument` for garbage, another version or another list.
 */
export function decodeCursor(
  text: string,
  expected: { readonly list: ListKind; readonly ownerId?: string | undefined },
  argument: string,
): EdgeCursor {
  const cursor = text.length <= 1024 ? parseCursor(text) : undefined;
  if (!cursor) throw new BadUserInputError(`\`${argument}\` is not a cursor this gateway returned.`);
  if (
    cursor.list !== expected.list ||
    (expected.ownerId !== undefined && cursor.ownerId !== expected.ownerId)
  ) {
    const owner = expected.ownerId === undefined ? '' : ` of ${expected.ownerId}`;
    throw new BadUserInputError(
      `\`${argument}\` is a cursor of another list, not of ${expected.list}${owner}.`,
    );
  }
  return cursor;
}

/** Parses the text of a cursor, or undefined when any part is malformed. */
function parseCursor(text: string): EdgeCursor | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  const decoded = Buffer.from(text, 'base64url');
  if (decoded.toString('base64url') !== text) return undefined;
  const parts = decoded.toString('utf8').split(SEPARATOR);
  if (parts.length !== 7) return undefined;
  const [version, listCode, ownerId, anchorCode, token, offsetText, userId] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const list = (Object.keys(LIST_CODES) as ListKind[]).find((kind) => LIST_CODES[kind] === listCode);
  const anchorKind = (Object.keys(ANCHOR_CODES) as CursorAnchor['kind'][]).find(
    (kind) => ANCHOR_CODES[kind] === anchorCode,
  );
  if (version !== VERSION || !list || !anchorKind) return undefined;
  if (!ID_PATTERN.test(ownerId) || !ID_PATTERN.test(userId) || !OFFSET.test(offsetText)) return undefined;
  const offset = Number(offsetText);
  const [low, high] = OFFSET_RANGES[anchorKind];
  if (offset < low || offset > high || String(offset) !== offsetText) return undefined;
  if (anchorKind === 'start') {
    return token === '' ? { list, ownerId, anchor: { kind: 'start' }, offset, userId } : undefined;
  }
  if (!TOKEN.test(token)) return undefined;
  return { list, ownerId, anchor: { kind: anchorKind, token }, offset, userId };
}

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

/**
 * The most items the calls of one connection page return (what X bills, per follower returned): one
 * call of `size` from the start; one call after a cursor at most `|offset| + 1 + size` (never above a
 * page); two or more calls a full page each.
 */
export function pageItems(direction: PageDirection, size: number, cursor: EdgeCursor | undefined): number {
  const calls = pageCalls(direction, size, cursor);
  if (calls === 0) return 0;
  if (!cursor) return size;
  if (calls === 1) return Math.min(MAX_PAGE_SIZE, Math.abs(cursor.offset) + 1 + size);
  return calls * MAX_PAGE_SIZE;
}

/** Calls of a forward read from a `next` anchor at `offset`. */
function forwardFromBoundary(offset: number, size: number): number {
  return offset + 1 + size <= MAX_PAGE_SIZE ? 1 : 2;
}

/**
 * The single list call of a forward page whose owner is known, with the `max_results` and token the
 * list reader sends (`offset + 1 + size` items from the cursor's anchor); undefined when the page needs
 * more than one call or its owner is only known at run time.
 */
export function plannedCall(
  kind: ListKind,
  direction: PageDirection,
  size: number,
  cursor: EdgeCursor | undefined,
  ownerId: string | undefined,
): { kind: ListKind; ownerId: string; query: { maxResults: number; paginationToken?: string } } | undefined {
  if (ownerId === undefined || direction !== 'forward') return undefined;
  if (!cursor) return { kind, ownerId, query: { maxResults: size } };
  const { anchor, offset } = cursor;
  const maxResults = offset + 1 + size;
  if (anchor.kind === 'previous' || maxResults > MAX_PAGE_SIZE) return undefined;
  return {
    kind,
    ownerId,
    query: { maxResults, ...(anchor.kind === 'next' ? { paginationToken: anchor.token } : {}) },
  };
}
