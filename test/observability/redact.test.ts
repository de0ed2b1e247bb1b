import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED, redact } from '../../src/observability/redact.ts';

const APP_TOKEN =
  'AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI%3DEUifiRBkKG5E2XzMDjRfl76ZC9Ub0wnz4XsNiRVBChTYbJcE3F';
const USER_TOKEN = 'dGhpcy1pcy1hLXVzZXItdG9rZW4tZm9yLXRlc3RzOjE3MDAwMDAwMDA6MToxOmF0OjE';
const OAUTH_HEADER =
  'OAuth oauth_consumer_key="xvz1evFS4wEEPTGEFPHBog", oauth_nonce="kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", oauth_signature="tnnArxj06cWHq44gCs1OSKk%2FjY%3D", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1318622958", oauth_token="370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", oauth_version="1.0"';

describe('redact', () => {
  it('removes a bearer token from free text', () => {
    const out = redact(`upstream said no to Authorization: Bearer ${APP_TOKEN} today`) as string;
    expect(out).toBe(`upstream said no to Authorization: Bearer ${REDACTED} today`);
  });

  it('removes a whole OAuth 1.0a header value', () => {
    const out = redact({ header: OAUTH_HEADER }) as { header: string };
    expect(out.header).toBe(`OAuth ${REDACTED}`);
    expect(JSON.stringify(out)).not.toMatch(/370773112|tnnArxj06|xvz1evFS4w/);
  });

  it('keeps the words OAuth 1.0a when no header parameters follow', () => {
    expect(redact('auth: OAuth 1.0a user context')).toBe('auth: OAuth 1.0a user context');
  });

  it('removes oauth_ parameters and token query parameters from URLs', () => {
    const out = redact(
      'GET https://api.x.com/2/users/me?oauth_token=370773112-GmHxMAgYyLbNEtIKZe&access_token=abc123def&max_results=5',
    ) as string;
    expect(out).toBe(
      `GET https://api.x.com/2/users/me?oauth_token=${REDACTED}&access_token=${REDACTED}&max_results=5`,
    );
  });

  it('removes the password of a URL', () => {
    expect(redact('redis://default:hunter2-long@cache:6379/0')).toBe(`redis://${REDACTED}@cache:6379/0`);
  });

  it('replaces the values of secret-named keys at any depth, keeping other keys', () => {
    const input = {
      headers: { authorization: `Bearer ${USER_TOKEN}`, 'content-type': 'application/json' },
      oauth1: { consumerKey: 'ck', consumerSecret: 'cs', accessToken: 'at', accessTokenSecret: 'ats' },
      nested: [{ bearerToken: APP_TOKEN, nextToken: '7140dibdnow9c7btw3w29n4v' }],
      principalKey: '3f2a9c1b',
    };
    const out = redact(input);
    expect(out).toEqual({
      headers: { authorization: REDACTED, 'content-type': 'application/json' },
      oauth1: REDACTED,
      nested: [{ bearerToken: REDACTED, nextToken: '7140dibdnow9c7btw3w29n4v' }],
      principalKey: '3f2a9c1b',
    });
    expect(input.headers.authorization).toBe(`Bearer ${USER_TOKEN}`);
  });

  it('redacts Headers objects by name', () => {
    const headers = new Headers({ Authorization: `Bearer ${USER_TOKEN}`, 'x-request-id': 'abc' });
    expect(redact({ headers })).toEqual({ headers: { authorization: REDACTED, 'x-request-id': 'abc' } });
  });

  it('scrubs registered secret values wherever they appear, even without a label', () => {
    const scrub = createRedactor([APP_TOKEN, 'cs-secret-456', undefined, 'abc']);
    const out = scrub({ msg: `token was ${APP_TOKEN}`, list: ['cs-secret-456'], short: 'abc' });
    expect(out).toEqual({ msg: `token was ${REDACTED}`, list: [REDACTED], short: 'abc' });
  });

  it('serializes errors, redacting their messages and causes', () => {
    const error = new Error(`failed with Bearer ${USER_TOKEN}`, {
      cause: new Error(`OAuth ${OAUTH_HEADER}`),
    });
    const out = JSON.stringify(redact({ error }));
    expect(out).toContain('"name":"Error"');
    expect(out).not.toContain(USER_TOKEN);
    expect(out).not.toContain('370773112');
  });

  it('survives cycles and keeps dates and numbers', () => {
    const cyclic: Record<string, unknown> = { n: 1, at: new Date('2026-01-02T03:04:05.000Z') };
    cyclic.self = cyclic;
    expect(redact(cyclic)).toEqual({ n: 1, at: '2026-01-02T03:04:05.000Z', self: '[Circular]' });
  });
});
