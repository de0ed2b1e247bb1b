/**
 * The emulator's side of OAuth 1.0a (RFC 5849): parses `Authorization: OAuth ...`, rebuilds the signature
 * base string, checks the HMAC-SHA1 signature with the configured secrets, the timestamp window and nonce
 * reuse. Independent of the gateway's signing code on purpose: the two must agree only through the RFC.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** One set of OAuth 1.0a credentials the emulator accepts, and the emulated user it acts as. */
export interface OAuth1Credentials {
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly accessToken: string;
  readonly accessTokenSecret: string;
  /** The emulated user these credentials belong to. */
  readonly userId: string;
}

/** The outcome of {@link verifyOAuth1}; `reason` is for tests and logs, never for the response body. */
export type OAuth1Result =
  | { readonly ok: true; readonly credentials: OAuth1Credentials }
  | { readonly ok: false; readonly reason: string };

/** A request as the verifier sees it. */
export interface OAuth1Request {
  readonly method: string;
  /** The full URL the client signed, e.g. `http://127.0.0.1:4010/2/users/me?user.fields=created_at`. */
  readonly url: string;
  readonly authorization: string;
}

/** RFC 3986 percent-encoding as RFC 5849 section 3.6 requires (unreserved characters stay as they are). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The `oauth_*` parameters of an `Authorization: OAuth ...` header, or undefined when it is malformed. */
export function parseOAuthHeader(header: string): Map<string, string> | undefined {
  const match = /^OAuth\s+(.*)$/is.exec(header.trim());
  if (!match) return undefined;
  const params = new Map<string, string>();
  for (const part of (match[1] ?? '').split(',')) {
    const pair = /^\s*([^=\s]+)\s*=\s*"([^"]*)"\s*$/.exec(part);
    if (!pair) return undefined;
    try {
      params.set(decodeURIComponent(pair[1] ?? ''), decodeURIComponent(pair[2] ?? ''));
    } catch {
      return undefined;
    }
  }
  return params;
}

/** RFC 5849 section 3.4.1: `METHOD&encoded base URL&encoded normalized parameters`. */
export function signatureBaseString(
  method: string,
  url: string,
  params: ReadonlyArray<readonly [string, string]>,
): string {
  const parsed = new URL(url);
  const defaultPort =
    (parsed.protocol === 'http:' && parsed.port === '80') ||
    (parsed.protocol === 'https:' && parsed.port === '443');
  const host = parsed.port && !defaultPort ? `${parsed.hostname}:${parsed.port}` : parsed.hostname;
  const baseUrl = `${parsed.protocol.toLowerCase()}//${host.toLowerCase()}${parsed.pathname}`;
  const normalized = params
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  return [method.toUpperCase(), percentEncode(baseUrl), percentEncode(normalized)].join('&');
}

/** The base64 HMAC-SHA1 signature of a base string under `consumerSecret&tokenSecret` (RFC 5849 3.4.2). */
export function hmacSha1Signature(baseString: string, consumerSecret: string, tokenSecret: string): string {
  const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
  return createHmac('sha1', key).update(baseString).digest('base64');
}

/** Options of {@link createOAuth1Verifier}. */
export interface OAuth1VerifierOptions {
  readonly credentials: readonly OAuth1Credentials[];
  /** Current time in epoch milliseconds. */
  readonly clock: () => number;
  /** How far `oauth_timestamp` may be from the clock. @default 300 */
  readonly timestampWindowSeconds?: number;
}

/** Verifies signed requests; remembers nonces for the timestamp window to refuse replays. */
export function createOAuth1Verifier(
  options: OAuth1VerifierOptions,
): (request: OAuth1Request) => OAuth1Result {
  const windowSeconds = options.timestampWindowSeconds ?? 300;
  const seenNonces = new Map<string, number>();
  return (request) => {
    const oauth = parseOAuthHeader(request.authorization);
    if (!oauth) return { ok: false, reason: 'malformed OAuth header' };
    const consumerKey = oauth.get('oauth_consumer_key');
    const token = oauth.get('oauth_token');
    const signature = oauth.get('oauth_signature');
    const nonce = oauth.get('oauth_nonce');
    const timestamp = oauth.get('oauth_timestamp');
    if (!consumerKey || !token || !signature || !nonce || !timestamp)
      return { ok: false, reason: 'missing oauth parameter' };
    if (oauth.get('oauth_signature_method') !== 'HMAC-SHA1')
      return { ok: false, reason: 'unsupported signature method' };
    const version = oauth.get('oauth_version');
    if (version !== undefined && version !== '1.0') return { ok: false, reason: 'unsupported oauth_version' };
    const credentials = options.credentials.find(
      (c) => c.consumerKey === consumerKey && c.accessToken === token,
    );
    if (!credentials) return { ok: false, reason: 'unknown consumer key or token' };
    const nowSeconds = Math.floor(options.clock() / 1000);
    if (!/^[0-9]+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > windowSeconds) {
      return { ok: false, reason: 'timestamp outside the window' };
    }
    const params: Array<readonly [string, string]> = [...new URL(request.url).searchParams.entries()];
    for (const [name, value] of oauth) {
      if (name !== 'oauth_signature' && name !== 'realm') params.push([name, value]);
    }
    const base = signatureBaseString(request.method, request.url, params);
    const expected = Buffer.from(
      hmacSha1Signature(base, credentials.consumerSecret, credentials.accessTokenSecret),
    );
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return { ok: false, reason: 'bad signature' };
    }
    for (const [key, expiresSeconds] of seenNonces) {
      if (expiresSeconds < nowSeconds) seenNonces.delete(key);
    }
    const nonceKey = `${consumerKey}\u0000${token}\u0000${timestamp}\u0000${nonce}`;
    if (seenNonces.has(nonceKey)) return { ok: false, reason: 'nonce already used' };
    seenNonces.set(nonceKey, Number(timestamp) + windowSeconds);
    return { ok: true, credentials };
  };
}
