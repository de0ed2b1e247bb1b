import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createOAuth1Verifier } from '../../../src/emulator/oauth1-verify.ts';
import {
  oauth1AuthorizationHeader,
  percentEncode,
  signatureBaseString,
} from '../../../src/rest/auth/oauth1.ts';

/** Parses `OAuth k="v", ...` into decoded pairs. */
function parseHeader(header: string): Record<string, string> {
  expect(header.startsWith('OAuth ')).toBe(true);
  return Object.fromEntries(
    header
      .slice(6)
      .split(', ')
      .map((part) => {
        const match = /^([a-z_]+)="([^"]*)"$/.exec(part);
        expect(match).not.toBeNull();
        return [match?.[1] ?? '', decodeURIComponent(match?.[2] ?? '')];
      }),
  );
}

// Twitter's documented example, "Creating a signature" (developer.x.com, OAuth 1.0a authentication).
const TWITTER = {
  credentials: {
    consumerKey: 'xvz1evFS4wEEPTGEFPHBog',
    consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
    accessToken: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
    accessTokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
  },
  request: {
    method: 'POST',
    url: 'https://api.twitter.com/1.1/statuses/update.json?include_entities=true',
    bodyParams: [['status', 'Hello Ladies + Gentlemen, a signed OAuth request!']] as [string, string][],
    nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg',
    timestamp: 1318622958,
  },
};

describe('oauth1AuthorizationHeader', () => {
  it("reproduces the signature of Twitter's documented example", () => {
    const params = parseHeader(oauth1AuthorizationHeader(TWITTER.credentials, TWITTER.request));
    expect(params).toEqual({
      oauth_consumer_key: 'xvz1evFS4wEEPTGEFPHBog',
      oauth_nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg',
      oauth_signature: 'hCtSmYh+iHYCEqBWrE7C7hYmtUk=',
      oauth_signature_method: 'HMAC-SHA1',
      oauth_timestamp: '1318622958',
      oauth_token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
      oauth_version: '1.0',
    });
  });

  it('reproduces the HMAC-SHA1 example of the OAuth 1.0 specification (appendix A.5)', () => {
    const header = oauth1AuthorizationHeader(
      {
        consumerKey: 'dpf43f3p2l4k3l03',
        consumerSecret: 'kd94hf93k423kf44',
        accessToken: 'nnch734d00sl2jdk',
        accessTokenSecret: 'pfkkdhi9sl3r4s00',
      },
      {
        method: 'GET',
        url: 'http://photos.example.net/photos?file=vacation.jpg&size=original',
        nonce: 'kllo9940pd9333jh',
        timestamp: 1191242096,
      },
    );
    expect(parseHeader(header).oauth_signature).toBe('tR3+Ty81lMeYAr/Fid0kMTYa/WM=');
  });

  it('changes the signature when a query parameter changes', () => {
    const sign = (url: string) =>
      parseHeader(
        oauth1AuthorizationHeader(TWITTER.credentials, { method: 'GET', url, nonce: 'n', timestamp: 1 }),
      ).oauth_signature;
    expect(sign('https://api.x.com/2/users/me?user.fields=id')).not.toBe(
      sign('https://api.x.com/2/users/me?user.fields=url'),
    );
  });

  it('uses a fresh random nonce when none is given', () => {
    const nonce = () =>
      parseHeader(
        oauth1AuthorizationHeader(TWITTER.credentials, {
          method: 'GET',
          url: 'https://api.x.com/2/users/me',
        }),
      ).oauth_nonce;
    expect(nonce()).toMatch(/^[0-9a-f]{64}$/);
    expect(nonce()).not.toBe(nonce());
  });
});

describe('signatureBaseString', () => {
  it("builds Twitter's documented signature base string", () => {
    const { request, credentials } = TWITTER;
    const base = signatureBaseString(request.method, new URL(request.url), [
      ['include_entities', 'true'],
      ...request.bodyParams,
      ['oauth_consumer_key', credentials.consumerKey],
      ['oauth_nonce', request.nonce],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', String(request.timestamp)],
      ['oauth_token', credentials.accessToken],
      ['oauth_version', '1.0'],
    ]);
    expect(base).toBe(
      'POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26' +
        'oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26' +
        'oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26' +
        'oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26' +
        'status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521',
    );
  });

  it('keeps a non-default port and drops a default one', () => {
    expect(signatureBaseString('GET', new URL('http://127.0.0.1:4010/2/users/me'), [])).toBe(
      'GET&http%3A%2F%2F127.0.0.1%3A4010%2F2%2Fusers%2Fme&',
    );
    expect(signatureBaseString('GET', new URL('https://API.x.com:443/2/users/me'), [])).toBe(
      'GET&https%3A%2F%2Fapi.x.com%2F2%2Fusers%2Fme&',
    );
  });
});

describe('percentEncode', () => {
  it('encodes everything but RFC 3986 unreserved characters', () => {
    expect(percentEncode("Ladies + Gentlemen, a signed OAuth request!*'()~-._")).toBe(
      'Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21%2A%27%28%29~-._',
    );
    expect(percentEncode('☃')).toBe('%E2%98%83');
  });
});

describe('oauth1AuthorizationHeader with the emulator verifier', () => {
  it('produces signatures an independent RFC 5849 verifier accepts, for any query values', () => {
    const credentials = {
      consumerKey: 'ck',
      consumerSecret: 'c s&é',
      accessToken: '1-at',
      accessTokenSecret: 'a+s/%',
      userId: '1',
    };
    const now = Date.UTC(2026, 0, 1);
    const verify = createOAuth1Verifier({ credentials: [credentials], clock: () => now });
    let runs = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom('ids', 'user.fields', 'x y', 'ä'), fc.string({ unit: 'grapheme' })),
          { maxLength: 4 },
        ),
        fc.stringMatching(/^[A-Za-z0-9]{8,32}$/),
        (params, nonce) => {
          const url = new URL('http://127.0.0.1:4010/2/users');
          for (const [name, value] of params) url.searchParams.append(name, value);
          const authorization = oauth1AuthorizationHeader(credentials, {
            method: 'GET',
            url,
            nonce: `${nonce}${runs++}`, // the verifier refuses a replayed nonce
            timestamp: Math.floor(now / 1000),
          });
          expect(verify({ method: 'GET', url: url.href, authorization })).toMatchObject({ ok: true });
        },
      ),
      { numRuns: 200 },
    );
  });
});
