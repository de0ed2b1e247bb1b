import { builder } from '../builder.ts';
import type { GatewayContext } from '../context.ts';
import { planNodeAt } from '../pipeline.ts';
import type { PlanNode } from '../plan/plan-types.ts';
import { checkKeys } from '../plan/validate.ts';
import { type FieldArgs, xNeeds, xRoot } from '../plan/x-needs.ts';
import { xProjection } from '../projection/list-projection.ts';
import { BadUserInputError } from '../rest/errors.ts';
import { ID_PATTERN } from '../rest/x-api.ts';
import { DEFAULT_TWEET_QUERY, NodeRef, tweetShape } from './shapes.ts';
import type { TweetShape } from './tweet-shape.ts';
import type { UserShape } from './user.ts';
import { DEFAULT_USER_QUERY, userShape } from './user.ts';

/** The Relay `Node` interface, its global ids, and the `node`/`nodes` root fields over them. */

/**
 * Relay global ids: the standard base64 of `<Type>:<restId>` (`VXNlcjoxMg==` is `User:12`), opaque to
 * clients. Decoding is strict: only the exact encoding of a known type and a valid X id is accepted.
 */

/** The types that implement `Node`. */
export type NodeTypeName = 'User' | 'Tweet';

/** A decoded global id. */
export interface GlobalId {
  readonly type: NodeTypeName;
  readonly restId: string;
}

/** `<Type>:<restId>`; the rest id is then checked against the X vocabulary's `ID_PATTERN`. */
const DECODED = /^(User|Tweet):(.*)$/s;

/** The global id of an X object. */
export function encodeGlobalId(type: NodeTypeName, restId: string): string {
  return Buffer.from(`${type}:${restId}`, 'utf8').toString('base64');
}

/** Decodes a global id, or throws `BadUserInputError` naming `argument`. */
export function decodeGlobalId(id: string, argument: string): GlobalId {
  const text = id.length <= 64 ? Buffer.from(id, 'base64').toString('utf8') : '';
  const match = DECODED.exec(text);
  if (
    !match ||
    !ID_PATTERN.test(match[2] as string) ||
    encodeGlobalId(match[1] as NodeTypeName, match[2] as string) !== id
  ) {
    throw new BadUserInputError(`\`${argument}\` is not a global id of a User or a Tweet.`);
  }
  return { type: match[1] as NodeTypeName, restId: match[2] as string };
}

/** The type a global id names, if it decodes. */
function globalIdType(id: unknown): NodeTypeName | undefined {
  try {
    return typeof id === 'string' ? decodeGlobalId(id, 'id').type : undefined;
  } catch {
    return undefined;
  }
}

/** How many of some global ids name users and how many tweets (ids that do not decode count as neither). */
function countTypes(ids: unknown): Record<NodeTypeName, number> {
  const counts = { User: 0, Tweet: 0 };
  for (const id of Array.isArray(ids) ? ids : []) {
    const type = globalIdType(id);
    if (type) counts[type] += 1;
  }
  return counts;
}

/** The X id of the user a `node(id:)` names, for the lists beneath. */
function nodeOwner(args: FieldArgs): { restId: string } | undefined {
  try {
    const id = typeof args.id === 'string' ? decodeGlobalId(args.id, 'id') : undefined;
    return id?.type === 'User' ? { restId: id.restId } : undefined;
  } catch {
    return undefined;
  }
}

/** A user's or tweet's Relay global id. */
function globalIdOf(value: { readonly __typename: NodeTypeName; readonly restId: string }): string {
  return encodeGlobalId(value.__typename, value.restId);
}

NodeRef.implement({
  description: 'An object with a Relay global id.',
  resolveType: (value) => value.__typename,
  fields: (t) => ({
    id: t.id({
      description: 'The Relay global id (opaque).',
      extensions: { ...xNeeds({ free: true }), ...xProjection(globalIdOf) },
      resolve: globalIdOf,
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
    extensions: xRoot({
      check: (args) => decodeGlobalId(args.id as string, 'id'),
      verifies: true,
      typeCounts: (args) => countTypes([args.id]),
      owner: nodeOwner,
    }),
    resolve: (_root, args, ctx, info) =>
      loadNode(decodeGlobalId(String(args.id), 'id'), ctx, planNodeAt(ctx, info)),
  }),
  nodes: t.field({
    type: [NodeRef],
    nullable: { list: false, items: true },
    description:
      'The users or tweets global ids name, in the order asked; null (with an error) where X found none.',
    args: { ids: t.arg.idList({ required: true }) },
    extensions: xRoot({
      check: (args) => {
        checkKeys(args.ids as string[], 'ids', (id, argument) => {
          decodeGlobalId(id, argument);
          return id;
        });
      },
      count: (args) => (Array.isArray(args.ids) ? args.ids.length : 1),
      verifies: true,
      typeCounts: (args) => countTypes(args.ids),
    }),
    resolve: (_root, args, ctx, info) => {
      const ids = checkKeys(args.ids.map(String), 'ids', (id) => id);
      const decoded = ids.map((id, index) => decodeGlobalId(id, `ids[${index}]`));
      const plan = planNodeAt(ctx, info);
      return decoded.map((id) => loadNode(id, ctx, plan));
    },
  }),
}));
