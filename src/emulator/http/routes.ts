/**
 * The endpoints the emulator serves, fixed paths before parameterised ones so `/2/users/me` and
 * `/2/users/by` never reach `/2/users/:id`.
 */
import { tweetByIdRoute, tweetsByIdsRoute } from './handlers/tweets-lookup.ts';
import { usersListRoute } from './handlers/users-list.ts';
import {
  userByIdRoute,
  userByUsernameRoute,
  usersByIdsRoute,
  usersByUsernamesRoute,
  usersMeRoute,
} from './handlers/users-lookup.ts';
import type { RouteDef } from './router.ts';

/** Every emulated endpoint, in matching order. */
export const ROUTES: readonly RouteDef[] = [
  usersMeRoute,
  usersByUsernamesRoute,
  usersByIdsRoute,
  userByUsernameRoute,
  usersListRoute('followers'),
  usersListRoute('following'),
  userByIdRoute,
  tweetsByIdsRoute,
  tweetByIdRoute,
];
