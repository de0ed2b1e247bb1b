import type { Server, ServerOptions } from 'node:http';

/**
 * Limits on client connections, so a slow or greedy client cannot hold the server: how long request
 * headers and a whole request may take to arrive, how long an idle keep-alive connection is kept, and
 * how many connections are open at once. `src/server.ts` applies them to its `node:http` server.
 */

/** The connection limits of `HEADERS_TIMEOUT_MS`, `REQUEST_TIMEOUT_MS`, `KEEP_ALIVE_TIMEOUT_MS` and `MAX_CONNECTIONS`. */
export interface ConnectionLimits {
  /** The most time a request's headers may take to arrive; then `408` and the connection closes. @default 10000 */
  readonly headersTimeoutMs: number;
  /** The most time a whole request (headers and body) may take to arrive; then `408`. @default 30000 */
  readonly requestTimeoutMs: number;
  /** How long an idle keep-alive connection is kept open, above load balancers' 60 s. @default 65000 */
  readonly keepAliveTimeoutMs: number;
  /** Connections open at once; more are closed as soon as they are accepted. @default 4096 */
  readonly maxConnections: number;
}

/** The default limits. */
export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = Object.freeze({
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 65_000,
  maxConnections: 4096,
});

/** The most time between two checks of the header and request timeouts. */
const MAX_CHECK_INTERVAL_MS = 1000;

/**
 * The `createServer` options of `limits`. Node checks the header and request timeouts of open
 * connections every `connectionsCheckingInterval` (30 s by default): it is set to a tenth of the shorter
 * timeout (at most 1 s), so a slow client is cut off close to its timeout rather than up to 30 s late.
 */
export function serverOptionsFor(limits: ConnectionLimits): ServerOptions {
  const shorter = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.max(1, Math.min(MAX_CHECK_INTERVAL_MS, Math.floor(shorter / 10))),
  };
}

/** Sets the limits that are properties of a created server (the connection count, and the timeouts again). */
export function applyConnectionLimits(server: Server, limits: ConnectionLimits): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
}
