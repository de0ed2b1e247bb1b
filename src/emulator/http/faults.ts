/**
 * Faults on demand, so tests can make the emulator misbehave the way a network and X do: slow answers,
 * error statuses, dropped connections, truncated bodies and answers that never come.
 */

/** What goes wrong. */
export type FaultKind =
  /** Waits `ms` before handling the request normally. */
  | { readonly kind: 'latency'; readonly ms: number }
  /** Answers `status` with X's generic problem body for it (or `body` when given), nothing else. */
  | { readonly kind: 'status'; readonly status: number; readonly body?: unknown }
  /** Destroys the connection without an answer. */
  | { readonly kind: 'drop' }
  /** Handles the request, then sends only the first half of the JSON body (with a matching length). */
  | { readonly kind: 'malformed' }
  /** Never answers; `close()` ends the connection. */
  | { readonly kind: 'hang' };

/** A fault and the requests it applies to. */
export type Fault = FaultKind & {
  /** How many matching requests it applies to; every matching request until `clear()` when absent. */
  readonly times?: number;
  /** Only requests whose path (without the query) contains this string or matches this RegExp. */
  readonly path?: string | RegExp;
};

/** The handle tests use to inject faults. */
export interface FaultControl {
  /** Adds a fault; faults apply in the order they were injected, one fault per request. */
  inject(fault: Fault): void;
  /** Removes every pending fault. */
  clear(): void;
  /** The faults still pending. */
  readonly pending: readonly Fault[];
}

/** The emulator's side of the fault list: picks the fault of each request. */
export interface FaultQueue extends FaultControl {
  /** The first pending fault matching `path`, counting one use of it; undefined when none applies. */
  take(path: string): FaultKind | undefined;
}

interface PendingFault {
  fault: Fault;
  remaining: number;
}

/** Creates an empty fault list. */
export function createFaultQueue(): FaultQueue {
  let pending: PendingFault[] = [];
  return {
    inject(fault) {
      validateFault(fault);
      pending.push({ fault, remaining: fault.times ?? Number.POSITIVE_INFINITY });
    },
    clear() {
      pending = [];
    },
    get pending() {
      return pending.map((p) => p.fault);
    },
    take(path) {
      const entry = pending.find((p) => matches(p.fault.path, path));
      if (!entry) return undefined;
      entry.remaining -= 1;
      if (entry.remaining <= 0) pending = pending.filter((p) => p !== entry);
      return entry.fault;
    },
  };
}

/** Does a request path match a fault's path filter? */
function matches(filter: string | RegExp | undefined, path: string): boolean {
  if (filter === undefined) return true;
  if (typeof filter === 'string') return path.includes(filter);
  filter.lastIndex = 0;
  return filter.test(path);
}

/** Rejects faults that cannot be applied, naming what is wrong. */
function validateFault(fault: Fault): void {
  if (fault.times !== undefined && (!Number.isInteger(fault.times) || fault.times < 1)) {
    throw new RangeError(`fault.times must be a positive integer, got ${String(fault.times)}`);
  }
  if (fault.kind === 'latency' && (!Number.isFinite(fault.ms) || fault.ms < 0)) {
    throw new RangeError(`latency fault ms must be a non-negative number, got ${String(fault.ms)}`);
  }
  if (
    fault.kind === 'status' &&
    (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599)
  ) {
    throw new RangeError(`status fault status must be an HTTP status 100..599, got ${String(fault.status)}`);
  }
}
