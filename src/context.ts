import { type GraphQLResolveInfo, Kind } from 'graphql';
import { createLoaders, type Loaders } from './loaders/create-loaders.ts';
import { planOperation } from './plan/build-plan.ts';
import type { OperationPlan, PlanNode } from './plan/plan-types.ts';
import { MAX_TOKEN_LENGTH } from './rest/auth/principal.ts';
import { UnauthenticatedError } from './rest/errors.ts';
import type { XSession } from './rest/x-api.ts';
import { memoized } from './util/memoized.ts';

/** The context of one GraphQL request. */
export interface GatewayContext {
  /** The X API as this request's principal sees it. */
  readonly session: XSession;
  /** Per-request DataLoaders over `session`. */
  readonly loaders: Loaders;
  /** The operation's plan, set by the planning plugin before execution; else planned on first use. */
  plan?: OperationPlan | undefined;
}

/** What makes sessions: the REST client (`src/rest/client.ts`), or a fake in tests. */
export interface SessionSource {
  session(auth?: { readonly userToken?: string | undefined }): XSession;
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
 */
export function contextFromRequest(client: SessionSource, request: Request): GatewayContext {
  const header = request.headers.get('authorization');
  if (header === null) return createGatewayContext(client.session({}));
  if (header.length > MAX_AUTHORIZATION_LENGTH) throw tooLong();
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
  if (!match) {
    throw new UnauthenticatedError(
      'The Authorization header must be `Bearer <token>` with an OAuth 2.0 user access token.',
    );
  }
  const token = match[1] ?? '';
  if (token.length > MAX_TOKEN_LENGTH) throw tooLong();
  return createGatewayContext(client.session({ userToken: token }));
}

/** The error of a bearer token longer than `MAX_TOKEN_LENGTH`. */
function tooLong(): UnauthenticatedError {
  return new UnauthenticatedError(
    `The bearer token is longer than ${MAX_TOKEN_LENGTH} characters, longer than any X access token; ` +
      'send "Authorization: Bearer <token>" with the OAuth 2.0 user access token X issued.',
  );
}

/** The plan of the operation `info` belongs to, planning it now if no plugin planned this operation. */
export function planOf(ctx: GatewayContext, info: GraphQLResolveInfo): OperationPlan {
  if (ctx.plan?.operation !== info.operation) {
    ctx.plan = planOperation({
      schema: info.schema,
      document: { kind: Kind.DOCUMENT, definitions: [info.operation, ...Object.values(info.fragments)] },
      operationName: info.operation.name?.value,
      variables: info.variableValues,
      variablesCoerced: true,
    });
  }
  return ctx.plan;
}

/** The plan node of the field being resolved (its response path without list indices). */
export function planNodeAt(ctx: GatewayContext, info: GraphQLResolveInfo): PlanNode | undefined {
  const key = memoized(pathKeys, info.fieldNodes, () => pathKey(info.path));
  return planOf(ctx, info).nodes.get(key);
}

// Path keys by place in the query. graphql-js and graphql-jit hand every resolver call at one place of a
// query the same `fieldNodes` array (the items of a list share it, and a compiled query keeps it from one
// request to the next), while no two places share one: a place's key is worked out once, not once per
// list item.
const pathKeys = new WeakMap<GraphQLResolveInfo['fieldNodes'], string>();

/** A response path without list indices: `user.followers.edges.node`. */
export function pathKey(path: GraphQLResolveInfo['path']): string {
  const keys: string[] = [];
  for (let at: GraphQLResolveInfo['path'] | undefined = path; at; at = at.prev) {
    if (typeof at.key === 'string') keys.push(at.key);
  }
  return keys.reverse().join('.');
}
