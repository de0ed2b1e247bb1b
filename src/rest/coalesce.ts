/**
 * Coalescing of identical in-flight calls: while one upstream call for a key is running, every other
 * call for the same key waits for it instead of making its own. The entry is removed as soon as the
 * call settles (success or failure), so a later call never sees a settled promise from here; caching
 * answers is the response cache's job, and failures are never shared beyond the calls that overlapped.
 */

/** The promise of a call, and whether this caller joined one already running. */
export interface Coalesced<T> {
  readonly promise: Promise<T>;
  readonly joined: boolean;
}

/** A map of in-flight calls by key. */
export class InFlightCalls<T> {
  readonly #running = new Map<string, Promise<T>>();

  /** Joins the call running for `key`, or starts `start()` as that call. */
  run(key: string, start: () => Promise<T>): Coalesced<T> {
    const running = this.#running.get(key);
    if (running) return { promise: running, joined: true };
    const promise = start().finally(() => {
      if (this.#running.get(key) === promise) this.#running.delete(key);
    });
    this.#running.set(key, promise);
    return { promise, joined: false };
  }

  /** How many distinct calls are in flight. */
  get size(): number {
    return this.#running.size;
  }
}
