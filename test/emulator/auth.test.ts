import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserTokens } from '../../src/emulator/http/auth.ts';
import type { EmulatorHandle } from '../../src/emulator/start-emulator.ts';
import { startFakeEmulator, xGet } from '../fixtures/emulator-client.ts';
import { FAKE_INDEX, fakeUserId } from '../fixtures/emulator-fake-store.ts';

const UNAUTHORIZED = { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' };
const TWITTER_DEV = fakeUserId(FAKE_INDEX.twitterDev);
const PROTECTED = fakeUserId(FAKE_INDEX.protectedAccount);

let emulator: EmulatorHandle;
beforeAll(async () => {
  emulator = await startFakeEmulator({ appTokens: ['app-one', 'app-two'] });
});
afterAll(() => emulator.close());

describe('user tokens', () => {
  it('are stable for a key, differ per user and per key, and verify only unaltered', () => {
    const tokens = createUserTokens('k1');
    const token = tokens.issue('12');
    expect(tokens.issue('12')).toBe(token);
    expect(tokens.issue('13')).not.toBe(token);
    expect(createUserTokens('k2').issue('12')).not.toBe(token);
    expect(tokens.verify(token)).toBe('12');
    expect(createUserTokens('k2').verify(token)).toBeUndefined();
    const forged = Buffer.from(Buffer.from(token, 'base64url').toString().replace('u12.', 'u13.')).toString(
      'base64url',
    );
    expect(tokens.verify(forged)).toBeUndefined();
    expect(tokens.verify('not a token')).toBeUndefined();
  });
});

describe('authentication', () => {
  it('answers X’s 401 to missing, unknown, forged and malformed credentials', async () => {
    const forged = Buffer.from(`u${TWITTER_DEV}.${'0'.repeat(40)}`).toString('base64url');
    const cases = [
      { token: null },
      { token: 'emulator-app-token' },
      { token: forged },
      { authorization: 'Basic dXNlcjpwYXNz' },
      { authorization: 'OAuth oauth_consumer_key="x"' },
      { authorization: 'Bearer' },
    ];
    for (const options of cases) {
      const answer = await xGet(emulator, `/2/users/${TWITTER_DEV}`, options);
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual(UNAUTHORIZED);
    }
    expect(emulator.requests.slice(-cases.length).every((r) => r.principal === undefined)).toBe(true);
  });

  it('accepts each configured app token as its own principal and never logs a token', async () => {
    await xGet(emulator, `/2/users/${TWITTER_DEV}`, { token: 'app-one' });
    await xGet(emulator, `/2/users/${TWITTER_DEV}`, { token: 'app-two' });
    expect(emulator.requests.slice(-2).map((r) => r.principal)).toEqual([
      { kind: 'app', key: 'app:1' },
      { kind: 'app', key: 'app:2' },
    ]);
    expect(JSON.stringify(emulator.requests)).not.toMatch(/app-one|app-two/);
  });

  it('serves /2/users/me to a user token as that user', async () => {
    const answer = await xGet(emulator, '/2/users/me?user.fields=created_at', {
      token: emulator.issueUserToken(TWITTER_DEV),
    });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toMatchObject({
      id: TWITTER_DEV,
      username: 'TwitterDev',
      created_at: expect.any(String),
    });
  });

  it('answers 403 unsupported-authentication to /2/users/me with an app token', async () => {
    const answer = await xGet(emulator, '/2/users/me', { token: 'app-one' });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({
      title: 'Unsupported Authentication',
      type: 'https://api.twitter.com/2/problems/unsupported-authentication',
      status: 403,
    });
  });

  it('refuses to issue tokens for unknown users, and refuses tokens of suspended users', async () => {
    expect(() => emulator.issueUserToken('1')).toThrow(/no emulated user/);
    const token = emulator.issueUserToken(fakeUserId(FAKE_INDEX.suspended));
    expect((await xGet(emulator, '/2/users/me', { token })).status).toBe(401);
  });
});

describe('protected accounts', () => {
  const path = `/2/users/${PROTECTED}/followers`;
  const withheld = {
    errors: [
      {
        value: PROTECTED,
        detail: `Sorry, you are not authorized to see the user with id: [${PROTECTED}].`,
        title: 'Authorization Error',
        resource_type: 'user',
        parameter: 'id',
        resource_id: PROTECTED,
        section: 'data',
        type: 'https://api.twitter.com/2/problems/not-authorized-for-resource',
      },
    ],
  };

  it('hides their lists from app tokens and from users who do not follow them', async () => {
    expect((await xGet(emulator, path, { token: 'app-one' })).body).toEqual(withheld);
    const stranger = emulator.issueUserToken(fakeUserId(20));
    const answer = await xGet(emulator, `/2/users/${PROTECTED}/following`, { token: stranger });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(withheld);
  });

  it('shows their lists to themselves and to their followers', async () => {
    const follower = emulator.issueUserToken(fakeUserId(FAKE_INDEX.protectedFollower));
    const own = emulator.issueUserToken(PROTECTED);
    for (const token of [follower, own]) {
      const answer = await xGet(emulator, path, { token });
      expect(answer.body.data.map((u: { id: string }) => u.id)).toEqual([4, 5, 6].map(fakeUserId));
    }
  });

  it('hides their tweets from non-followers', async () => {
    const tweetPath = `/2/tweets/1500000000000000003`;
    const hidden = await xGet(emulator, tweetPath, { token: 'app-one' });
    expect(hidden.body.errors[0]).toMatchObject({
      type: 'https://api.twitter.com/2/problems/not-authorized-for-resource',
      resource_type: 'tweet',
    });
    const follower = emulator.issueUserToken(fakeUserId(FAKE_INDEX.protectedFollower));
    expect((await xGet(emulator, tweetPath, { token: follower })).body.data.id).toBe('1500000000000000003');
  });

  it('withholds their pinned tweet from includes for non-followers, with an includes error', async () => {
    const path = `/2/users/${PROTECTED}?expansions=pinned_tweet_id`;
    const tweetId = '1500000000000000003';
    const hidden = await xGet(emulator, path, { token: 'app-one' });
    expect(hidden.body.data.pinned_tweet_id).toBe(tweetId);
    expect(hidden.body.includes).toBeUndefined();
    expect(hidden.body.errors).toEqual([
      expect.objectContaining({
        resource_type: 'tweet',
        parameter: 'pinned_tweet_id',
        resource_id: tweetId,
        section: 'includes',
        type: 'https://api.twitter.com/2/problems/not-authorized-for-resource',
      }),
    ]);
    const follower = emulator.issueUserToken(fakeUserId(FAKE_INDEX.protectedFollower));
    const shown = await xGet(emulator, path, { token: follower });
    expect(shown.body.includes.tweets[0].id).toBe(tweetId);
    expect(shown.body.errors).toBeUndefined();
  });
});
