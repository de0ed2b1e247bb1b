import { AsyncLocalStorage } from 'node:async_hooks';
import type { UpstreamCallEvent, UpstreamCallListener } from '../rest/events.ts';

/**
 * What the tracing plugin (`src/plugins/tracing.ts`) learns about one GraphQL operation while it runs:
 * the REST client's events of that operation, recorded with their end time. The plugin turns them into
 * spans once the operation is over; `src/rest` stays free of OpenTelemetry, reporting only its events.
 */

/** One upstream event and when it was reported (ms since the epoch, sub-millisecond). */
export interface RecordedEvent {
  readonly event: UpstreamCallEvent;
  readonly endMs: number;
}

/** The events of one operation. */
export interface OperationTrace {
  readonly events: RecordedEvent[];
}

const storage = new AsyncLocalStorage<OperationTrace>();

/** Runs `fn` with `trace` receiving the upstream events of everything it awaits. */
export function runWithOperationTrace<T>(trace: OperationTrace, fn: () => T): T {
  return storage.run(trace, fn);
}

/** The trace of the operation being run, or `undefined` outside a traced operation. */
export function currentOperationTrace(): OperationTrace | undefined {
  return storage.getStore();
}

/** The wall clock in ms since the epoch, to a fraction of a millisecond. */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

/** The `onCall` listener that records each event into the current operation's trace. */
export function createTracingListener(): UpstreamCallListener {
  return (event) => {
    storage.getStore()?.events.push({ event, endMs: epochMs() });
  };
}

/** One listener that calls each of `listeners` (each one's failure kept from the others). */
export function combineListeners(...listeners: (UpstreamCallListener | undefined)[]): UpstreamCallListener {
  const present = listeners.filter((listener) => listener !== undefined);
  return (event) => {
    for (const listener of present) {
      try {
        listener(event);
      } catch {
        // A listener's failure must never keep the others from the event.
      }
    }
  };
}
