import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TWEET_FIELD_VALUES,
  USER_EXPANSION_VALUES,
  USER_FIELD_VALUES,
} from '../../src/emulator/http/spec-enums.ts';
import { type EmulatorHandle, startEmulator } from '../../src/emulator/start-emulator.ts';
import { xGet } from '../fixtures/emulator-client.ts';

/** The example users of the documentation page of GET /2/users/:id/followers, in order. */
const DOC_USERS = [
  ['6253282', 'Twitter API', 'TwitterAPI', '1293595870563381249'],
  ['2244994945', 'Twitter Dev', 'TwitterDev', '1293593516040269825'],
  ['783214', 'Twitter', 'Twitter', undefined],
  ['95731075', 'Twitter Safety', 'TwitterSafety', '1271186240323432452'],
  ['3260518932', 'Twitter Moments', 'TwitterMoments', undefined],
  ['373471064', 'Twitter Music', 'TwitterMusic', '1293216056274759680'],
  ['791978718', 'Twitter Official Partner', 'OfficialPartner', undefined],
  ['17874544', 'Twitter Support', 'TwitterSupport', '1289000334497439744'],
  ['234489024', 'Twitter Comms', 'TwitterComms', '1283543147444711424'],
  ['1526228120', 'Twitter Data', 'TwitterData', undefined],
] as const;

let emulator: EmulatorHandle;
beforeAll(async () => {
  emulator = await startEmulator({ rateLimit: 'off' });
});
afterAll(() => emulator.close());

describe('the emulator over the seeded world', () => {
  it('reproduces the documentation page’s default-fields example', async () => {
    const answer = await xGet(emulator, '/2/users/2244994945/followers');
    expect(answer.body.data).toHaveLength(100);
    expect(answer.body.data.slice(0, 10)).toEqual(
      DOC_USERS.map(([id, name, username]) => ({ id, name, username })),
    );
    expect(answer.body.meta.next_token).toMatch(/^[0-9A-Z]{16,}$/);
  });

  it('reproduces the documentation page’s optional-fields example', async () => {
    const answer = await xGet(
      emulator,
      '/2/users/2244994945/followers?user.fields=created_at&tweet.fields=created_at&expansions=pinned_tweet_id&max_results=10',
    );
    expect(answer.body.data).toEqual(
      DOC_USERS.map(([id, name, username, pinned]) => ({
        id,
        name,
        username,
        created_at: expect.any(String),
        ...(pinned ? { pinned_tweet_id: pinned } : {}),
      })),
    );
    const pinned = DOC_USERS.flatMap(([, , , tweet]) => (tweet ? [tweet] : []));
    expect(answer.body.includes.tweets.map((t: { id: string }) => t.id)).toEqual(pinned);
    for (const tweet of answer.body.includes.tweets) {
      expect(Object.keys(tweet).sort()).toEqual(['created_at', 'edit_history_tweet_ids', 'id', 'text']);
    }
    expect(answer.body.includes.tweets[1].text).toMatch(
      /^It’s finally here! 🥁 Say hello to the new #TwitterAPI\./,
    );
    expect(answer.body.meta).toEqual({
      result_count: 10,
      next_token: expect.stringMatching(/^[0-9A-Z]{16,}$/),
    });
  });

  it('answers every field and expansion of 1,000 real followers within the contract', async () => {
    const answer = await xGet(
      emulator,
      `/2/users/${emulator.store.notable.twitterDev}/following?max_results=1000&user.fields=${USER_FIELD_VALUES.join(',')}` +
        `&tweet.fields=${TWEET_FIELD_VALUES.join(',')}&expansions=${USER_EXPANSION_VALUES.join(',')}`,
    );
    expect(answer.status).toBe(200);
    const second = await xGet(
      emulator,
      `/2/users/2244994945/followers?max_results=1000&pagination_token=${(await xGet(emulator, '/2/users/2244994945/followers?max_results=1000')).body.meta.next_token}` +
        `&user.fields=${USER_FIELD_VALUES.join(',')}&tweet.fields=${TWEET_FIELD_VALUES.join(',')}&expansions=pinned_tweet_id`,
    );
    expect(second.body.data).toHaveLength(1000);
  });

  it('reports the notable accounts as X does', async () => {
    const { notable } = emulator.store;
    const suspended = await xGet(emulator, `/2/users/${notable.suspended}`);
    expect(suspended.body.errors[0]).toMatchObject({
      title: 'Forbidden',
      detail: `User has been suspended: [${notable.suspended}].`,
    });
    const deleted = await xGet(emulator, `/2/users/${notable.deletedPinned}?expansions=pinned_tweet_id`);
    expect(deleted.body.errors[0]).toMatchObject({ resource_type: 'tweet', parameter: 'pinned_tweet_id' });
    const hidden = await xGet(emulator, `/2/users/${notable.protectedAccount}/followers`);
    expect(hidden.body.errors[0].type).toBe('https://api.twitter.com/2/problems/not-authorized-for-resource');
    const token = emulator.issueUserToken(notable.protectedFollower);
    const shown = await xGet(emulator, `/2/users/${notable.protectedAccount}/followers`, { token });
    expect(shown.body.meta.result_count).toBeGreaterThan(0);
    const withheld = await xGet(emulator, `/2/users/${notable.withheld}?user.fields=withheld`);
    expect(withheld.body.data.withheld).toBeDefined();
    expect((await xGet(emulator, `/2/users/${notable.loner}/followers`)).body).toEqual({
      meta: { result_count: 0 },
    });
  });

  it('walks a celebrity’s whole followers list exactly once, in order, with random page sizes', async () => {
    const celebrity = emulator.store.notable.celebrities.at(-1) ?? '';
    const list = emulator.store.followers(celebrity);
    expect(list.length).toBeGreaterThanOrEqual(50_000);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 700, max: 1000 }), { minLength: 1, maxLength: 5 }),
        async (sizes) => {
          let index = 0;
          let token: string | undefined;
          let step = 0;
          do {
            const size = sizes[step++ % sizes.length] ?? 1000;
            const query = `?max_results=${size}${token ? `&pagination_token=${token}` : ''}`;
            const answer = await xGet(emulator, `/2/users/${celebrity}/followers${query}`);
            for (const user of answer.body.data) expect(user.id).toBe(list.idAt(index++));
            token = answer.body.meta.next_token;
          } while (token);
          expect(index).toBe(list.length);
        },
      ),
      // One run: a walk over 50,000+ followers takes some 70 requests of up to 1,000 users each.
      { numRuns: 1 },
    );
  }, 60_000);
});
