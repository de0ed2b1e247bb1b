import { builder } from '../builder.ts';
import { planNodeAt } from '../pipeline.ts';
import { checkUserArgs } from '../plan/global-id.ts';
import { checkKeys, checkRestId, checkUsername } from '../plan/validate.ts';
import { DEFAULT_USER_QUERY, lazyUser, UserRef, userShape } from './shapes.ts';
import type { UserShape } from './user-shape.ts';

/**
 * The root fields that look users up. Each asks X only for what the planner found the selection reads;
 * `user(restId:)` not at all when nothing but `id`, `restId`, `followers` or `following` is read, while
 * `users(restIds:)` always looks its users up so unknown ids are null. Lookups of many ids are batched by
 * the user DataLoader, 100 per call.
 */

builder.queryFields((t) => ({
  user: t.field({
    type: UserRef,
    nullable: true,
    description: 'One user, by `restId` or by `username` (exactly one of the two).',
    args: { restId: t.arg.id(), username: t.arg.string() },
    resolve: async (_root, args, ctx, info): Promise<UserShape> => {
      const restId = args.restId == null ? undefined : String(args.restId);
      checkUserArgs({ restId, username: args.username });
      const plan = planNodeAt(ctx, info)?.user;
      if (restId !== undefined && plan && !plan.lookup) return lazyUser(restId);
      const query = plan?.query ?? DEFAULT_USER_QUERY;
      const user =
        restId !== undefined
          ? await ctx.loaders.users.byId(restId, query)
          : await ctx.loaders.users.byUsername(args.username as string, query);
      return userShape(user);
    },
  }),
  users: t.field({
    type: [UserRef],
    nullable: { list: false, items: true },
    description: 'Users by X id, in the order asked; null (with an error) where X found none.',
    args: { restIds: t.arg.idList({ required: true }) },
    resolve: (_root, args, ctx, info) => {
      const ids = checkKeys(args.restIds.map(String), 'restIds', checkRestId);
      // Always looked up, even for ids alone: an id X does not know is null with `NOT_FOUND`.
      const query = planNodeAt(ctx, info)?.user?.query ?? DEFAULT_USER_QUERY;
      return ids.map((id) => ctx.loaders.users.byId(id, query).then(userShape));
    },
  }),
  usersByUsername: t.field({
    type: [UserRef],
    nullable: { list: false, items: true },
    description: 'Users by username, in the order asked; null (with an error) where X found none.',
    args: { usernames: t.arg.stringList({ required: true }) },
    resolve: (_root, args, ctx, info) => {
      const usernames = checkKeys(args.usernames, 'usernames', checkUsername);
      const query = planNodeAt(ctx, info)?.user?.query ?? DEFAULT_USER_QUERY;
      return usernames.map((username) => ctx.loaders.users.byUsername(username, query).then(userShape));
    },
  }),
  viewer: t.field({
    type: UserRef,
    nullable: true,
    description: 'The user of the OAuth user-context token the request carries (`GET /2/users/me`).',
    resolve: async (_root, _args, ctx, info) => {
      const query = planNodeAt(ctx, info)?.user?.query ?? DEFAULT_USER_QUERY;
      return userShape(await ctx.loaders.users.viewer(query));
    },
  }),
}));
