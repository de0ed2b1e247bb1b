import type { Plugin } from 'graphql-yoga';
import { DEFAULT_MAX_CONCURRENT_OPERATIONS, DEFAULT_MAX_QUEUED_OPERATIONS } from '../config-defaults.ts';
import type { AdmissionState } from '../observability/metrics.ts';
import { OverloadedError } from '../rest/errors.ts';
import { toGraphQLError } from '../schema/errors.ts';

/**
 * Admission control: at most `maxConcurrent` operations execute at once, the others wait their turn in
 * arrival order, and past `maxQueued` waiting ones an operation is refused at once with `OVERLOADED`
 * (HTTP 503, `Retry-After: 1`).
 *
 * Why it matters: an executing operation holds its upstream pages, its result tree and, at the end, its
 * serialized answer. When more operations run than the cores can finish, they interleave on the event
 * loop, every one of them stays in memory for the whole time, its objects outlive the young generation
 * and fill the old one, and the process grows with the load while it answers no faster. A waiting
 * operation holds only its request. Operations that share an upstream call still coalesce, as long as
 * they run at the same time, so the limit is a few per core rather than one.
 */

/** Options of {@link AdmissionGate}. */
export interface AdmissionOptions {
  /** Operations executing at once (`MAX_CONCURRENT_OPERATIONS`). @default 16 */
  readonly maxConcurrent?: number;
  /** Operations waiting for their turn (`MAX_QUEUED_OPERATIONS`); one more is refused. @default 1000 */
  readonly maxQueued?: number;
  /** Told whenever an operation starts, waits or ends, e.g. to update gauges. */
  readonly onChange?: (state: AdmissionState) => void;
}

/** A waiting operation: how to let it in. */
interface Waiter {
  readonly admit: () => void;
}

/** Counts running operations and queues the rest, first come first served. */
export class AdmissionGate {
  readonly maxConcurrent: number;
  readonly maxQueued: number;
  private running = 0;
  // A Set keeps insertion order and removes an aborted waiter in O(1).
  private readonly waiting = new Set<Waiter>();
  private readonly onChange: ((state: AdmissionState) => void) | undefined;

  constructor(options: AdmissionOptions = {}) {
    this.maxConcurrent = options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT_OPERATIONS;
    this.maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED_OPERATIONS;
    this.onChange = options.onChange;
  }

  /** What runs and waits now. */
  get state(): AdmissionState {
    return { running: this.running, queued: this.waiting.size };
  }

  /**
   * Takes a turn: `undefined` when the operation may run at once, else a promise that resolves when it
   * may. Rejects with `OverloadedError` when the queue is full, or with the signal's reason when the
   * client goes away while waiting. Every admitted operation must call {@link leave} exactly once.
   */
  enter(signal?: AbortSignal): Promise<void> | undefined {
    if (this.running < this.maxConcurrent) {
      this.running++;
      this.onChange?.(this.state);
      return undefined;
    }
    if (this.waiting.size >= this.maxQueued)
      return Promise.reject(
        new OverloadedError(
          `The gateway is at capacity (${this.maxQueued} operation${this.maxQueued === 1 ? '' : 's'} already waiting); retry shortly.`,
          { extensions: { http: { status: 503, headers: { 'retry-after': '1' } } } },
        ),
      );
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        this.waiting.delete(waiter);
        this.onChange?.(this.state);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        admit: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.add(waiter);
      this.onChange?.(this.state);
    });
  }

  /** Ends a turn: the longest-waiting operation runs next (the running count passes to it). */
  leave(): void {
    const next = this.waiting.values().next();
    if (next.done) this.running--;
    else {
      this.waiting.delete(next.value);
      next.value.admit();
    }
    this.onChange?.(this.state);
  }
}

/**
 * The Envelop plugin: wraps execution (whatever executor the earlier plugins chose) in a turn of the
 * gate. Register it after every plugin that sets the execute function.
 */
export function useAdmission(gate: AdmissionGate): Plugin {
  return {
    onExecute: ({ executeFn, setExecuteFn }) => {
      setExecuteFn(async (args) => {
        const signal = (args.contextValue as { request?: Request } | undefined)?.request?.signal;
        try {
          await gate.enter(signal);
        } catch (error) {
          if (!(error instanceof OverloadedError)) throw error;
          return { errors: [toGraphQLError(error)] };
        }
        try {
          return await executeFn(args);
        } finally {
          gate.leave();
        }
      });
    },
  };
}
