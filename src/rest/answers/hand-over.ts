import type { XBody } from './parse-response.ts';

/*
 * Handing an answer up the call path without keeping it. Every layer between X and a resolver awaits the
 * layer below through a promise made when the call started. Under load a request waits across many
 * young-generation collections (scavenges) for X and then for its turn, so that promise, and the record
 * it settles with, are promoted while it waits. A scavenge takes every old object for alive, dead or not,
 * so whatever an old record points to survives every scavenge until the next full collection, long after
 * the request: a 1,000-follower page is half a megabyte copied, promoted and marked for nothing
 * (`bench/results/history.md` §25). So the one reader of such a record takes the body out of it, and the
 * record is left holding an empty body. Only records are emptied, never a body itself: bodies are shared
 * with the response cache and with coalesced calls.
 */

/** The body a record holds once its body was taken. */
export const TAKEN_BODY: XBody = Object.freeze({});

/** A record that hands a body up one layer. */
export interface BodyRecord {
  body: XBody;
}

/** The record's body; the record holds {@link TAKEN_BODY} afterwards. Call it once, as the record's one reader. */
export function takeBody(record: BodyRecord): XBody {
  const { body } = record;
  record.body = TAKEN_BODY;
  return body;
}
