import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { builder } from '../builder.ts';
import type { GatewayContext } from '../context.ts';
import { planNodeAt } from '../pipeline.ts';
import { checkRestId } from '../plan/validate.ts';
import { BadUserInputError } from '../rest/errors.ts';
import {
  DEFAULT_TWEET_QUERY,
  DEFAULT_USER_QUERY,
  TweetRef,
  tweetShape,
  UserRef,
  userShape,
} from './shapes.ts';
import type { TweetShape } from './tweet-shape.ts';
import type { UserShape } from './user-shape.ts';

/**
 * Composition. `User` and `Tweet` are Federation v2 entities keyed by `restId`: a router's
 * `_entities(representations:)` resolves each representation through the request's DataLoaders, with the
 * fields the planner found the `_entities` selection reads (`src/plan` walks `... on User { ... }` like a
 * root lookup), so 250 user representations are 3 `GET /2/users?ids=` calls. A representation of an id X
 * does not know is `null` with `NOT_FOUND` at its index. `_sdl` publishes the SDL with stitching directives
 * for `@graphql-tools/stitch` gateways; it is `@inaccessible` to a federated supergraph.
 */

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
