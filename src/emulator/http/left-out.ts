/**
 * Short pages, as X serves them: pages are cut over a list's positions by `max_results`, then a share of
 * the accounts in the page is left out (X leaves out suspended or deactivated accounts, for instance), so
 * a page may hold fewer accounts than asked, or none, while `next_token` is still there.
 *
 * Whether the account at a position is left out depends only on (seed, list kind, user id, position): the
 * same for every call and every page size, so the "visible list" (the list without them) is well defined.
 */
import { createHash } from 'node:crypto';
import type { EmulatorStore } from '../store.ts';
import type { ListKind } from './pagination-tokens.ts';

/** Decides, for the positions of one list, which accounts a page leaves out. */
export type LeftOutRule = (position: number) => boolean;

/** Keeps every account: the rule of a share of 0. */
const KEEP_ALL: LeftOutRule = () => false;

/**
 * The rule of one list: the account at a position is left out when a hash of (seed, kind, user id,
 * position), read as a number in [0, 1), is below `share`.
 */
export function leftOutRule(seed: number, kind: ListKind, userId: string, share: number): LeftOutRule {
  if (share <= 0) return KEEP_ALL;
  const listKey = createHash('sha256').update(`left-out:${seed}:${kind}:${userId}`).digest();
  const a = listKey.readUInt32BE(0);
  const b = listKey.readUInt32BE(4);
  return (position) => unitHash(a, b, position) < share;
}

/** The ids of a list as X shows them over all its pages: in list order, left-out accounts removed. */
export function visibleIds(
  store: EmulatorStore,
  kind: ListKind,
  userId: string,
  share: number,
): readonly string[] {
  const list = kind === 'followers' ? store.followers(userId) : store.following(userId);
  const leftOut = leftOutRule(store.seed, kind, userId, share);
  const ids: string[] = [];
  for (let position = 0; position < list.length; position += 1) {
    if (!leftOut(position)) ids.push(list.idAt(position));
  }
  return ids;
}

/** Checks a share of left-out accounts: a number in [0, 1). */
export function checkShortPagesShare(share: number): number {
  if (!(share >= 0 && share < 1)) {
    throw new RangeError(`shortPages must be a number in [0, 1), got ${String(share)}`);
  }
  return share;
}

/** A well-mixed hash of a position under a 64-bit list key, as a number in [0, 1). */
function unitHash(a: number, b: number, position: number): number {
  let x = (Math.imul(position ^ a, 0x9e3779b1) + b) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  x = (x ^ (x >>> 16)) >>> 0;
  return x / 4294967296;
}
