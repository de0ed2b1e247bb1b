import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOAuth1Verifier,
  hmacSha1Signature,
  type OAuth1Credentials,
  parseOAuthHeader,
  percentEncode,
  signatureBaseString,
} from '../../src/emulator/oauth1-verify.ts';
import { DEFAULT_OAUTH1_CREDENTIALS, type EmulatorHandle } from '../../src/emulator/start-emulator.ts';
import { startFakeEmulator, xGet } from '../fixtures/emulator-client.ts';

const NOW_MS = Date.UTC(2026, 5, 1);

/** Twitter's "Creating a signature" example (developer docs, OAuth 1.0a). */
const VECTOR = {
  method: 'POST',
  url: 'https://api.twitter.com/1.1/statuses/update.json',
  params: [
    ['status', 'Hello Ladies + Gentlemen, a signed OAuth request!'],
    ['include_entities', 'true'],
    ['oauth_consumer_key', 'xvz1evFS4wEEPTGEFPHBog'],
    ['oauth_nonce', 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg'],
    ['oauth_signature_method', 'HMAC-SHA1'],
    ['oauth_timestamp', '1318622958'],
    ['oauth_token', '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb'],
    ['oauth_version', '1.0'],
  ] as Array<[string, string]>,
  consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
  tokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
};

/** An independent OAuth 1.0a signer (RFC 5849), written for the test from the RFC, not from the verifier. */
function sign(
  method: string,
  url: string,
  creds: OAuth1Credentials,
  overrides: Record<string, string> = {},
): string {
  const enc = (s: string) =>
    encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const oauth: Record<string, string> = {
    oauth_consumer_key: creds.consumerKey,
    oauth_nonce: Math.random().toString(36).slice(2),
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: String(Math.floor(NOW_MS / 1000)),
    oauth_token: creds.accessToken,
    oauth_version: '1.0',
    ...overrides,
  };
  const parsed = new URL(url);
  const pairs = [...parsed.searchParams.entries(), ...Object.entries(oauth)].map(
    ([k, v]) => `${enc(k)}=${enc(v)}`,
  );
  const base = `${method}&${enc(`${parsed.origin}${parsed.pathname}`)}&${enc(pairs.sort().join('&'))}`;
  const key = `${enc(creds.consumerSecret)}&${enc(creds.accessTokenSecret)}`;
  oauth.oauth_signature = createHmac('sha1', key).update(base).digest('base64');
  return `OAuth ${Object.entries(oauth)
    .map(([k, v]) => `${enc(k)}="${enc(v)}"`)
    .join(', ')}`;
}

describe('oauth1-verify', () => {
  it('computes the Twitter documentation example’s base string and signature', () => {
    const base = signatureBaseString(VECTOR.method, VECTOR.url, VECTOR.params);
    expect(base).toBe(
      'POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521',
    );
    expect(hmacSha1Signature(base, VECTOR.consumerSecret, VECTOR.tokenSecret)).toBe(
      'hCtSmYh+iHYCEqBWrE7C7hYmtUk=',
    );
  });

  it('percent-encodes as RFC 3986 requires', () => {
    expect(percentEncode("Ladies + Gentlemen!*'()~._-")).toBe('Ladies%20%2B%20Gentlemen%21%2A%27%28%29~._-');
    expect(percentEncode('☃')).toBe('%E2%98%83');
  });

  it('keeps non-default ports in the base URL and drops default ones', () => {
    expect(signatureBaseString('get', 'HTTP://Example.COM:80/r?a=1', [])).toBe(
      'GET&http%3A%2F%2Fexample.com%2Fr&',
    );
    expect(signatureBaseString('GET', 'http://127.0.0.1:4010/2/users/me', [])).toBe(
      'GET&http%3A%2F%2F127.0.0.1%3A4010%2F2%2Fusers%2Fme&',
    );
  });

  it('parses header parameters and refuses malformed headers', () => {
    expect(parseOAuthHeader('OAuth oauth_token="a%20b", realm="x"')?.get('oauth_token')).toBe('a b');
    expect(parseOAuthHeader('OAuth oauth_token=a')).toBeUndefined();
    expect(parseOAuthHeader('Bearer x')).toBeUndefined();
  });

  it('accepts a signed request once, and refuses replays, stale timestamps and other secrets', () => {
    const verify = createOAuth1Verifier({ credentials: [DEFAULT_OAUTH1_CREDENTIALS], clock: () => NOW_MS });
    const url = 'http://127.0.0.1:4010/2/users/me?user.fields=created_at';
    const authorization = sign('GET', url, DEFAULT_OAUTH1_CREDENTIALS, { oauth_nonce: 'fixed-nonce' });
    expect(verify({ method: 'GET', url, authorization })).toMatchObject({ ok: true });
    expect(verify({ method: 'GET', url, authorization })).toEqual({
      ok: false,
      reason: 'nonce already used',
    });
    const stale = sign('GET', url, DEFAULT_OAUTH1_CREDENTIALS, {
      oauth_timestamp: String(NOW_MS / 1000 - 301),
    });
    expect(verify({ method: 'GET', url, authorization: stale })).toEqual({
      ok: false,
      reason: 'timestamp outside the window',
    });
    const wrong = sign('GET', url, { ...DEFAULT_OAUTH1_CREDENTIALS, consumerSecret: 'guess' });
    expect(verify({ method: 'GET', url, authorization: wrong })).toEqual({
      ok: false,
      reason: 'bad signature',
    });
    const tampered = sign('GET', url, DEFAULT_OAUTH1_CREDENTIALS);
    expect(verify({ method: 'GET', url: `${url},description`, authorization: tampered })).toEqual({
      ok: false,
      reason: 'bad signature',
    });
  });
});

describe('OAuth 1.0a over HTTP', () => {
  let emulator: EmulatorHandle;
  beforeAll(async () => {
    emulator = await startFakeEmulator({ clock: () => NOW_MS });
  });
  afterAll(() => emulator.close());

  it('serves /2/users/me as the credentials’ user', async () => {
    const url = `${emulator.url}/2/users/me?user.fields=created_at`;
    const answer = await xGet(emulator, '/2/users/me?user.fields=created_at', {
      authorization: sign('GET', url, DEFAULT_OAUTH1_CREDENTIALS),
    });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toMatchObject({ id: '2244994945', username: 'TwitterDev' });
    expect(emulator.requests.at(-1)?.principal).toEqual({ kind: 'oauth1', key: 'oauth1:2244994945' });
  });

  it('answers 401 to a request whose query was changed after signing', async () => {
    const signed = sign(
      'GET',
      `${emulator.url}/2/users/me?user.fields=created_at`,
      DEFAULT_OAUTH1_CREDENTIALS,
    );
    const answer = await xGet(emulator, '/2/users/me?user.fields=description', { authorization: signed });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({
      title: 'Unauthorized',
      type: 'about:blank',
      status: 401,
      detail: 'Unauthorized',
    });
  });
});
