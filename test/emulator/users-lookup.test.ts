import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatorHandle } from '../../src/emulator/start-emulator.ts';
import { startFakeEmulator, xGet } from '../fixtures/emulator-client.ts';
import { FAKE_INDEX, fakeUserId } from '../fixtures/emulator-fake-store.ts';

const TWITTER_DEV = fakeUserId(FAKE_INDEX.twitterDev);
const SUSPENDED = fakeUserId(FAKE_INDEX.suspended);

let emulator: EmulatorHandle;
beforeAll(async () => {
  emulator = await startFakeEmulator();
});
afterAll(() => emulator.close());

describe('user lookups', () => {
  it('answers GET /2/users/:id with the default fields', async () => {
    const answer = await xGet(emulator, `/2/users/${TWITTER_DEV}`);
    expect(answer.body).toEqual({ data: { id: TWITTER_DEV, name: 'Twitter Dev', username: 'TwitterDev' } });
  });

  it('answers GET /2/users/by/username/:username case-insensitively', async () => {
    const answer = await xGet(emulator, '/2/users/by/username/twitterdev?user.fields=description');
    expect(answer.body.data).toMatchObject({
      id: TWITTER_DEV,
      username: 'TwitterDev',
      description: expect.any(String),
    });
  });

  it('reports an unknown username as a resource-not-found error', async () => {
    const answer = await xGet(emulator, '/2/users/by/username/nobody_here');
    expect(answer.body).toEqual({
      errors: [
        expect.objectContaining({
          detail: 'Could not find user with username: [nobody_here].',
          parameter: 'username',
          value: 'nobody_here',
          resource_type: 'user',
        }),
      ],
    });
  });

  it('answers GET /2/users?ids= in the order asked, with errors for missing and suspended users', async () => {
    const ids = [fakeUserId(11), '999', TWITTER_DEV, SUSPENDED, fakeUserId(11)];
    const answer = await xGet(emulator, `/2/users?ids=${ids.join(',')}`);
    expect(answer.body.data.map((u: { id: string }) => u.id)).toEqual([fakeUserId(11), TWITTER_DEV]);
    expect(answer.body.errors).toEqual([
      expect.objectContaining({
        detail: 'Could not find user with ids: [999].',
        parameter: 'ids',
        value: '999',
      }),
      expect.objectContaining({
        detail: `User has been suspended: [${SUSPENDED}].`,
        title: 'Forbidden',
        parameter: 'ids',
        type: 'https://api.twitter.com/2/problems/resource-not-found',
      }),
    ]);
  });

  it('answers GET /2/users/by?usernames= with the users found', async () => {
    const answer = await xGet(
      emulator,
      '/2/users/by?usernames=fake_user_3,TwitterDev,ghost&user.fields=protected',
    );
    expect(answer.body.data).toEqual([
      { id: fakeUserId(3), name: 'Fake User 3', username: 'fake_user_3', protected: true },
      { id: TWITTER_DEV, name: 'Twitter Dev', username: 'TwitterDev', protected: false },
    ]);
    expect(answer.body.errors).toEqual([
      expect.objectContaining({
        detail: 'Could not find user with usernames: [ghost].',
        parameter: 'usernames',
      }),
    ]);
  });

  it('reports a suspended user looked up by username by that username', async () => {
    const username = `fake_user_${FAKE_INDEX.suspended}`;
    const answer = await xGet(emulator, `/2/users/by/username/${username}`);
    expect(answer.body).toEqual({
      errors: [
        {
          value: username,
          detail: `User has been suspended: [${username}].`,
          title: 'Forbidden',
          resource_type: 'user',
          parameter: 'username',
          resource_id: username,
          type: 'https://api.twitter.com/2/problems/resource-not-found',
        },
      ],
    });
  });

  it('answers only errors when no user of the list exists', async () => {
    const answer = await xGet(emulator, '/2/users?ids=1,2');
    expect(Object.keys(answer.body)).toEqual(['errors']);
    expect(answer.body.errors).toHaveLength(2);
  });

  it('shows withheld information only when asked', async () => {
    const id = fakeUserId(FAKE_INDEX.withheld);
    expect((await xGet(emulator, `/2/users/${id}`)).body.data.withheld).toBeUndefined();
    const asked = await xGet(emulator, `/2/users/${id}?user.fields=withheld`);
    expect(asked.body.data.withheld).toEqual({ country_codes: ['DE'], scope: 'user' });
  });

  it('expands pinned tweets of several users into includes without repeats', async () => {
    const answer = await xGet(
      emulator,
      `/2/users?ids=${fakeUserId(10)},${fakeUserId(12)}&expansions=pinned_tweet_id,most_recent_tweet_id`,
    );
    expect(answer.body.includes.tweets.map((t: { id: string }) => t.id)).toEqual([
      '1500000000000000010',
      '1500000000000000012',
    ]);
  });

  it('reports connection_status relative to the user-context caller, and not to app-only callers', async () => {
    const path = `/2/users?ids=${TWITTER_DEV},${fakeUserId(FAKE_INDEX.celebrity)},${fakeUserId(11)}&user.fields=connection_status`;
    const app = await xGet(emulator, path);
    expect(app.body.data.some((u: object) => 'connection_status' in u)).toBe(false);
    const asUser = await xGet(emulator, path, { token: emulator.issueUserToken(fakeUserId(10)) });
    expect(asUser.body.data.map((u: { connection_status: string[] }) => u.connection_status)).toEqual([
      ['following'],
      ['following'],
      [],
    ]);
    const asDev = await xGet(emulator, `/2/users/${fakeUserId(10)}?user.fields=connection_status`, {
      token: emulator.issueUserToken(TWITTER_DEV),
    });
    expect(asDev.body.data.connection_status).toEqual(['followed_by']);
  });
});
