/**
 * Route matching for the emulated endpoints. Routes are `GET` only, matched segment by segment; fixed
 * segments win over `:param` ones because the table lists them first (`/2/users/me` before `/2/users/:id`).
 */
import { tweetByIdRoute, tweetsByIdsRoute } from './handlers/tweets-lookup.ts';
import { usersListRoute } from './handlers/users-list.ts';
import {
  userByIdRoute,
  userByUsernameRoute,
  usersByIdsRoute,
  usersByUsernamesRoute,
  usersMeRoute,
} from './handlers/users-lookup.ts';
import type { RouteDef } from './route.ts';

/** A route and the path parameters it captured. */
export interface RouteMatch {
  readonly route: RouteDef;
  /** The rate-limit bucket and log name, e.g. `GET /2/users/:id/followers`. */
  readonly endpoint: string;
  readonly pathValues: Readonly<Record<string, string>>;
}

/** The route a request goes to, or undefined for an unknown path or a method other than GET. */
export function matchRoute(
  routes: readonly RouteDef[],
  method: string,
  pathname: string,
): RouteMatch | undefined {
  if (method !== 'GET') return undefined;
  const segments = pathname.split('/');
  for (const route of routes) {
    const templates = route.pattern.split('/');
    if (templates.length !== segments.length) continue;
    const pathValues: Record<string, string> = {};
    const matched = templates.every((template, index) => {
      const segment = segments[index] ?? '';
      if (template.startsWith(':')) {
        if (segment === '') return false;
        pathValues[template.slice(1)] = decodeSegment(segment);
        return true;
      }
      return template === segment;
    });
    if (matched) return { route, endpoint: `GET ${route.pattern}`, pathValues };
  }
  return undefined;
}

/** A path segment percent-decoded, or as sent when it is not valid percent-encoding. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Every emulated endpoint, in matching order. */
export const ROUTES: readonly RouteDef[] = [
  usersMeRoute,
  usersByUsernamesRoute,
  usersByIdsRoute,
  userByUsernameRoute,
  usersListRoute('followers'),
  usersListRoute('following'),
  userByIdRoute,
  tweetsByIdsRoute,
  tweetByIdRoute,
];
