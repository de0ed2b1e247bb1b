import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../src/rest/errors.ts';
import {
  batches,
  callQuery,
  canonicalQuery,
  normaliseIds,
  normaliseUsernames,
  tweetFieldSets,
  userFieldSets,
  validateId,
  validateMaxResults,
  validatePaginationToken,
} from '../../src/rest/query-params.ts';
import { USER_FIELDS, type UserField } from '../../src/rest/x-types.ts';

describe('validateId', () => {
  it('accepts decimal strings of 1 to 19 digits, the largest ids included', () => {
    expect(validateId('0', 'id')).toBe('0');
    expect(validateId('9999999999999999999', 'id')).toBe('9999999999999999999');
  });

  it('rejects anything else with BAD_USER_INPUT naming the argument', () => {
    for (const bad of ['', '1.5', '1e3', '12345678901234567890', '０', 42, null, undefined]) {
      expect(() => validateId(bad, 'restId')).toThrow(BadUserInputError);
    }
    expect(() => validateId('abc', 'restId')).toThrow(
      'restId must be an X id, a decimal string of 1 to 19 digits; got "abc".',
    );
  });
});

describe('validateMaxResults', () => {
  it('accepts integers from 1 to 1000 only', () => {
    expect(validateMaxResults(1)).toBe(1);
    expect(validateMaxResults(1000)).toBe(1000);
    for (const bad of [0, 1001, 2.5, Number.NaN, '10'])
      expect(() => validateMaxResults(bad)).toThrow(/maxResults/);
  });
});

describe('validatePaginationToken', () => {
  it('accepts visible ASCII tokens and rejects empty, spaced or control-character ones', () => {
    expect(validatePaginationToken('DFEDBNRFT3MHCZZZ')).toBe('DFEDBNRFT3MHCZZZ');
    for (const bad of ['', 'a b', 'a\nb', 'é', 'x'.repeat(513)]) {
      expect(() => validatePaginationToken(bad)).toThrow(/paginationToken/);
    }
  });
});

describe('normaliseIds', () => {
  it('de-duplicates and orders ids numerically', () => {
    expect(normaliseIds(['20', '3', '100', '3'], 'ids')).toEqual(['3', '20', '100']);
  });

  it('names the position of a bad id', () => {
    expect(() => normaliseIds(['1', '2', 'x'], 'restIds')).toThrow(/restIds\[2\]/);
  });
});

describe('normaliseUsernames', () => {
  it('lower-cases, de-duplicates and sorts usernames', () => {
    expect(normaliseUsernames(['TwitterDev', 'twitterdev', 'Alpha_1'], 'usernames')).toEqual([
      'alpha_1',
      'twitterdev',
    ]);
    expect(() => normaliseUsernames(['sixteen_chars_xx'], 'usernames')).toThrow(BadUserInputError);
  });
});

describe('batches', () => {
  it('splits into consecutive batches of at most 100', () => {
    const items = Array.from({ length: 201 }, (_, i) => i);
    expect(batches(items).map((b) => b.length)).toEqual([100, 100, 1]);
    expect(batches([])).toEqual([]);
  });
});

describe('userFieldSets', () => {
  it('sorts, de-duplicates and drops default fields and empty lists', () => {
    expect(
      userFieldSets({
        userFields: ['url', 'id', 'created_at', 'url', 'username'],
        tweetFields: ['text', 'id'],
        expansions: ['pinned_tweet_id'],
      }),
    ).toEqual({ 'user.fields': ['created_at', 'url'], expansions: ['pinned_tweet_id'] });
  });

  it('rejects a field X does not know', () => {
    expect(() => userFieldSets({ userFields: [], tweetFields: ['bogus' as never], expansions: [] })).toThrow(
      /tweetFields/,
    );
  });

  it('works out the sets once for the same field lists, whatever object carries them', () => {
    const lists = { userFields: ['url'], tweetFields: ['lang'], expansions: ['pinned_tweet_id'] } as const;
    const page = userFieldSets({ ...lists, maxResults: 10 } as never);
    expect(userFieldSets({ ...lists, paginationToken: 'next' } as never)).toBe(page);
    // Equal lists in other arrays give equal (not shared) sets.
    expect(userFieldSets({ ...lists, userFields: ['url'] })).toEqual(page);
  });
});

describe('tweetFieldSets', () => {
  it('keeps only non-default tweet fields', () => {
    expect(tweetFieldSets({ tweetFields: ['edit_history_tweet_ids', 'lang', 'author_id'] })).toEqual({
      'tweet.fields': ['author_id', 'lang'],
    });
  });
});

describe('canonicalQuery', () => {
  it('orders parameters by name and joins lists with commas', () => {
    expect(canonicalQuery({ 'user.fields': ['a', 'b'], max_results: '5', expansions: ['x'] })).toBe(
      'expansions=x&max_results=5&user.fields=a%2Cb',
    );
    expect(canonicalQuery({})).toBe('');
  });
});

describe('callQuery', () => {
  it('writes parameters and field lists in one canonical order, as canonicalQuery does', () => {
    const fields = userFieldSets({
      userFields: ['url'],
      tweetFields: ['lang'],
      expansions: ['pinned_tweet_id'],
    });
    const params = { max_results: '10', pagination_token: 'a b' };
    expect(callQuery(params, fields)).toBe(canonicalQuery({ ...params, ...fields }));
    expect(callQuery(params, fields)).toBe(
      'expansions=pinned_tweet_id&max_results=10&pagination_token=a%20b&tweet.fields=lang&user.fields=url',
    );
    expect(callQuery({}, {})).toBe('');
  });
});

describe('userFieldSets normalisation', () => {
  it('gives equal field sets for any order and repetition of the same fields', () => {
    const fields = fc.subarray([...USER_FIELDS]);
    fc.assert(
      fc.property(fields, fc.array(fc.nat()), (chosen, picks) => {
        const shuffled = [...chosen].reverse();
        const repeated = [
          ...chosen,
          ...picks.map((i) => chosen[i % Math.max(1, chosen.length)]).filter(isField),
        ];
        const a = userFieldSets({ userFields: chosen, tweetFields: [], expansions: [] });
        const b = userFieldSets({ userFields: [...shuffled, ...repeated], tweetFields: [], expansions: [] });
        expect(canonicalQuery(b)).toBe(canonicalQuery(a));
      }),
    );
  });
});

/** Narrows an optional pick to a field. */
function isField(value: UserField | undefined): value is UserField {
  return value !== undefined;
}
