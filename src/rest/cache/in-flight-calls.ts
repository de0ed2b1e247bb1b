import type { FieldSets } from '../query-params.ts';
import { covers } from './response-cache.ts';

/*
 * Coalescing of in-flight calls: while one upstream call is running, every other call of the same
 * principal, endpoint and parameters whose fields it covers waits for it instead of making its own
 * (identical calls always do). The entry is removed as soon as the call settles, success or failure, so
 * a later call never sees a settled promise from here: caching answers is the response cache's job, and
 * a failure is shared only with the calls that overlapped it.
 */

/** The promise of a call, and whether this caller joined one already running. */
export interface Coalesced<T> {
  readonly promise: Promise<T>;
  readonly joined: boolean;
}

/** Options of {@link InFlightCalls}. */
export interface InFlightCallsOptions<T> {
  /**
   * Called with a call's value once every caller has resumed with it, to empty it: under load the call's
   * promise is old when it settles, and would keep its value past the requests (see
   * `src/rest/answers/hand-over.ts`). A caller must so read what it needs at once. @default none
   */
  readonly release?: ((value: T) => void) | undefined;
}

/** In-flight calls grouped by base key (principal, endpoint, path and non-field parameters). */
export class InFlightCalls<T> {
  readonly #running = new Map<string, { readonly fields: FieldSets; readonly promise: Promise<T> }[]>();
  readonly #release: ((value: T) => void) | undefined;

  constructor(options: InFlightCallsOptions<T> = {}) {
    this.#release = options.release;
  }

  /** Joins a running call of `baseKey` whose fields cover `fields`, or starts `start()` as a new one. */
  run(baseKey: string, fields: FieldSets, start: () => Promise<T>): Coalesced<T> {
    const group = this.#running.get(baseKey) ?? [];
    const covering = group.find((call) => covers(call.fields, fields));
    if (covering) return { promise: covering.promise, joined: true };
    const release = this.#release;
    const promise = start().finally(() => {
      const rest = (this.#running.get(baseKey) ?? []).filter((call) => call.promise !== promise);
      if (rest.length > 0) this.#running.set(baseKey, rest);
      else this.#running.delete(baseKey);
      // Nobody joins from now on, and every caller awaits `promise` already: a reaction added now runs
      // after all of theirs, once each has resumed with the value.
      if (release) promise.then(release, () => {});
    });
    this.#running.set(baseKey, [...group, { fields, promise }]);
    return { promise, joined: false };
  }

  /** How many calls are in flight. */
  get size(): number {
    let count = 0;
    for (const group of this.#running.values()) count += group.length;
    return count;
  }
}
