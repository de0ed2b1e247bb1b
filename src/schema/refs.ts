import { builder } from '../builder.ts';
import type { TweetShape, UserShape } from './shapes.ts';

/**
 * The object references of the types that refer to each other, so each type's file can use the others
 * without import cycles. Each is implemented in its own file (`user.ts`, `tweet.ts`, `node.ts`).
 */

/** `interface Node`. */
export const NodeRef = builder.interfaceRef<UserShape | TweetShape>('Node');
/** `type User`. */
export const UserRef = builder.objectRef<UserShape>('User');
/** `type Tweet`. */
export const TweetRef = builder.objectRef<TweetShape>('Tweet');
