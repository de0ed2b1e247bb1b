import { Agent, type Dispatcher, interceptors } from 'undici';

/**
 * The one shared undici dispatcher of the client: a keep-alive connection pool per origin, with DNS
 * answers cached by undici's `dns` interceptor. Tests replace it with a `MockAgent`.
 */

/** Options of the default dispatcher. */
export interface DispatcherOptions {
  /** Connections kept per origin. @default 16 */
  readonly connections?: number;
  /** How long an idle connection is kept open. @default 30000 */
  readonly keepAliveTimeoutMs?: number;
}

/** Creates the default dispatcher; the client closes it in `close()`. */
export function createDefaultDispatcher(options: DispatcherOptions = {}): Dispatcher {
  const agent = new Agent({
    connections: options.connections ?? 16,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    keepAliveMaxTimeout: 10 * 60_000,
  });
  return agent.compose(interceptors.dns({ maxTTL: 60_000 }));
}
