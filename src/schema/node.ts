import { builder } from '../builder.ts';
import type { GatewayContext } from '../context.ts';
import { planNodeAt } from '../pipeline.ts';
import { decodeGlobalId, encodeGlobalId, type GlobalId } from '../plan/global-id.ts';
import type { PlanNode } from '../plan/plan-types.ts';
import { checkKeys } from '../plan/validate.ts';
import { DEFAULT_TWEET_QUERY, DEFAULT_USER_QUERY, NodeRef, tweetShape, userShape } from './shapes.ts';
import type { TweetShape } from './tweet-shape.ts';
import type { UserShape } from './user-shape.ts';

/** The Relay `Node` interface and the `node`/`nodes` root fields over opaque global ids. */

NodeRef.implement({
  description: 'An object with a Relay global id.',
  resolveType: (value) => value.__typename,
  fields: (t) => ({
    id: t.id({
      description: 'The Relay global id (opaque).',
      resolve: (value) => encodeGlobalId(value.__typename, value.restId),
    }),
  }),
});

/**
 * Loads the object a global id names. It is always looked up (batched, with the fields the selection
 * reads), even when only its ids are read, so an id X does not know is null with `NOT_FOUND`.
 */
async function loadNode(
  id: GlobalId,
  ctx: GatewayContext,
  plan: PlanNode | undefined,
): Promise<UserShape | TweetShape> {
  if (id.type === 'User') {
    return userShape(await ctx.loaders.users.byId(id.restId, plan?.user?.query ?? DEFAULT_USER_QUERY));
  }
  return tweetShape(
    id.restId,
    await ctx.loaders.tweets.byId(id.restId, plan?.tweet?.query ?? DEFAULT_TWEET_QUERY),
  );
}

builder.queryFields((t) => ({
  node: t.field({
    type: NodeRef,
    nullable: true,
    description: 'The user or tweet a global id names.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx, info) =>
      loadNode(decodeGlobalId(String(args.id), 'id'), ctx, planNodeAt(ctx, info)),
  }),
  nodes: t.field({
    type: [NodeRef],
    nullable: { list: false, items: true },
    description:
      'The users or tweets global ids name, in the order asked; null (with an error) where X found none.',
    args: { ids: t.arg.idList({ required: true }) },
    resolve: (_root, args, ctx, info) => {
      const ids = checkKeys(args.ids.map(String), 'ids', (id) => id);
      const decoded = ids.map((id, index) => decodeGlobalId(id, `ids[${index}]`));
      const plan = planNodeAt(ctx, info);
      return decoded.map((id) => loadNode(id, ctx, plan));
    },
  }),
}));
