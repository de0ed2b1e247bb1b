import { describe, expect, it } from 'vitest';
import { principalKey, resolveCredential } from '../../../src/rest/auth/principal.ts';
import { UnauthenticatedError } from '../../../src/rest/errors.ts';

const URL_ME = new URL('https://api.x.com/2/users/me');
const OAUTH1 = { consumerKey: 'ck', consumerSecret: 'cs', accessToken: 'at', accessTokenSecret: 'ats' };

describe('resolveCredential', () => {
  it('prefers the request token, then OAuth 1.0a, then the app token', () => {
    const all = { bearerToken: 'app', oauth1: OAUTH1 };
    expect(resolveCredential(all, 'mine').principal.kind).toBe('user');
    expect(resolveCredential(all, 'mine').authorization('GET', URL_ME)).toBe('Bearer mine');
    expect(resolveCredential(all, undefined).principal.kind).toBe('oauth1');
    expect(resolveCredential(all, undefined).authorization('GET', URL_ME)).toMatch(
      /^OAuth oauth_consumer_key="ck"/,
    );
    expect(resolveCredential({ bearerToken: 'app' }, undefined).authorization('GET', URL_ME)).toBe(
      'Bearer app',
    );
  });

  it('fails every call with UNAUTHENTICATED naming what to configure when there is nothing', () => {
    const credential = resolveCredential({}, undefined);
    expect(() => credential.authorization('GET', URL_ME)).toThrow(UnauthenticatedError);
    expect(() => credential.authorization('GET', URL_ME)).toThrow(/X_BEARER_TOKEN.*X_ACCESS_TOKEN_SECRET/);
  });

  it('refuses a token that cannot go into a header, without echoing it', () => {
    const credential = resolveCredential({ bearerToken: 'app' }, 'bad token\r\n');
    expect(credential.principal.kind).toBe('user');
    expect(() => credential.authorization('GET', URL_ME)).toThrow(/malformed/);
    try {
      credential.authorization('GET', URL_ME);
    } catch (error) {
      expect((error as Error).message).not.toContain('bad token');
    }
  });

  it('never exposes the credential on the principal', () => {
    const credential = resolveCredential({ bearerToken: 'app-secret' }, 'user-secret');
    expect(JSON.stringify(credential)).not.toContain('secret');
    expect(Object.keys(credential.principal).sort()).toEqual(['key', 'kind']);
  });
});

describe('principalKey', () => {
  it('is a stable 16-hex digest that differs by kind and by token', () => {
    expect(principalKey('user', 't')).toMatch(/^[0-9a-f]{16}$/);
    expect(principalKey('user', 't')).toBe(principalKey('user', 't'));
    expect(principalKey('user', 't')).not.toBe(principalKey('app', 't'));
    expect(principalKey('user', 't')).not.toBe(principalKey('user', 'u'));
  });
});
