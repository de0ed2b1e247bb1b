import type { Plugin } from 'graphql-yoga';
import type { UpstreamProbe } from '../observability/upstream-probe.ts';

/**
 * `GET /readiness`: 200 `{"status":"ready"}` once the X API origin answers a TCP probe, 503
 * `{"status":"unavailable","reason":...}` while it does not or while the server drains for shutdown.
 * (`/health`, "the process serves", is Yoga's built-in health check.)
 */

/** Options of `useReadiness`. */
export interface ReadinessOptions {
  /** Whether the upstream is reachable. */
  readonly probe: UpstreamProbe;
  /** True once shutdown began: the load balancer should stop sending traffic. @default () => false */
  readonly isDraining?: () => boolean;
  /** The path. @default '/readiness' */
  readonly endpoint?: string;
}

/** The readiness plugin. */
export function useReadiness(options: ReadinessOptions): Plugin {
  const endpoint = options.endpoint ?? '/readiness';
  const isDraining = options.isDraining ?? (() => false);
  return {
    // Synchronous unless it answers: every other request costs no promise here.
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== endpoint || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      return answer(endResponse, fetchAPI);
    },
  };

  /** Probes the upstream (unless draining) and ends the request with the verdict. */
  async function answer(
    endResponse: (response: Response) => void,
    fetchAPI: { Response: typeof Response },
  ): Promise<void> {
    const probe = isDraining() ? { reachable: false, reason: 'shutting down' } : await options.probe();
    const body = probe.reachable ? { status: 'ready' } : { status: 'unavailable', reason: probe.reason };
    endResponse(
      new fetchAPI.Response(JSON.stringify(body), {
        status: probe.reachable ? 200 : 503,
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      }),
    );
  }
}
