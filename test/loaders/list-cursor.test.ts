import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../src/loaders/list-cursor.ts';
import type { EdgeCursor } from '../../src/loaders/list-paging.ts';
import { BadUserInputError } from '../../src/rest/errors.ts';

const OWNER = '1152921504606846976';
const USER = '1152921504606854895';
const expected = { list: 'followers', ownerId: OWNER } as const;

/** The error `decodeCursor` throws, or undefined. */
function decodeError(text: string, want: { list: 'followers' | 'following'; ownerId?: string } = expected) {
  try {
    decodeCursor(text, want, 'after');
    return undefined;
  } catch (error) {
    return error;
  }
}

/** A cursor text built from raw parts, to forge variants. */
const raw = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('cursor', () => {
  const first = { token: undefined, maxResults: 20, count: 20, nextToken: 'DFEDBNRFT3MHCZZZ' };
  const cursors: EdgeCursor[] = [
    {
      list: 'followers',
      ownerId: OWNER,
      page: { ...first, previousToken: undefined },
      index: 0,
      userId: USER,
    },
    {
      list: 'followers',
      ownerId: OWNER,
      page: {
        token: 'DFEDBNRFT3MHCZZZ',
        maxResults: 1000,
        count: 998,
        nextToken: '18LAA581J5II7LA00C00ZZZZ',
        previousToken: '18LAA581J5II7LA00C00ZZZY',
      },
      index: 997,
      userId: USER,
    },
    {
      list: 'following',
      ownerId: OWNER,
      page: {
        token: 'DFEDBNRFT3MHCZZZ',
        maxResults: 1,
        count: 0,
        nextToken: 'X'.repeat(512),
        previousToken: undefined,
      },
      index: 0,
      userId: undefined,
    },
    {
      list: 'followers',
      ownerId: OWNER,
      page: {
        token: 'DFEDBNRFT3MHCZZZ',
        maxResults: 5,
        count: 5,
        nextToken: undefined,
        previousToken: 'P'.repeat(16),
      },
      index: -1,
      userId: undefined,
    },
  ];

  it('round-trips every anchor kind with ids above 2^53 intact', () => {
    for (const cursor of cursors) {
      const text = encodeCursor(cursor);
      expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(text, { list: cursor.list, ownerId: OWNER }, 'after')).toEqual(cursor);
    }
  });

  it('is opaque: the token does not appear in the text', () => {
    for (const cursor of cursors) expect(encodeCursor(cursor)).not.toContain('DFEDBNRFT3MHCZZZ');
  });

  it('rejects garbage, another version and broken parts with BAD_USER_INPUT naming the argument', () => {
    const bad = [
      '',
      'not a cursor!',
      'YWJj',
      raw(`3~f~${OWNER}~~20~20~0~~~${USER}`),
      raw(`2~x~${OWNER}~~20~20~0~~~${USER}`),
      raw(`2~f~12a~~20~20~0~~~${USER}`),
      raw(`2~f~${OWNER}~tok en~20~20~0~~~${USER}`),
      raw(`2~f~${OWNER}~~0~0~0~~~`),
      raw(`2~f~${OWNER}~~1001~20~0~~~${USER}`),
      raw(`2~f~${OWNER}~~20~21~0~~~${USER}`),
      raw(`2~f~${OWNER}~~20~20~20~~~${USER}`),
      raw(`2~f~${OWNER}~~20~20~-2~~~${USER}`),
      raw(`2~f~${OWNER}~~20~20~-0~~~${USER}`),
      raw(`2~f~${OWNER}~~20~20~07~~~${USER}`),
      raw(`2~f~${OWNER}~~20~20~3~~~`),
      raw(`2~f~${OWNER}~~20~20~20~~~${USER}`),
      raw(`2~f~${OWNER}~~20~20~-1~~~${USER}`),
      raw(`2~f~${OWNER}~~20~20~0~~~12345678901234567890`),
      raw(`2~f~${OWNER}~~20~20~0~~`),
      `${encodeCursor(cursors[0] as EdgeCursor)}=`,
      'x'.repeat(2000),
    ];
    for (const text of bad) {
      const error = decodeError(text);
      expect(error, text).toBeInstanceOf(BadUserInputError);
      expect((error as Error).message).toContain('`after`');
    }
  });

  it('answers a cursor of the first version with BAD_USER_INPUT saying to restart from the first page', () => {
    const error = decodeError(raw(`1~f~${OWNER}~n~DFEDBNRFT3MHCZZZ~-1~${USER}`));
    expect(error).toBeInstanceOf(BadUserInputError);
    expect((error as BadUserInputError).code).toBe('BAD_USER_INPUT');
    expect((error as Error).message).toContain('earlier version');
    expect((error as Error).message).toContain('restart from the first page');
  });

  it("rejects another owner's or another kind's cursor", () => {
    const text = encodeCursor(cursors[0] as EdgeCursor);
    expect(decodeError(text, { list: 'followers', ownerId: '12' })).toBeInstanceOf(BadUserInputError);
    expect(decodeError(text, { list: 'following', ownerId: OWNER })).toBeInstanceOf(BadUserInputError);
    expect(decodeError(text, { list: 'followers' })).toBeUndefined();
  });
});
