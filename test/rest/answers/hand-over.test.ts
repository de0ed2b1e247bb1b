import { describe, expect, it } from 'vitest';
import { TAKEN_BODY, takeBody } from '../../../src/rest/answers/hand-over.ts';
import type { XBody } from '../../../src/rest/answers/parse-response.ts';

describe('takeBody', () => {
  it('returns the body and leaves the record holding the empty taken body', () => {
    const body: XBody = { data: [{ id: '1', name: 'One', username: 'one' }] };
    const record = { body, fetchedAt: 1 };
    expect(takeBody(record)).toBe(body);
    expect(record.body).toBe(TAKEN_BODY);
    expect(record.body).toEqual({});
  });

  it('leaves the body itself whole, for the cache and coalesced calls that share it', () => {
    const body: XBody = { data: [{ id: '1', name: 'One', username: 'one' }], meta: { result_count: 1 } };
    const cached = { body };
    takeBody({ body });
    expect(cached.body).toEqual({
      data: [{ id: '1', name: 'One', username: 'one' }],
      meta: { result_count: 1 },
    });
    expect(Object.isFrozen(TAKEN_BODY)).toBe(true);
  });
});
