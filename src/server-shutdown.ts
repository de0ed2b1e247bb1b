import type { Server } from 'node:http';
import type { Logger } from './observability/logger.ts';

/**
 * The two waits of a graceful shutdown (`RunningGateway.close`): letting the server's connections
 * finish within a deadline, and giving each closing part (Yoga, the REST client, the emulator) at most
 * the time left, so that a part that hangs never keeps the process from exiting.
 */

/** Waits for `promise` (its failure ignored) at most `ms` milliseconds. */
export async function settleWithin(promise: Promise<unknown> | undefined, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    promise?.catch(() => undefined),
    new Promise((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}

/** Stops accepting; busy connections finish, or are closed past `timeoutMs` (then resolves true). */
export async function drain(server: Server, timeoutMs: number, logger: Logger): Promise<boolean> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive connections become idle after their last response; close them as they do.
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const outcome = await Promise.race([closed.then(() => 'closed' as const), timedOut]);
  clearInterval(sweep);
  clearTimeout(timer);
  if (outcome === 'closed') return false;
  logger.warn('shutdown timeout: closing the connections still open', { timeoutMs });
  server.closeAllConnections();
  await closed;
  return true;
}
