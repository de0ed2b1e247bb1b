/**
 * Who is calling: resolves the `Authorization` header to a principal the rate limiter and the visibility
 * rules use. Three schemes, as X accepts them on the user-graph endpoints:
 * - `Bearer <app token>`: OAuth 2.0 app-only, one of the configured app tokens;
 * - `Bearer <user token>`: OAuth 2.0 user context, a token from {@link UserTokens.issue};
 * - `OAuth ...`: OAuth 1.0a user context, HMAC-SHA1 signed with configured credentials.
 * Principal keys never contain a token or secret: they are safe to log.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { OAuth1Request, OAuth1Result } from '../oauth1-verify.ts';
import type { EmulatorStore } from '../store.ts';

/** The authenticated caller of one request. */
export type Principal =
  | { readonly kind: 'app'; readonly key: string }
  | { readonly kind: 'user'; readonly key: string; readonly userId: string }
  | { readonly kind: 'oauth1'; readonly key: string; readonly userId: string };

/** OAuth 2.0 user tokens bound to emulated users, derived with an HMAC so they cannot be forged. */
export interface UserTokens {
  /** The token of `userId` (the same for the same secret). */
  issue(userId: string): string;
  /** The user a token belongs to, or undefined when it is not one of ours. */
  verify(token: string): string | undefined;
}

const USER_TOKEN_PATTERN = /^u([0-9]{1,19})\.([0-9a-f]{40})$/;

/**
 * User tokens are `base64url("u<userId>.<hex HMAC-SHA256(key, userId), 40 chars>")`: opaque-looking,
 * stable for a given key, and refused when altered.
 */
export function createUserTokens(key: string | Buffer): UserTokens {
  const mac = (userId: string): string =>
    createHmac('sha256', key).update(`user:${userId}`).digest('hex').slice(0, 40);
  return {
    issue(userId) {
      return Buffer.from(`u${userId}.${mac(userId)}`).toString('base64url');
    },
    verify(token) {
      if (!/^[A-Za-z0-9_-]{1,200}$/.test(token)) return undefined;
      const match = USER_TOKEN_PATTERN.exec(Buffer.from(token, 'base64url').toString('latin1'));
      if (!match) return undefined;
      const userId = match[1] ?? '';
      const expected = Buffer.from(mac(userId));
      const given = Buffer.from(match[2] ?? '');
      return expected.length === given.length && timingSafeEqual(expected, given) ? userId : undefined;
    },
  };
}

/** What {@link createAuthenticator} needs. */
export interface AuthenticatorOptions {
  readonly appTokens: readonly string[];
  readonly userTokens: UserTokens;
  readonly verifyOAuth1: (request: OAuth1Request) => OAuth1Result;
  readonly store: EmulatorStore;
}

/** The request data authentication reads. */
export interface AuthRequest {
  readonly method: string;
  /** The absolute URL as the client addressed it (OAuth 1.0a signs it). */
  readonly url: string;
  readonly authorization: string | undefined;
}

/** Resolves a request's credentials to a principal, or undefined for missing or bad credentials (401). */
export function createAuthenticator(
  options: AuthenticatorOptions,
): (request: AuthRequest) => Principal | undefined {
  const appTokens = options.appTokens.map((token) => Buffer.from(token));
  const usable = (userId: string): boolean => {
    const user = options.store.userById(userId);
    return user !== undefined && !user.suspended;
  };
  return (request) => {
    const header = request.authorization?.trim();
    if (!header) return undefined;
    const bearer = /^Bearer\s+(\S+)$/i.exec(header);
    if (bearer) {
      const token = Buffer.from(bearer[1] ?? '');
      const appIndex = appTokens.findIndex((t) => t.length === token.length && timingSafeEqual(t, token));
      if (appIndex >= 0) return { kind: 'app', key: `app:${appIndex + 1}` };
      const userId = options.userTokens.verify(bearer[1] ?? '');
      if (userId !== undefined && usable(userId)) return { kind: 'user', key: `user:${userId}`, userId };
      return undefined;
    }
    if (/^OAuth\s/i.test(header)) {
      const result = options.verifyOAuth1({
        method: request.method,
        url: request.url,
        authorization: header,
      });
      if (result.ok && usable(result.credentials.userId)) {
        return {
          kind: 'oauth1',
          key: `oauth1:${result.credentials.userId}`,
          userId: result.credentials.userId,
        };
      }
    }
    return undefined;
  };
}

/** May `principal` see the lists of the protected account `userId`? Itself and its followers may. */
export function maySeeProtected(store: EmulatorStore, principal: Principal, userId: string): boolean {
  if (principal.kind === 'app') return false;
  return principal.userId === userId || store.follows(principal.userId, userId);
}
