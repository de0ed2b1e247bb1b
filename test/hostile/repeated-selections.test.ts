import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LoggedGateway, startLoggedGateway } from '../fixtures/logged-gateway.ts';

/**
 * Hostile clients: one fragment spread in several selections of the same list. The executor merges the
 * selections and collects a fragment once per object, so a field of the fragment is one field: its
 * errors (X's `NOT_FOUND` or `FORBIDDEN` for a pinned tweet) are located once, at the fragment's field,
 * whether the page is projected (`src/projection/list-projection.ts`) or executed item by item.
 */

const PAGE = `{
  user(restId: "2244994945") {
    followers(first: 100) { nodes { ...Pinned } nodes { ...Pinned name } nodes { ...Pinned } }
  }
}
fragment Pinned on User { pinnedTweet { text } }`;

let gw: LoggedGateway;
beforeAll(async () => {
  gw = await startLoggedGateway();
});
afterAll(async () => {
  await gw.close();
});
beforeEach(() => gw.emulator.clearRequests());

describe('a fragment spread in several selections of one list', () => {
  it('answers with one call and each error located once, at the fragment', async () => {
    const { status, body } = await gw.post({ query: PAGE });
    expect(status).toBe(200);
    const errors = body.errors ?? [];
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(['NOT_FOUND', 'FORBIDDEN']).toContain(error.extensions?.code);
      expect(error.locations).toEqual([{ line: 6, column: 27 }]);
    }
    expect(gw.emulator.requests).toHaveLength(1);
    expect(gw.errorLines()).toEqual([]);
  });
});
