import type { GraphQLResolveInfo } from 'graphql';
import { createLoaders, type Loaders } from './loaders/create-loaders.ts';
import type { OperationPlan } from './plan/plan-types.ts';
import { MAX_TOKEN_LENGTH } from './rest/auth/principal.ts';
import { UnauthenticatedError } from './rest/errors.ts';
import type { XSession } from './rest/x-api.ts';

/** The context of one GraphQL request. */
export interface GatewayContext {
  /** The X API as this request's principal sees it. */
  readonly session: XSession;
  /** Per-request DataLoaders over `session`. */
  readonly loaders: Loaders;
  /**
   * The operation's plan, set by the pipeline before execution (`src/pipeline.ts`); else planned and
   * priced by the first resolver that needs it.
   */
  plan?: OperationPlan | undefined;
  /**
   * The most upstream calls an operation planned by its resolvers may make (`X_MAX_UPSTREAM_CALLS`), for
   * the schema run without the server's plugins (graphql's own `execute`). @default 15
   */
  readonly maxUpstreamCalls?: number | undefined;
  /**
   * Where lists' resolvers project their items instead of leaving them to the executor; set by the
   * server's execution step, which completes the result with them. Absent, lists are executed as usual.
   */
  projections?: ListProjectionSink | undefined;
}

/** Where a list's resolver may project its items (`ListProjections` of `src/projection/list-projection.ts`). */
export interface ListProjectionSink {
  /** Projects the items of the list field being resolved; true when it did (the resolver returns `[]`). */
  tryProject(ctx: GatewayContext, info: GraphQLResolveInfo, items: readonly unknown[]): boolean;
  /** Empties what it projected, once the request is answered (the server's `useRequestRelease`). */
  release(): void;
}

/** What makes sessions: the REST client (`src/rest/client.ts`), or a fake in tests. */
export interface SessionSource {
  session(auth?: { readonly userToken?: string | undefined; readonly tag?: unknown }): XSession;
}

/** The longest `Authorization` header read: `Bearer `, a few spaces and the longest token. */
const MAX_AUTHORIZATION_LENGTH = MAX_TOKEN_LENGTH + 16;

/** Builds the context of a request over an existing session. */
export function createGatewayContext(session: XSession): GatewayContext {
  return { session, loaders: createLoaders(session) };
}

/**
 * The context factory of the Yoga server: a session for the request's `Authorization: Bearer <token>`
 * (forwarded upstream as OAuth 2.0 user context), or the app's credentials when there is no header.
 * A malformed header, or a token longer than any X issues (`MAX_TOKEN_LENGTH`), fails with
 * `UNAUTHENTICATED` before anything keeps the token; the token itself never appears in the message.
 * `tag` goes to the session (its upstream events carry it): the server passes the request's context.
 */
export function contextFromRequest(client: SessionSource, request: Request, tag?: unknown): GatewayContext {
  const header = request.headers.get('authorization');
  if (header === null) return createGatewayContext(client.session(tag === undefined ? {} : { tag }));
  if (header.length > MAX_AUTHORIZATION_LENGTH) throw tooLong();
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
  if (!match) {
    throw new UnauthenticatedError(
      'The Authorization header must be `Bearer <token>` with an OAuth 2.0 user access token.',
    );
  }
  const token = match[1] ?? '';
  if (token.length > MAX_TOKEN_LENGTH) throw tooLong();
  return createGatewayContext(
    client.session(tag === undefined ? { userToken: token } : { userToken: token, tag }),
  );
}

/** The error of a bearer token longer than `MAX_TOKEN_LENGTH`. */
function tooLong(): UnauthenticatedError {
  return new UnauthenticatedError(
    `The bearer token is longer than ${MAX_TOKEN_LENGTH} characters, longer than any X access token; ` +
      'send "Authorization: Bearer <token>" with the OAuth 2.0 user access token X issued.',
  );
}
