import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/rest/errors.ts';
import { toGraphQLError } from '../../src/schema/errors.ts';

describe('toGraphQLError', () => {
  it('carries the contract code and X’s problem, and no stack frames', () => {
    const error = toGraphQLError(
      new NotFoundError('gone', {
        upstream: { type: 'https://api.twitter.com/2/problems/x', title: 'Gone' },
      }),
    );
    expect(error.extensions).toMatchObject({ code: 'NOT_FOUND', upstream: { title: 'Gone' } });
    expect(error.stack?.split('\n').filter((line) => line.trim().startsWith('at '))).toEqual([]);
  });
});
