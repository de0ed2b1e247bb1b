import { hash } from 'node:crypto';
import { UnauthenticatedError } from '../errors.ts';
import type { Principal } from '../x-api.ts';
import { type OAuth1Credentials, oauth1AuthorizationHeader } from './oauth1.ts';

/**
 * Turns the configured credentials and a request's own token into a principal (kind + hashed key) and
 * the means to authorise a call. The credential lives only in a closure: a `Credential` can be logged,
 * spread or serialised without revealing it.
 */

/** The credentials the client is configured with. */
export interface ConfiguredCredentials {
  readonly bearerToken?: string | undefined;
  readonly oauth1?: OAuth1Credentials | undefined;
}

/** A principal with the means to authorise a call for it. */
export interface Credential {
  readonly principal: Principal;
  /** The `Authorization` header value for a GET of `url`; throws `UnauthenticatedError` when there is none. */
  authorization(method: string, url: URL): string;
}

/** The longest bearer token accepted: X's tokens are far shorter; a longer one is refused unread. */
export const MAX_TOKEN_LENGTH = 4096;

/** Tokens X issues are visible ASCII; anything else cannot go into a header. */
const TOKEN_PATTERN = new RegExp(`^[\\x21-\\x7e]{1,${MAX_TOKEN_LENGTH}}$`);

/**
 * A principal's stable key: the first 16 hex digits of the SHA-256 of its kind and secret material, so
 * caches and rate-limit state are kept per principal without keeping or logging the secret itself. It is
 * worked out on every call and never cached: a cache keyed by the material would keep the secrets.
 */
export function principalKey(kind: Principal['kind'], secretMaterial: string): string {
  return hash('sha256', `${kind}:${secretMaterial}`, 'hex').slice(0, 16);
}

/**
 * The principal of one gateway request: the client's own token (kind `user`) when it sent one, else the
 * app's OAuth 1.0a user when the four credentials are configured (`oauth1`), else the app bearer token
 * (`app`). With none of them, every call fails with `UNAUTHENTICATED` naming what to configure.
 */
export function resolveCredential(
  configured: ConfiguredCredentials,
  userToken: string | undefined,
  oauth1Nonce?: () => { nonce?: string; timestamp?: number },
): Credential {
  if (userToken !== undefined) {
    const valid = TOKEN_PATTERN.test(userToken);
    return bearerCredential('user', userToken, valid ? undefined : "the request's bearer token is malformed");
  }
  const oauth1 = configured.oauth1;
  if (oauth1) {
    return {
      principal: {
        kind: 'oauth1',
        key: principalKey('oauth1', `${oauth1.consumerKey}:${oauth1.accessToken}`),
      },
      authorization: (method, url) => oauth1AuthorizationHeader(oauth1, { method, url, ...oauth1Nonce?.() }),
    };
  }
  if (configured.bearerToken !== undefined && configured.bearerToken !== '') {
    return bearerCredential('app', configured.bearerToken, undefined);
  }
  return {
    principal: { kind: 'app', key: 'unconfigured' },
    authorization: () => {
      throw new UnauthenticatedError(
        'No X credentials: send "Authorization: Bearer <token>", or configure X_BEARER_TOKEN, or all four of ' +
          'X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN and X_ACCESS_TOKEN_SECRET.',
      );
    },
  };
}

/** A bearer-token credential; `problem` makes every call fail before reaching X. */
function bearerCredential(kind: 'app' | 'user', token: string, problem: string | undefined): Credential {
  return {
    principal: { kind, key: principalKey(kind, token) },
    authorization: () => {
      if (problem) throw new UnauthenticatedError(`${problem}: expected "Authorization: Bearer <token>".`);
      return `Bearer ${token}`;
    },
  };
}
