import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { builder } from '../builder.ts';
import type { GatewayContext } from '../context.ts';
import { planNodeAt } from '../pipeline.ts';
import { checkRestId, MAX_LOOKUP_KEYS } from '../plan/validate.ts';
import { type FieldArgs, xRoot } from '../plan/x-needs.ts';
import { BadUserInputError } from '../rest/errors.ts';
import { DEFAULT_TWEET_QUERY, TweetRef, tweetShape } from './shapes.ts';
import type { TweetShape } from './tweet-shape.ts';
import type { UserShape } from './user.ts';
import { DEFAULT_USER_QUERY, UserRef, userShape } from './user.ts';

/**
 * Composition. `User` and `Tweet` are Federation v2 entities keyed by `restId`: a router's
 * `_entities(representations:)` resolves each representation through the request's DataLoaders, with the
 * fields the planner found the `_entities` selection reads (`src/plan` walks `... on User { ... }` like a
 * root lookup), so 250 user representations are 3 `GET /2/users?ids=` calls. A representation of an id X
 * does not know is `null` with `NOT_FOUND` at its index. `_sdl` publishes the SDL with stitching directives
 * for `@graphql-tools/stitch` gateways; it is `@inaccessible` to a federated supergraph.
 */

/** Checks federation representations: at most 1000, each a `User` or `Tweet` with the X id `restId`. */
function checkRepresentations(args: FieldArgs): void {
  const list: unknown[] = Array.isArray(args.representations) ? args.representations : [];
  if (list.length > MAX_LOOKUP_KEYS) {
    throw new BadUserInputError(
      `\`representations\` takes at most ${MAX_LOOKUP_KEYS} values; got ${list.length}.`,
    );
  }
  list.forEach((item, index) => {
    const argument = `representations[${index}]`;
    const { __typename, restId } = (item ?? {}) as { __typename?: unknown; restId?: unknown };
    if (__typename !== 'User' && __typename !== 'Tweet') {
      throw new BadUserInputError(`\`${argument}\` must have \`__typename\` "User" or "Tweet".`);
    }
    if (typeof restId !== 'string') {
      throw new BadUserInputError(`\`${argument}.restId\` must be an X id as a decimal string.`);
    }
    checkRestId(restId, `${argument}.restId`);
  });
}

/** How many representations name users and how many tweets (others count as neither). */
function countRepresentations(args: FieldArgs): Record<'User' | 'Tweet', number> {
  const counts = { User: 0, Tweet: 0 };
  for (const item of Array.isArray(args.representations) ? args.representations : []) {
    const typename = (item as { __typename?: unknown } | null | undefined)?.__typename;
    if (typename === 'User' || typename === 'Tweet') counts[typename] += 1;
  }
  return counts;
}

/**
 * Declares how `_entities` finds its objects for the planner, on the built subgraph schema (the
 * federation plugin makes the field): each representation is looked up, users and tweets each on their
 * own endpoint, so an id X does not know is `NOT_FOUND`.
 */
export function declareEntities(schema: GraphQLSchema): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()._entities;
  if (field) {
    field.extensions = {
      ...field.extensions,
      ...xRoot({
        check: checkRepresentations,
        count: (args) => (Array.isArray(args.representations) ? args.representations.length : 1),
        verifies: true,
        typeCounts: countRepresentations,
      }),
    };
  }
  return schema;
}

/** The X id of a representation, or `BAD_USER_INPUT` naming what is wrong. */
function representationId(reference: { restId: unknown }): string {
  if (typeof reference.restId !== 'string') {
    throw new BadUserInputError('A representation needs `restId`, an X id as a decimal string.');
  }
  return checkRestId(reference.restId, 'representations[].restId');
}

/** Resolves a `User` representation: always looked up, so an unknown id is `NOT_FOUND`. */
async function resolveUserReference(
  reference: { restId: string },
  ctx: GatewayContext,
  info: GraphQLResolveInfo,
): Promise<UserShape> {
  const restId = representationId(reference);
  const plan = planNodeAt(ctx, info)?.user;
  return userShape(await ctx.loaders.users.byId(restId, plan?.query ?? DEFAULT_USER_QUERY));
}

/** Resolves a `Tweet` representation: always looked up, so an unknown id is `NOT_FOUND`. */
async function resolveTweetReference(
  reference: { restId: string },
  ctx: GatewayContext,
  info: GraphQLResolveInfo,
): Promise<TweetShape> {
  const restId = representationId(reference);
  const plan = planNodeAt(ctx, info)?.tweet;
  return tweetShape(restId, await ctx.loaders.tweets.byId(restId, plan?.query ?? DEFAULT_TWEET_QUERY));
}

builder.asEntity(UserRef, {
  key: builder.selection<{ restId: string }>('restId'),
  resolveReference: resolveUserReference,
});

builder.asEntity(TweetRef, {
  key: builder.selection<{ restId: string }>('restId'),
  resolveReference: resolveTweetReference,
});

/** The stitching SDL of each schema, printed once. */
const stitchingSdls = new WeakMap<GraphQLSchema, string>();

builder.queryField('_sdl', (t) =>
  t.string({
    inaccessible: true,
    description:
      'The SDL of this schema with `@graphql-tools/stitching-directives` (`@key`, `@merge`, `@canonical`), ' +
      'read by schema-stitching gateways.',
    resolve: async (_root, _args, _ctx, info) => {
      let sdl = stitchingSdls.get(info.schema);
      if (sdl === undefined) {
        // Loaded on the first read: stitching gateways ask once, and the directives package is not small.
        const { printStitchingSdl } = await import('./stitching-sdl.ts');
        sdl = printStitchingSdl(info.schema);
        stitchingSdls.set(info.schema, sdl);
      }
      return sdl;
    },
  }),
);
