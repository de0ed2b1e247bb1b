/**
 * Error lines that wait for their request. Yoga logs an unexpected error when it masks it, without the
 * request it belongs to; the gateway's masking function marks such an error (`awaitRequest`), Yoga's
 * logger adapter holds its line (`holdLine`), and the gateway's result hook, which knows the request,
 * writes it with the request id (`releaseLines`). Nothing awaits between the masking and that hook, so a
 * line still held on the next turn of the event loop (a result no hook saw) is written without one.
 */

/** Writes one held line, with the request id when it is known. */
type HeldLine = (requestId: string | undefined) => void;

/** The original error of each masked error `awaitRequest` was told of. */
const originals = new WeakMap<object, object>();
/** Errors whose next error line waits for the request. */
const awaiting = new WeakSet<object>();
/** The held lines, by the error they describe. */
const held = new Map<object, HeldLine[]>();
let flushScheduled = false;

/** Marks `original`, masked as `masked`, as an error whose error line waits for its request. */
export function awaitRequest(original: unknown, masked: object): void {
  if (typeof original !== 'object' || original === null) return;
  originals.set(masked, original);
  awaiting.add(original);
}

/** Holds the line of an error `awaitRequest` marked (true), or leaves it to be written now (false). */
export function holdLine(error: unknown, write: HeldLine): boolean {
  if (typeof error !== 'object' || error === null || !awaiting.has(error)) return false;
  const lines = held.get(error);
  if (lines) lines.push(write);
  else held.set(error, [write]);
  if (!flushScheduled) {
    flushScheduled = true;
    setImmediate(flushHeld);
  }
  return true;
}

/** Writes the held lines of these errors (masked, as a result carries them, or original) with `requestId`. */
export function releaseLines(errors: readonly unknown[], requestId: string | undefined): void {
  if (held.size === 0) return;
  for (const error of errors) {
    if (typeof error !== 'object' || error === null) continue;
    const original = originals.get(error) ?? error;
    const lines = held.get(original);
    if (!lines) continue;
    held.delete(original);
    awaiting.delete(original);
    for (const write of lines) write(requestId);
  }
}

/** Writes every line still held, without a request id. */
function flushHeld(): void {
  flushScheduled = false;
  const lines = [...held.entries()];
  held.clear();
  for (const [error, writes] of lines) {
    awaiting.delete(error);
    for (const write of writes) write(undefined);
  }
}
