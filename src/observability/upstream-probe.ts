import { connect } from 'node:net';

/**
 * Whether the X API origin is reachable, without spending an X request: a TCP connection to the
 * origin's host and port, opened and closed at once. Results are kept for a short while so a
 * load balancer polling `/readiness` does not open a connection per poll.
 */

/** One probe's verdict. */
export interface ProbeResult {
  readonly reachable: boolean;
  /** Why not, when not reachable (never holds a credential: only host, port and the socket error code). */
  readonly reason?: string;
}

/** Options of `createUpstreamProbe`. */
export interface UpstreamProbeOptions {
  /** The X API origin, e.g. `https://api.x.com` or the emulator's URL. */
  readonly baseUrl: string;
  /** Limit of one connection attempt. @default 2000 */
  readonly timeoutMs?: number;
  /** How long a verdict is reused. @default 5000 */
  readonly cacheMs?: number;
  /** The clock. @default performance.now */
  readonly now?: () => number;
}

/** A probe: resolves (never rejects) with the current verdict. */
export type UpstreamProbe = () => Promise<ProbeResult>;

/** Creates a probe of `baseUrl`'s origin. */
export function createUpstreamProbe(options: UpstreamProbeOptions): UpstreamProbe {
  const url = new URL(options.baseUrl);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const timeoutMs = options.timeoutMs ?? 2000;
  const cacheMs = options.cacheMs ?? 5000;
  const now = options.now ?? (() => performance.now());
  let last: { at: number; result: ProbeResult } | undefined;
  let pending: Promise<ProbeResult> | undefined;

  return () => {
    if (last && now() - last.at < cacheMs) return Promise.resolve(last.result);
    pending ??= tcpProbe(host, port, timeoutMs).then((result) => {
      last = { at: now(), result };
      pending = undefined;
      return result;
    });
    return pending;
  };
}

/** Opens and closes one TCP connection. */
function tcpProbe(host: string, port: number, timeoutMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (result: ProbeResult): void => {
      socket.removeAllListeners();
      socket.on('error', () => {});
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () =>
      finish({ reachable: false, reason: `no connection to ${host}:${port} within ${timeoutMs} ms` }),
    );
    socket.once('connect', () => finish({ reachable: true }));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      finish({
        reachable: false,
        reason: `cannot connect to ${host}:${port} (${error.code ?? error.message})`,
      }),
    );
  });
}
