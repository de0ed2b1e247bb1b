/**
 * `GET /2/users/:id/followers` and `GET /2/users/:id/following`: one page of a user's list, with X's
 * partial errors (unknown, suspended or protected users answer 200 with only `errors`) and pagination.
 */
import { maySeeProtected } from '../auth.ts';
import { Includes, projectUser, responseBody, selectionOf } from '../field-projection.ts';
import { leftOutRule } from '../left-out.ts';
import { type ListKind, slicePage } from '../pagination-tokens.ts';
import { notAuthorized, notFound, suspendedUser } from '../problems.ts';
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
import { type EndpointParams, ID_RULE, invalidTokenError } from '../validate-params.ts';

/**
 * The spec's parameters of both list endpoints (`getUsersFollowers`/`getUsersFollowing`): those of 2.166,
 * plus 2.167's `post.fields` and the 2.167 values of `expansions` and `user.fields`.
 */
const LIST_PARAMS: EndpointParams = {
  path: { id: ID_RULE },
  query: {
    max_results: { type: 'int', min: 1, max: 1000 },
    pagination_token: { type: 'token' },
    expansions: {
      type: 'enum-list',
      values: bothGenerations(USER_EXPANSION_VALUES, USER_EXPANSION_VALUES_2167),
    },
    'tweet.fields': { type: 'enum-list', values: TWEET_FIELD_VALUES },
    'user.fields': { type: 'enum-list', values: bothGenerations(USER_FIELD_VALUES, USER_FIELD_VALUES_2167) },
    'post.fields': { type: 'enum-list', values: POST_FIELD_VALUES },
  },
};

/** A page holds 100 users unless `max_results` says otherwise (documentation page). */
const DEFAULT_MAX_RESULTS = 100;

/** The route of one list endpoint. */
export function usersListRoute(kind: ListKind): RouteDef {
  return {
    pattern: `/2/users/:id/${kind}`,
    params: LIST_PARAMS,
    handle: (context) => listPage(kind, context),
  };
}

/** Answers one page of `kind` for the path's user. */
function listPage(
  kind: ListKind,
  { store, principal, params, tokens, paging }: HandlerContext,
): HandlerResult {
  const id = params.path.id ?? '';
  const owner = store.userById(id);
  if (!owner) return { status: 200, body: { errors: [notFound('user', 'id', id)] } };
  if (owner.suspended) return { status: 200, body: { errors: [suspendedUser('id', id)] } };
  if (owner.protected && !maySeeProtected(store, principal, id)) {
    return { status: 200, body: { errors: [notAuthorized('user', 'id', id)] } };
  }
  const list = kind === 'followers' ? store.followers(id) : store.following(id);
  const token = params.tokens.pagination_token;
  let cursor: ReturnType<typeof tokens.decode>;
  if (token !== undefined) {
    cursor = tokens.decode(kind, id, token);
    if (!cursor || cursor.position > list.length)
      return { invalid: [invalidTokenError('pagination_token', token)] };
  }
  const size = params.ints.max_results ?? DEFAULT_MAX_RESULTS;
  const page = slicePage(list.length, cursor, size, paging.previousToken);
  const leftOut = leftOutRule(store.seed, kind, id, paging.shortPages);
  const selection = selectionOf(params.lists, store, principal);
  const includes = new Includes(store, selection);
  const data: Record<string, unknown>[] = [];
  for (let index = page.start; index < page.end; index += 1) {
    if (leftOut(index)) continue;
    const user = store.userById(list.idAt(index));
    if (!user) continue;
    data.push(projectUser(user, selection));
    includes.expandUser(user);
  }
  const meta: Record<string, unknown> = { result_count: data.length };
  if (page.previous) meta.previous_token = tokens.encode(kind, id, page.previous);
  if (page.next) meta.next_token = tokens.encode(kind, id, page.next);
  return {
    status: 200,
    body: responseBody({
      data: data.length > 0 ? data : undefined,
      includes: includes.includes(),
      errors: includes.expansionErrors(),
      meta,
    }),
  };
}
