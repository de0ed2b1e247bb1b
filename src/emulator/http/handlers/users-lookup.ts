/**
 * The user lookups: `GET /2/users/:id`, `/2/users?ids=`, `/2/users/by/username/:username`,
 * `/2/users/by?usernames=` and `/2/users/me`. Missing and suspended users are reported in `errors` of a 200.
 */
import type { EmulatedUser, EmulatorStore } from '../../store.ts';
import { Includes, projectUser, responseBody, selectionOf } from '../field-projection.ts';
import { notFound, suspendedUser } from '../problems.ts';
import type { HandlerContext, HandlerResult, RouteDef } from '../route.ts';
import {
  bothGenerations,
  POST_FIELD_VALUES,
  TWEET_FIELD_VALUES,
  USER_EXPANSION_VALUES,
  USER_EXPANSION_VALUES_2167,
  USER_FIELD_VALUES,
  USER_FIELD_VALUES_2167,
} from '../spec-enums.ts';
import { type EndpointParams, ID_RULE, type ParamRule, USERNAME_RULE } from '../validate-params.ts';

/** The fields and expansions parameters every user lookup takes, in both naming generations. */
const USER_QUERY: Readonly<Record<string, ParamRule>> = {
  expansions: {
    type: 'enum-list',
    values: bothGenerations(USER_EXPANSION_VALUES, USER_EXPANSION_VALUES_2167),
  },
  'tweet.fields': { type: 'enum-list', values: TWEET_FIELD_VALUES },
  'user.fields': { type: 'enum-list', values: bothGenerations(USER_FIELD_VALUES, USER_FIELD_VALUES_2167) },
  'post.fields': { type: 'enum-list', values: POST_FIELD_VALUES },
};

/** How a lookup finds users: by id or by username. */
type Finder = (store: EmulatorStore, key: string) => EmulatedUser | undefined;
const byId: Finder = (store, id) => store.userById(id);
const byUsername: Finder = (store, username) => store.userByUsername(username);

/** `GET /2/users/:id`. */
export const userByIdRoute: RouteDef = {
  pattern: '/2/users/:id',
  params: { path: { id: ID_RULE }, query: USER_QUERY },
  handle: (context) => single(context, 'id', context.params.path.id ?? '', byId),
};

/** `GET /2/users/by/username/:username`. */
export const userByUsernameRoute: RouteDef = {
  pattern: '/2/users/by/username/:username',
  params: { path: { username: USERNAME_RULE }, query: USER_QUERY },
  handle: (context) => single(context, 'username', context.params.path.username ?? '', byUsername),
};

/** `GET /2/users?ids=`: up to 100 ids. */
export const usersByIdsRoute: RouteDef = {
  pattern: '/2/users',
  params: idListParams('ids', ID_RULE),
  handle: (context) => multiple(context, 'ids', byId),
};

/** `GET /2/users/by?usernames=`: up to 100 usernames. */
export const usersByUsernamesRoute: RouteDef = {
  pattern: '/2/users/by',
  params: idListParams('usernames', USERNAME_RULE),
  handle: (context) => multiple(context, 'usernames', byUsername),
};

/** `GET /2/users/me`: the user of the OAuth 2.0 user token or OAuth 1.0a credentials. */
export const usersMeRoute: RouteDef = {
  pattern: '/2/users/me',
  userContextOnly: true,
  params: { path: {}, query: USER_QUERY },
  handle: (context) => {
    const userId = context.principal.kind === 'app' ? '' : context.principal.userId;
    return single(context, 'id', userId, byId);
  },
};

/** The parameters of a multi-user lookup. */
function idListParams(name: string, item: typeof ID_RULE): EndpointParams {
  return { path: {}, query: { [name]: { type: 'id-list', required: true, max: 100, item }, ...USER_QUERY } };
}

/** The error X reports for a missing or suspended user, or undefined when the user can be shown. */
function userError(
  user: EmulatedUser | undefined,
  parameter: string,
  key: string,
): Record<string, unknown> | undefined {
  if (!user) return notFound('user', parameter, key);
  if (user.suspended) return suspendedUser(parameter, key);
  return undefined;
}

/** One user, or only `errors` when it cannot be shown. */
function single(
  { store, params, principal }: HandlerContext,
  parameter: string,
  key: string,
  find: Finder,
): HandlerResult {
  const user = find(store, key);
  const error = userError(user, parameter, key);
  if (error || !user) return { status: 200, body: { errors: [error] } };
  const selection = selectionOf(params.lists, store, principal);
  const includes = new Includes(store, selection);
  includes.expandUser(user);
  return {
    status: 200,
    body: responseBody({
      data: projectUser(user, selection),
      includes: includes.includes(),
      errors: includes.expansionErrors(),
    }),
  };
}

/** Several users in the order asked (each once), errors for those that cannot be shown. */
function multiple(
  { store, params, principal }: HandlerContext,
  parameter: string,
  find: Finder,
): HandlerResult {
  const selection = selectionOf(params.lists, store, principal);
  const includes = new Includes(store, selection);
  const data: Record<string, unknown>[] = [];
  const errors: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  for (const key of params.lists[parameter] ?? []) {
    const normalized = parameter === 'usernames' ? key.toLowerCase() : key;
    if (seen.has(normalized)) continue;
    seen.add(normalized);
    const user = find(store, key);
    const error = userError(user, parameter, key);
    if (error || !user) {
      if (error) errors.push(error);
      continue;
    }
    data.push(projectUser(user, selection));
    includes.expandUser(user);
  }
  return {
    status: 200,
    body: responseBody({
      data: data.length > 0 ? data : undefined,
      includes: includes.includes(),
      errors: [...errors, ...includes.expansionErrors()],
    }),
  };
}
