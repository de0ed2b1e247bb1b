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
  const routeOf = (request: Request): string => {
    const path = new URL(request.url).pathname;
    return ROUTES.has(path) || path === endpoint ? path : 'other';
  };
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== endpoint || request.method !== 'GET') return;
      endResponse(
        new fetchAPI.Response(await metrics.registry.metrics(), {
          status: 200,
          headers: { 'content-type': metrics.registry.contentType },
        }),
      );
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
      const route = routeOf(request);
      metrics.requests.inc({ method: request.method, route, status: String(response.status) });
      const context = requestContextOf(request);
      if (context) metrics.requestDuration.observe({ route }, (performance.now() - context.startedAt) / 1000);
    },
  };
}
