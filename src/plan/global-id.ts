import { BadUserInputError } from '../rest/errors.ts';
import type { Endpoint } from '../rest/x-api.ts';
import { checkKeys, checkRestId, checkUsername, MAX_LOOKUP_KEYS } from './validate.ts';

/**
 * Checks of the root fields' arguments, shared by the planner and the resolvers, and the endpoint and
 * multiplicity each root field implies for cost estimation.
 */

/** Checks `user(restId:, username:)`: exactly one of the two, well formed. */
export function checkUserArgs(args: { restId?: string | null; username?: string | null }): void {
  if ((args.restId == null) === (args.username == null)) {
    throw new BadUserInputError('`user` takes exactly one of `restId` and `username`.');
  }
  if (args.restId != null) checkRestId(args.restId, 'restId');
  if (args.username != null) checkUsername(args.username, 'username');
}

/** Checks the arguments of a root field by name; fields without checks pass. */
export function checkRootArgs(fieldName: string, args: Readonly<Record<string, unknown>>): void {
  switch (fieldName) {
    case 'user':
      checkUserArgs(args as { restId?: string; username?: string });
      return;
    case 'users':
      checkKeys(args.restIds as string[], 'restIds', checkRestId);
      return;
    case 'usersByUsername':
      checkKeys(args.usernames as string[], 'usernames', checkUsername);
      return;
    case 'tweet':
      checkRestId(args.restId as string, 'restId');
      return;
    case 'node':
      decodeGlobalId(args.id as string, 'id');
      return;
    case 'nodes':
      checkKeys(args.ids as string[], 'ids', (id, argument) => {
        decodeGlobalId(id, argument);
        return id;
      });
      return;
    case '_entities':
      checkRepresentations(args.representations);
      return;
    default:
  }
}

/** Checks federation representations: at most 1000, each a `User` or `Tweet` with the X id `restId`. */
function checkRepresentations(representations: unknown): void {
  const list: unknown[] = Array.isArray(representations) ? representations : [];
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

/** The argument holding the keys of each root field that returns a list (`_entities`: federation). */
const LIST_ARGUMENTS: Readonly<Record<string, string>> = {
  users: 'restIds',
  usersByUsername: 'usernames',
  nodes: 'ids',
  _entities: 'representations',
};

/**
 * Root fields whose objects are always looked up, even when the selection reads nothing but ids: each
 * object they return must exist, so an id X does not know is null with `NOT_FOUND` (one batched call per
 * 100 ids). `user(restId:)` is not one of them: `user(restId:) { followers { ... } }` stays lazy.
 */
const VERIFIED_ROOT_FIELDS: ReadonlySet<string> = new Set(['users', 'tweet', 'node', 'nodes', '_entities']);

/** Does this root field look its objects up to verify they exist, whatever the selection reads? */
export function verifiesExistence(fieldName: string): boolean {
  return VERIFIED_ROOT_FIELDS.has(fieldName);
}

/** How many values a root field yields: the length of its key list, else 1. */
export function rootMultiplicity(fieldName: string, args: Readonly<Record<string, unknown>>): number {
  const argument = LIST_ARGUMENTS[fieldName];
  const list = argument === undefined ? undefined : args[argument];
  return Array.isArray(list) ? list.length : 1;
}

/** The lookup endpoint of a root field that returns users or tweets (before knowing whether it is needed). */
export function rootEndpoint(
  fieldName: string,
  args: Readonly<Record<string, unknown>>,
): Endpoint | undefined {
  switch (fieldName) {
    case 'user':
      return args.username != null ? 'GET /2/users/by' : 'GET /2/users';
    case 'users':
      return 'GET /2/users';
    case 'usersByUsername':
      return 'GET /2/users/by';
    case 'viewer':
      return 'GET /2/users/me';
    case 'tweet':
      return 'GET /2/tweets';
    default:
      return undefined;
  }
}

/** How many of a root field's values are users and how many tweets. */
export type TypeCounts = Readonly<Record<NodeTypeName, number>>;

/** The lookup endpoint of each type a global id or a representation may name. */
export const LOOKUP_ENDPOINTS: Readonly<Record<NodeTypeName, Endpoint>> = {
  User: 'GET /2/users',
  Tweet: 'GET /2/tweets',
};

/**
 * For the root fields whose values may be users or tweets (`node`, `nodes`, `_entities`): how many of each
 * they name, by decoding the global ids or reading the representations' `__typename`; each type is looked
 * up on its own endpoint. Undefined for other fields. Values that do not decode count as neither (the
 * planner refuses them before any call).
 */
export function rootTypeCounts(
  fieldName: string,
  args: Readonly<Record<string, unknown>>,
): TypeCounts | undefined {
  let types: (NodeTypeName | undefined)[];
  if (fieldName === 'node') types = [globalIdType(args.id)];
  else if (fieldName === 'nodes') types = listOf(args.ids).map(globalIdType);
  else if (fieldName === '_entities') types = listOf(args.representations).map(representationType);
  else return undefined;
  const counts = { User: 0, Tweet: 0 };
  for (const type of types) if (type) counts[type] += 1;
  return counts;
}

/** A list argument, or none. */
function listOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The type a global id names, if it decodes. */
function globalIdType(id: unknown): NodeTypeName | undefined {
  try {
    return typeof id === 'string' ? decodeGlobalId(id, 'id').type : undefined;
  } catch {
    return undefined;
  }
}

/** The type a federation representation names, if it names one. */
function representationType(representation: unknown): NodeTypeName | undefined {
  const typename = (representation as { __typename?: unknown } | null | undefined)?.__typename;
  return typename === 'User' || typename === 'Tweet' ? typename : undefined;
}

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

const DECODED = /^(User|Tweet):([0-9]{1,19})$/;

/** The global id of an X object. */
export function encodeGlobalId(type: NodeTypeName, restId: string): string {
  return Buffer.from(`${type}:${restId}`, 'utf8').toString('base64');
}

/** Decodes a global id, or throws `BadUserInputError` naming `argument`. */
export function decodeGlobalId(id: string, argument: string): GlobalId {
  const text = id.length <= 64 ? Buffer.from(id, 'base64').toString('utf8') : '';
  const match = DECODED.exec(text);
  if (!match || encodeGlobalId(match[1] as NodeTypeName, match[2] as string) !== id) {
    throw new BadUserInputError(`\`${argument}\` is not a global id of a User or a Tweet.`);
  }
  return { type: match[1] as NodeTypeName, restId: match[2] as string };
}
