import { BadUserInputError } from '../rest/errors.ts';
import { ID_PATTERN, type ListKind, MAX_RESULTS } from '../rest/x-api.ts';
import { type EdgeCursor, firstCallSize, ownItems, type PageDirection, pageCalls } from './list-paging.ts';

/**
 * Opaque, self-contained connection cursors, relying only on what X promises about pagination: a token,
 * passed with the `max_results` of the call that returned it, gets the next or previous page of that
 * call's paging; pages may hold fewer items than `max_results`.
 *
 * A cursor names one page X returned — the token it was fetched with (none for the list's start), that
 * call's `max_results`, how many items X returned and the page's own `next_token`/`previous_token` — and a
 * position among those items: `index` 0 to `count - 1` is an edge (whose user id rides along), `-1` the gap
 * before the page's first item and `count` the gap after its last (the cursor of an empty window that X
 * says goes on). Nothing is ever computed from positions X did not report. X's tokens are used verbatim
 * and never decoded. Text form: base64url of
 * `2~<f|g>~<owner>~<token>~<max_results>~<count>~<index>~<next_token>~<previous_token>~<userId>`.
 */

const VERSION = '2';
const OLD_VERSIONS = new Set(['1']);
const SEPARATOR = '~';
const TOKEN = /^[A-Za-z0-9_\-.+/=]{1,512}$/;
const NUMBER = /^(?:-1|0|[1-9][0-9]{0,3})$/;
const LIST_CODES: Record<ListKind, string> = { followers: 'f', following: 'g' };

/** The text of a cursor. */
export function encodeCursor(cursor: EdgeCursor): string {
  const { page } = cursor;
  const parts = [
    VERSION,
    LIST_CODES[cursor.list],
    cursor.ownerId,
    page.token ?? '',
    String(page.maxResults),
    String(page.count),
    String(cursor.index),
    page.nextToken ?? '',
    page.previousToken ?? '',
    cursor.userId ?? '',
  ];
  return Buffer.from(parts.join(SEPARATOR), 'utf8').toString('base64url');
}

/**
 * Decodes and checks every part of a cursor, which must belong to the list `list` (of `ownerId`, when the
 * owner is known). Throws `BadUserInputError` naming `argument` for garbage, an older version or another
 * list.
 */
export function decodeCursor(
  text: string,
  expected: { readonly list: ListKind; readonly ownerId?: string | undefined },
  argument: string,
): EdgeCursor {
  const cursor = text.length <= 2048 ? parseCursor(text) : undefined;
  if (cursor === 'old') {
    throw new BadUserInputError(
      `\`${argument}\` is a cursor of an earlier version of this gateway, which pages differently: ` +
        `restart from the first page (without \`${argument}\`).`,
    );
  }
  if (!cursor) throw new BadUserInputError(`\`${argument}\` is not a cursor this gateway returned.`);
  return checkCursorList(cursor, expected, argument);
}

/**
 * Checks that a decoded cursor belongs to the list `list` (of `ownerId`, when the owner is known); throws
 * `BadUserInputError` naming `argument` otherwise. The resolver checks the planner's decoded cursor this
 * way once the owner is known, without decoding it again.
 */
export function checkCursorList(
  cursor: EdgeCursor,
  expected: { readonly list: ListKind; readonly ownerId?: string | undefined },
  argument: string,
): EdgeCursor {
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

/** Parses the text of a cursor: `'old'` for a well-formed older version, undefined when malformed. */
function parseCursor(text: string): EdgeCursor | 'old' | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  const decoded = Buffer.from(text, 'base64url');
  if (decoded.toString('base64url') !== text) return undefined;
  const parts = decoded.toString('utf8').split(SEPARATOR);
  if (OLD_VERSIONS.has(parts[0] ?? '') && parts.length === 7) return 'old';
  if (parts.length !== 10) return undefined;
  const [version, listCode, ownerId, token, maxText, countText, indexText, next, previous, userId] =
    parts as [string, string, string, string, string, string, string, string, string, string];
  const list = (Object.keys(LIST_CODES) as ListKind[]).find((kind) => LIST_CODES[kind] === listCode);
  if (version !== VERSION || !list || !ID_PATTERN.test(ownerId)) return undefined;
  if (![maxText, countText, indexText].every((part) => NUMBER.test(part))) return undefined;
  const [maxResults, count, index] = [Number(maxText), Number(countText), Number(indexText)];
  if (maxResults < 1 || maxResults > MAX_RESULTS || count < 0 || count > maxResults) return undefined;
  if (index < -1 || index > count) return undefined;
  // An edge carries its user; a gap (before or after the items) carries none.
  const isEdge = index >= 0 && index < count;
  if (isEdge ? !ID_PATTERN.test(userId) : userId !== '') return undefined;
  if (![token, next, previous].every((part) => part === '' || TOKEN.test(part))) return undefined;
  return {
    list,
    ownerId,
    page: {
      token: token || undefined,
      maxResults,
      count,
      nextToken: next || undefined,
      previousToken: previous || undefined,
    },
    index,
    userId: isEdge ? userId : undefined,
  };
}

/**
 * The first list call of a page whose owner is known, with the `max_results` and token the list reader
 * sends first (from no cursor, `max_results` is {@link firstCallSize}; from a cursor whose page still holds
 * wanted items, that page's refetch); undefined when the page needs no call or its owner is only known at
 * run time.
 */
export function plannedCall(
  kind: ListKind,
  direction: PageDirection,
  size: number,
  cursor: EdgeCursor | undefined,
  ownerId: string | undefined,
  readAhead = 0,
): { kind: ListKind; ownerId: string; query: { maxResults: number; paginationToken?: string } } | undefined {
  if (ownerId === undefined || pageCalls(direction, size, cursor) === 0) return undefined;
  if (!cursor) return { kind, ownerId, query: { maxResults: firstCallSize(size, readAhead) } };
  const { page } = cursor;
  const token =
    ownItems(direction, cursor) > 0
      ? page.token
      : direction === 'forward'
        ? page.nextToken
        : page.previousToken;
  return {
    kind,
    ownerId,
    query: { maxResults: page.maxResults, ...(token === undefined ? {} : { paginationToken: token }) },
  };
}
