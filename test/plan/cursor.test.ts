import { describe, expect, it } from 'vitest';
import { decodeCursor, type EdgeCursor, encodeCursor } from '../../src/plan/cursor.ts';
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
  const cursors: EdgeCursor[] = [
    { list: 'followers', ownerId: OWNER, anchor: { kind: 'start' }, offset: 0, userId: USER },
    {
      list: 'followers',
      ownerId: OWNER,
      anchor: { kind: 'next', token: 'DFEDBNRFT3MHCZZZ' },
      offset: -1,
      userId: USER,
    },
    {
      list: 'followers',
      ownerId: OWNER,
      anchor: { kind: 'next', token: '18LAA581J5II7LA00C00ZZZZ' },
      offset: 999,
      userId: USER,
    },
    {
      list: 'followers',
      ownerId: OWNER,
      anchor: { kind: 'previous', token: 'DFEDBNRFT3MHCZZZ' },
      offset: -1000,
      userId: USER,
    },
  ];

  it('round-trips every anchor kind with ids above 2^53 intact', () => {
    for (const cursor of cursors) {
      const text = encodeCursor(cursor);
      expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(text, expected, 'after')).toEqual(cursor);
    }
  });

  it('is opaque: the token does not appear in the text', () => {
    expect(encodeCursor(cursors[1] as EdgeCursor)).not.toContain('DFEDBNRFT3MHCZZZ');
  });

  it('rejects garbage, another version and broken parts with BAD_USER_INPUT naming the argument', () => {
    const bad = [
      '',
      'not a cursor!',
      'YWJj',
      raw(`2~f~${OWNER}~s~~0~${USER}`),
      raw(`1~x~${OWNER}~s~~0~${USER}`),
      raw(`1~f~12a~s~~0~${USER}`),
      raw(`1~f~${OWNER}~s~tok~0~${USER}`),
      raw(`1~f~${OWNER}~n~~0~${USER}`),
      raw(`1~f~${OWNER}~n~DFEDBNRFT3MHCZZZ~1000~${USER}`),
      raw(`1~f~${OWNER}~n~DFEDBNRFT3MHCZZZ~-2~${USER}`),
      raw(`1~f~${OWNER}~p~DFEDBNRFT3MHCZZZ~1~${USER}`),
      raw(`1~f~${OWNER}~s~~-0~${USER}`),
      raw(`1~f~${OWNER}~s~~0~12345678901234567890`),
      raw(`1~f~${OWNER}~s~~0`),
      `${encodeCursor(cursors[0] as EdgeCursor)}=`,
      'x'.repeat(2000),
    ];
    for (const text of bad) {
      const error = decodeError(text);
      expect(error, text).toBeInstanceOf(BadUserInputError);
      expect((error as Error).message).toContain('`after`');
    }
  });

  it("rejects another owner's or another kind's cursor", () => {
    const text = encodeCursor(cursors[0] as EdgeCursor);
    expect(decodeError(text, { list: 'followers', ownerId: '12' })).toBeInstanceOf(BadUserInputError);
    expect(decodeError(text, { list: 'following', ownerId: OWNER })).toBeInstanceOf(BadUserInputError);
    expect(decodeError(text, { list: 'followers' })).toBeUndefined();
  });
});
