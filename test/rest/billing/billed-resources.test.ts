import { describe, expect, it } from 'vitest';
import type { XBody } from '../../../src/rest/answers/parse-response.ts';
import { billedResourcesOf } from '../../../src/rest/billing/billed-resources.ts';

describe('billedResourcesOf', () => {
  it('bills a followers page’s users as follows and its expansions by kind', () => {
    const body = {
      data: [{ id: '1' }, { id: '2' }],
      includes: { tweets: [{ id: '10' }], users: [{ id: '3' }] },
      meta: { result_count: 2 },
    } as unknown as XBody;
    expect(billedResourcesOf('GET /2/users/:id/followers', body)).toEqual({
      users: ['3'],
      follows: ['1', '2'],
      posts: ['10'],
    });
  });

  it('bills a single user’s lookup as a user, and nothing for an answer without data', () => {
    const user = { data: { id: '7' } } as unknown as XBody;
    expect(billedResourcesOf('GET /2/users/:id', user)).toEqual({ users: ['7'], follows: [], posts: [] });
    const empty = { meta: { result_count: 0 } } as unknown as XBody;
    expect(billedResourcesOf('GET /2/users/:id/followers', empty)).toEqual({
      users: [],
      follows: [],
      posts: [],
    });
  });

  it('leaves out resources without a string id', () => {
    const body = { data: [{ id: 1 }, { id: '2' }, {}] } as unknown as XBody;
    expect(billedResourcesOf('GET /2/users', body)).toEqual({ users: ['2'], follows: [], posts: [] });
  });
});
