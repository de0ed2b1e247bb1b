import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../observability/logger.ts';
import type { GatewayMetrics } from '../observability/metrics.ts';
import type { UpstreamProbe } from '../observability/upstream-probe.ts';
import { useMetricsEndpoint } from './metrics-endpoint.ts';
import { useReadiness } from './readiness.ts';
import { useRequestId } from './request-id.ts';
import { useRequestLogging } from './request-logging.ts';

/**
 * The operations plugins of a production gateway, in the order they must run: the request id first
 * (its context wraps everything else), then the access log, the metrics and `/readiness`.
 */

/** Options of `createOperationalPlugins`. */
export interface OperationalPluginsOptions {
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  /** The upstream reachability probe of `/readiness`; omitted, `/readiness` is not served. */
  readonly probe?: UpstreamProbe;
  /** True once shutdown began (`/readiness` then answers 503). @default () => false */
  readonly isDraining?: () => boolean;
}

/** The plugins to pass to `createGatewayYoga({ plugins })`. */
export function createOperationalPlugins(options: OperationalPluginsOptions): Plugin[] {
  const plugins: Plugin[] = [
    useRequestId(),
    useRequestLogging({ logger: options.logger }),
    useMetricsEndpoint({ metrics: options.metrics }),
  ];
  if (options.probe) {
    const readiness = options.isDraining
      ? { probe: options.probe, isDraining: options.isDraining }
      : { probe: options.probe };
    plugins.push(useReadiness(readiness));
  }
  return plugins;
}
