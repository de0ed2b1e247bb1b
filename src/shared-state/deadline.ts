/**
 * A time limit that a busy event loop does not trip by itself. When the gateway's own event loop is
 * blocked for longer than the limit, Node runs the expired timer before it reads the sockets, so a
 * plain timeout would fail a Redis command whose reply is already waiting in the buffer and count a
 * healthy Redis as slow. Here the timer only arms a check that runs after the next poll for I/O
 * (`setImmediate`): a reply that had arrived by then wins.
 */

/** The error of a command that ran past its limit. */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
}

/** Settles like `promise`, or rejects with `DeadlineError` when it is still pending `ms` later. */
export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      setImmediate(() => {
        if (settled) return;
        settled = true;
        reject(new DeadlineError(`${what} took longer than ${ms} ms`));
      });
    }, ms);
    promise.then(
      (value) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
