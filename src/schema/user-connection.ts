import type { GraphQLResolveInfo } from 'graphql';
import { builder } from '../builder.ts';
import type { GatewayContext } from '../context.ts';
import { checkCursorList, decodeCursor, encodeCursor } from '../loaders/list-cursor.ts';
import type { EdgeCursor, PageDirection } from '../loaders/list-paging.ts';
import type { ListWindow } from '../loaders/list-reader.ts';
import { planNodeAt } from '../pipeline.ts';
import type { ConnectionPlan } from '../plan/plan-types.ts';
import { checkPageArgs, type PageArgs } from '../plan/validate.ts';
import { xList, xNeeds } from '../plan/x-needs.ts';
import { BadUserInputError } from '../rest/errors.ts';
import type { ListKind } from '../rest/x-api.ts';
import type { UserShape } from './user.ts';
import { DEFAULT_USER_QUERY, UserRef, userData, userShape } from './user.ts';

/**
 * `User.followers` and `User.following`: Relay connections over X's paginated lists. The page is read
 * only when `edges`, `nodes` or `pageInfo` is selected; `totalCount` comes from the owner's
 * `public_metrics`, which the planner adds to the owner's lookup.
 */

/** The value behind a `UserConnection`: the owner, and the page, read at most once. */
interface ConnectionShape {
  readonly kind: ListKind;
  readonly owner: UserShape;
  readonly window: () => Promise<ListWindow>;
  readonly ownerInfo: GraphQLResolveInfo;
}

interface PageInfoShape {
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  readonly startCursor: string | null;
  readonly endCursor: string | null;
}

const PageInfoRef = builder.objectRef<PageInfoShape>('PageInfo').implement({
  description: 'Relay page information.',
  // Other Relay subgraphs define `PageInfo` too: a supergraph may only merge it when it is shareable.
  shareable: true,
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage'),
    hasPreviousPage: t.exposeBoolean('hasPreviousPage'),
    startCursor: t.exposeString('startCursor', { nullable: true }),
    endCursor: t.exposeString('endCursor', { nullable: true }),
  }),
});

const UserEdgeRef = builder.objectRef<{ cursor: string; node: UserShape }>('UserEdge').implement({
  description: 'A user in a list, with its cursor.',
  fields: (t) => ({
    cursor: t.exposeString('cursor', { description: 'Valid as `after` or `before` of the same list.' }),
    node: t.expose('node', { type: UserRef }),
  }),
});

/** The declaration of the fields that read the page. */
const PAGE = xNeeds({ page: true });

const UserConnectionRef = builder.objectRef<ConnectionShape>('UserConnection').implement({
  description: 'A page of a user list, most recent first, as X orders it.',
  extensions: xList(),
  fields: (t) => ({
    edges: t.field({
      extensions: PAGE,
      type: [UserEdgeRef],
      resolve: async (c, _args, ctx, info) => {
        const edges = (await c.window()).edges.map((edge) => ({
          cursor: encodeCursor(edge.cursor),
          node: userShape(edge.user),
        }));
        // Projected when every selected field is at hand: the executor then writes an empty list, and
        // the projection takes its place (src/projection/list-projection.ts).
        return ctx.projections?.tryProject(ctx, info, edges) ? [] : edges;
      },
    }),
    nodes: t.field({
      extensions: PAGE,
      type: [UserRef],
      resolve: async (c, _args, ctx, info) => {
        const users = (await c.window()).users.map((user) => userShape(user));
        return ctx.projections?.tryProject(ctx, info, users) ? [] : users;
      },
    }),
    pageInfo: t.field({
      extensions: PAGE,
      type: PageInfoRef,
      resolve: async (c) => {
        const { hasNextPage, hasPreviousPage, startCursor, endCursor } = await c.window();
        return {
          hasNextPage,
          hasPreviousPage,
          startCursor: startCursor ? encodeCursor(startCursor) : null,
          endCursor: endCursor ? encodeCursor(endCursor) : null,
        };
      },
    }),
    totalCount: t.int({
      nullable: true,
      description: "The list's length from the owner's public metrics.",
      extensions: xNeeds({ ownerFields: ['public_metrics'] }),
      resolve: async (c, _args, ctx) => {
        const metrics = (await userData(c.owner, ctx, c.ownerInfo)).public_metrics;
        return c.kind === 'followers' ? metrics?.followers_count : metrics?.following_count;
      },
    }),
  }),
});

/**
 * X answers 400 to a `pagination_token` it no longer accepts (expired, or of another app): the cursor
 * that carried it is the client's to drop. The error names neither the token nor X's echo of it.
 */
function refusedToken(error: unknown, argument: string): unknown {
  if (!(error instanceof BadUserInputError)) return error;
  return new BadUserInputError(
    `X no longer accepts the page \`${argument}\` points into (its pagination token expired or belongs ` +
      `to another app): restart from the first page, without \`${argument}\`.`,
  );
}

/** A connection's page arguments, checked, with the cursor decoded and checked against its owner. */
interface PageRequest {
  readonly size: number;
  readonly direction: PageDirection;
  readonly cursor: EdgeCursor | undefined;
  readonly argument: 'after' | 'before';
}

/**
 * The page a connection asks for: from its plan node, where the planner already checked the arguments
 * and decoded the cursor (only the owner remains to check, when the operation did not name it), else
 * (no plan node) checked and decoded here.
 */
function pageRequest(
  kind: ListKind,
  ownerId: string,
  args: PageArgs,
  plan: ConnectionPlan | undefined,
): PageRequest {
  if (plan) {
    const argument = plan.direction === 'forward' ? 'after' : 'before';
    const cursor = plan.decoded && checkCursorList(plan.decoded, { list: kind, ownerId }, argument);
    return { size: plan.pageSize, direction: plan.direction, cursor, argument };
  }
  const checked = checkPageArgs(args);
  const argument = checked.direction === 'forward' ? 'after' : 'before';
  const cursor =
    checked.cursor === undefined
      ? undefined
      : decodeCursor(checked.cursor, { list: kind, ownerId }, argument);
  return { size: checked.size, direction: checked.direction, cursor, argument };
}

/** Resolves a `followers`/`following` field: checks its arguments, then reads the page if it is selected. */
function resolveList(kind: ListKind) {
  return async (
    owner: UserShape,
    args: PageArgs,
    ctx: GatewayContext,
    info: GraphQLResolveInfo,
  ): Promise<ConnectionShape> => {
    const plan = planNodeAt(ctx, info)?.connection;
    const { size, direction, cursor, argument } = pageRequest(kind, owner.restId, args, plan);
    const items = plan?.items.query ?? DEFAULT_USER_QUERY;
    const reader = ctx.loaders.lists.reader(
      kind,
      owner.restId,
      (token, maxResults) =>
        ctx.loaders.lists
          .page(kind, owner.restId, token, maxResults, items)
          .catch((error: unknown) => Promise.reject(token ? refusedToken(error, argument) : error)),
      plan?.readAhead ?? 0,
    );
    let window: Promise<ListWindow> | undefined;
    const read = () => {
      window ??=
        cursor && direction === 'backward' ? reader.backward(size, cursor) : reader.forward(size, cursor);
      return window;
    };
    // Read now, so X's refusal of the list (protected, missing owner) lands on this field.
    if (plan?.needsPage ?? true) await read();
    return { kind, owner, window: read, ownerInfo: info };
  };
}

for (const kind of ['followers', 'following'] as const) {
  builder.objectField(UserRef, kind, (t) =>
    t.field({
      type: UserConnectionRef,
      description:
        kind === 'followers'
          ? 'Who follows this user, most recent first. `first`/`last` take 1 to 1000 (100 when neither is given).'
          : 'Whom this user follows, most recent first. `first`/`last` take 1 to 1000 (100 when neither is given).',
      extensions: xNeeds({ list: kind }),
      args: {
        first: t.arg.int(),
        after: t.arg.string(),
        last: t.arg.int(),
        before: t.arg.string(),
      },
      resolve: resolveList(kind),
    }),
  );
}
