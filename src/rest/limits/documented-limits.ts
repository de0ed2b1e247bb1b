import type { Endpoint, Principal } from '../x-api.ts';

/**
 * X's documented request limits per 15-minute window, the budget of a (principal, endpoint) before X
 * has answered it once: from then on X's `x-rate-limit-*` headers are the budget. X counts per app
 * (app-only bearer token) or per user (user context: OAuth 2.0 user token or OAuth 1.0a), so the two
 * kinds have their own figures.
 *
 * Sources (copied here; the gateway never reads the docs at run time): followers and following are
 * 15 requests per 15 minutes per app and per user (X's reference page of `GET /2/users/:id/followers`).
 * Users lookup is 300 per app and 900 per user, `GET /2/users/me` 75 per user, and posts lookup 300
 * per app and 900 per user (X's rate-limits page, 15-minute windows; lower tiers may allow less,
 * which the first answer's headers then say).
 */

/** The documented limits of one endpoint per 15-minute window. */
interface DocumentedLimit {
  /** App-only bearer token. */
  readonly app: number;
  /** User context (OAuth 2.0 user token or OAuth 1.0a). */
  readonly user: number;
}

const DOCUMENTED_LIMITS: Readonly<Record<Endpoint, DocumentedLimit>> = {
  'GET /2/users/:id/followers': { app: 15, user: 15 },
  'GET /2/users/:id/following': { app: 15, user: 15 },
  'GET /2/users/:id': { app: 300, user: 900 },
  'GET /2/users': { app: 300, user: 900 },
  'GET /2/users/by/username/:username': { app: 300, user: 900 },
  'GET /2/users/by': { app: 300, user: 900 },
  // Only a user can ask who they are; an app-only token gets X's 403, so its figure is the user's.
  'GET /2/users/me': { app: 75, user: 75 },
  'GET /2/tweets': { app: 300, user: 900 },
  'GET /2/tweets/:id': { app: 300, user: 900 },
};

/** X's documented requests per 15-minute window of `endpoint` for a principal of `kind`. */
export function documentedLimit(endpoint: Endpoint, kind: Principal['kind']): number {
  const limits = DOCUMENTED_LIMITS[endpoint];
  return kind === 'app' ? limits.app : limits.user;
}
