import type { Plugin } from 'graphql-yoga';
import type { GatewayMetrics } from '../observability/metrics.ts';
import { requestContextOf } from './request-id.ts';

/**
 * Serves the Prometheus metrics at `GET /metrics` and counts every HTTP request by route and status,
 * and every GraphQL error by its contract code.
 */

/** Options of `useMetricsEndpoint`. */
export interface MetricsEndpointOptions {
  readonly metrics: GatewayMetrics;
  /** The path of the metrics. @default '/metrics' */
  readonly endpoint?: string;
}

/** The routes known to the gateway; any other path is counted as `other` (bounded label values). */
const ROUTES = new Set(['/graphql', '/health', '/readiness', '/metrics']);

/** The metrics plugin. */
export function useMetricsEndpoint(options: MetricsEndpointOptions): Plugin {
  const { metrics } = options;
  const endpoint = options.endpoint ?? '/metrics';
  const routeOf = (path: string): string => (ROUTES.has(path) || path === endpoint ? path : 'other');
  // The route of each request, from the URL Yoga parsed for `onRequest`, so `onResponse` parses none.
  const routes = new WeakMap<Request, string>();
  return {
    // Synchronous unless it serves the metrics: every other request costs no promise here.
    onRequest({ request, url, endResponse, fetchAPI }) {
      const path = url.pathname;
      routes.set(request, routeOf(path));
      if (path !== endpoint || request.method !== 'GET') return;
      return metrics.registry.metrics().then((text) => {
        endResponse(
          new fetchAPI.Response(text, {
            status: 200,
            headers: { 'content-type': metrics.registry.contentType },
          }),
        );
      });
    },
    onExecutionResult({ result }) {
      const results = Array.isArray(result) ? result : [result];
      for (const one of results) {
        if (!one || typeof one !== 'object' || !('errors' in one)) continue;
        for (const error of one.errors ?? []) {
          metrics.graphqlErrors.inc({ code: String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
        }
      }
    },
    onResponse({ request, response }) {
      // A request another plugin answered before this one's `onRequest` ran (a CORS preflight) has none.
      const route = routes.get(request) ?? routeOf(new URL(request.url).pathname);
      metrics.requests.inc({ method: request.method, route, status: String(response.status) });
      const context = requestContextOf(request);
      if (context) metrics.requestDuration.observe({ route }, (performance.now() - context.startedAt) / 1000);
    },
  };
}
