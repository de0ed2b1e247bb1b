import { BadUserInputError } from '../rest/errors.ts';

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
