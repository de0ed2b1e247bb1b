/**
 * The one place the gateway turns off stack capture. A deliberate, client-facing error needs no stack:
 * nobody reads it, and capturing and formatting one (through source maps, under tsx) costs more than the
 * rest of a field's work when X reports dozens of missing pinned tweets in one page.
 */

/** Turns off stack capture for errors made until the returned function is called (it restores it). */
export function suspendStackTraces(): () => void {
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  return () => {
    Error.stackTraceLimit = stackTraceLimit;
  };
}

/** Builds a value (an error) with stack capture turned off, restoring it afterwards even if `build` throws. */
export function withoutStack<T>(build: () => T): T {
  const resume = suspendStackTraces();
  try {
    return build();
  } finally {
    resume();
  }
}
