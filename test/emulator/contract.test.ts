import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TWEET_EXPANSION_VALUES,
  TWEET_FIELD_VALUES,
  USER_EXPANSION_VALUES,
  USER_FIELD_VALUES,
} from '../../src/emulator/http/spec-enums.ts';
import { type EmulatorHandle, startEmulator } from '../../src/emulator/start-emulator.ts';
import { xGet } from '../fixtures/emulator-client.ts';

let emulator: EmulatorHandle;
beforeAll(async () => {
  emulator = await startEmulator({ rateLimit: 'off' });
});
afterAll(() => emulator.close());

/** A query string part `name=a,b,c`, or nothing for an empty selection. */
function listParam(name: string, values: readonly string[]): string {
  return values.length > 0 ? `&${name}=${values.join(',')}` : '';
}

const userFields = fc.subarray([...USER_FIELD_VALUES]);
const tweetFields = fc.subarray([...TWEET_FIELD_VALUES]);

describe('the emulator against the 2.166 contract', () => {
  it('answers user endpoints within the spec for any user, fields, expansions and caller', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: emulator.store.userCount - 1 }),
        fc.constantFrom('followers', 'following', 'user', 'username', 'me'),
        fc.integer({ min: 1, max: 50 }),
        userFields,
        tweetFields,
        fc.subarray([...USER_EXPANSION_VALUES]),
        fc.boolean(),
        async (index, endpoint, max, fields, tweetFieldList, expansions, asUser) => {
          const user = emulator.store.userAt(index);
          const query =
            listParam('user.fields', fields) +
            listParam('tweet.fields', tweetFieldList) +
            listParam('expansions', expansions);
          const path = {
            followers: `/2/users/${user.id}/followers?max_results=${max}${query}`,
            following: `/2/users/${user.id}/following?max_results=${max}${query}`,
            user: `/2/users/${user.id}?${query.slice(1)}`,
            username: `/2/users/by/username/${user.username}?${query.slice(1)}`,
            me: `/2/users/me?${query.slice(1)}`,
          }[endpoint];
          const usable = !user.suspended;
          const token = asUser && usable ? emulator.issueUserToken(user.id) : undefined;
          const answer = await xGet(emulator, path, token ? { token } : {});
          expect(answer.status).toBe(endpoint === 'me' && !token ? 403 : 200);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('answers tweet lookups within the spec for any tweets, fields, expansions and caller', async () => {
    const pinned = (index: number): string | undefined => emulator.store.userAt(index).pinnedTweetId;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: emulator.store.userCount - 1 }), { minLength: 1, maxLength: 5 }),
        tweetFields,
        userFields,
        fc.subarray([...TWEET_EXPANSION_VALUES]),
        fc.boolean(),
        async (indices, fields, userFieldList, expansions, asAuthor) => {
          const ids = indices.map((i) => pinned(i) ?? '1');
          const query =
            listParam('tweet.fields', fields) +
            listParam('user.fields', userFieldList) +
            listParam('expansions', expansions);
          const author = emulator.store.userAt(indices[0] ?? 0);
          const token = asAuthor && !author.suspended ? emulator.issueUserToken(author.id) : undefined;
          const answer = await xGet(
            emulator,
            `/2/tweets?ids=${ids.join(',')}${query}`,
            token ? { token } : {},
          );
          expect(answer.status).toBe(200);
          const single = await xGet(
            emulator,
            `/2/tweets/${ids[0]}?${query.slice(1)}`,
            token ? { token } : {},
          );
          expect(single.status).toBe(200);
        },
      ),
      { numRuns: 60 },
    );
  });
});
