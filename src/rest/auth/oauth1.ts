import { createHmac, randomBytes } from 'node:crypto';

/**
 * OAuth 1.0a request signing with HMAC-SHA1 (RFC 5849, section 3.4), as X's user-context "OAuth 1.0a" auth.
 * Only the `Authorization` header form is produced; nonce and timestamp are injectable for tests.
 */

/** The four OAuth 1.0a credentials (`X_CONSUMER_KEY`, `X_CONSUMER_SECRET`, `X_ACCESS_TOKEN`, `X_ACCESS_TOKEN_SECRET`). */
export interface OAuth1Credentials {
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly accessToken: string;
  readonly accessTokenSecret: string;
}

/** One request to sign. */
export interface OAuth1Request {
  /** HTTP method, any case. */
  readonly method: string;
  /** The full URL, query string included (its parameters are signed). */
  readonly url: string | URL;
  /** `application/x-www-form-urlencoded` body parameters, which are signed too. @default [] */
  readonly bodyParams?: readonly (readonly [string, string])[];
  /** `oauth_nonce`. @default 32 random bytes, hex */
  readonly nonce?: string;
  /** `oauth_timestamp`, Unix seconds. @default the current time */
  readonly timestamp?: number;
}

/** RFC 3986 percent-encoding as RFC 5849 section 3.6 requires (unreserved characters kept). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The signature base string of RFC 5849 section 3.4.1. */
export function signatureBaseString(
  method: string,
  url: URL,
  params: readonly (readonly [string, string])[],
): string {
  const encoded = params.map(([k, v]) => [percentEncode(k), percentEncode(v)] as const);
  encoded.sort(([ak, av], [bk, bv]) => (ak === bk ? compare(av, bv) : compare(ak, bk)));
  const normalised = encoded.map(([k, v]) => `${k}=${v}`).join('&');
  const baseUri = `${url.protocol}//${url.host.toLowerCase()}${url.pathname}`;
  return [method.toUpperCase(), percentEncode(baseUri), percentEncode(normalised)].join('&');
}

/** Signs a request and returns the value of its `Authorization` header. */
export function oauth1AuthorizationHeader(credentials: OAuth1Credentials, request: OAuth1Request): string {
  const url = new URL(request.url);
  const oauthParams: [string, string][] = [
    ['oauth_consumer_key', credentials.consumerKey],
    ['oauth_nonce', request.nonce ?? randomBytes(32).toString('hex')],
    ['oauth_signature_method', 'HMAC-SHA1'],
    ['oauth_timestamp', String(request.timestamp ?? Math.floor(Date.now() / 1000))],
    ['oauth_token', credentials.accessToken],
    ['oauth_version', '1.0'],
  ];
  const queryParams = [...url.searchParams.entries()];
  const base = signatureBaseString(request.method, url, [
    ...queryParams,
    ...(request.bodyParams ?? []),
    ...oauthParams,
  ]);
  const key = `${percentEncode(credentials.consumerSecret)}&${percentEncode(credentials.accessTokenSecret)}`;
  const signature = createHmac('sha1', key).update(base).digest('base64');
  const headerParams = [...oauthParams, ['oauth_signature', signature] as [string, string]];
  headerParams.sort(([a], [b]) => compare(a, b));
  return `OAuth ${headerParams.map(([k, v]) => `${percentEncode(k)}="${percentEncode(v)}"`).join(', ')}`;
}

/** Byte-order comparison of two ASCII strings (the encoded parameters are ASCII). */
function compare(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
