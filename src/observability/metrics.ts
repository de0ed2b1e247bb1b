import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { type Prices, toUsd } from '../cost/money.ts';
import type { UpstreamCallEvent } from '../rest/events.ts';
import { RESOURCE_KINDS, type ResourceCounts } from '../rest/x-api.ts';

/**
 * The gateway's Prometheus metrics, in a registry of its own (never prom-client's global one), so
 * several servers in one process (tests) never share or double-register a metric.
 */

/** The metrics of one gateway. */
export interface GatewayMetrics {
  /** The registry `/metrics` serves. */
  readonly registry: Registry;
  /** `gateway_requests_total{method,route,status}`. */
  readonly requests: Counter<'method' | 'route' | 'status'>;
  /** `gateway_request_duration_seconds{route}`. */
  readonly requestDuration: Histogram<'route'>;
  /** `gateway_graphql_errors_total{code}`: errors in GraphQL results, by `extensions.code`. */
  readonly graphqlErrors: Counter<'code'>;
  /** `x_upstream_calls_total{endpoint,status}`: attempts at X, by X's status (or the error code when none). */
  readonly upstreamCalls: Counter<'endpoint' | 'status'>;
  /** `x_upstream_call_duration_seconds{endpoint}`. */
  readonly upstreamDuration: Histogram<'endpoint'>;
  /** `x_cache_hits_total{endpoint,level}`: answers from the response cache; `level` is `fresh` or `stale`. */
  readonly cacheHits: Counter<'endpoint' | 'level'>;
  /** `x_coalesced_calls_total{endpoint}`: answers that shared an identical in-flight call. */
  readonly coalescedCalls: Counter<'endpoint'>;
  /** `x_rate_limit_remaining{endpoint,principal_kind}`: the budget X last reported. */
  readonly rateLimitRemaining: Gauge<'endpoint' | 'principal_kind'>;
  /** Operations executing (`state="running"`) and waiting for a turn (`state="queued"`). */
  readonly operations: Gauge<'state'>;
  /** `x_billed_resources_total{kind}`: resources X bills (new to the app in the UTC day), by kind. */
  readonly billedResources: Counter<'kind'>;
  /** `x_billed_usd_total{kind}`: what X bills for them, in USD, by kind. */
  readonly billedUsd: Counter<'kind'>;
  /** Records what one query was billed (the cost plugin's `onBilled`). */
  recordBilled(billed: ResourceCounts, prices: Prices): void;
  /** Records one `onCall` event of the REST client. */
  recordUpstream(event: UpstreamCallEvent): void;
  /** Records the admission gate's counts (its `onChange`). */
  recordAdmission(state: AdmissionState): void;
}

/** How many operations run and wait: what the admission gate (`src/plugins/admission.ts`) reports. */
export interface AdmissionState {
  readonly running: number;
  readonly queued: number;
}

/** Options of `createMetrics`. */
export interface MetricsOptions {
  /** Also collect Node.js process metrics (CPU, memory, event loop). @default true */
  processMetrics?: boolean;
}

/** Creates the metrics in a new registry. */
export function createMetrics(options: MetricsOptions = {}): GatewayMetrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const requests = new Counter({
    name: 'gateway_requests_total',
    help: 'HTTP requests served by the gateway.',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const requestDuration = new Histogram({
    name: 'gateway_request_duration_seconds',
    help: 'Time to answer an HTTP request, in seconds.',
    labelNames: ['route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const graphqlErrors = new Counter({
    name: 'gateway_graphql_errors_total',
    help: 'Errors in GraphQL results, by extensions.code.',
    labelNames: ['code'] as const,
    registers,
  });
  const upstreamCalls = new Counter({
    name: 'x_upstream_calls_total',
    help: 'Attempts at the X API, by endpoint and HTTP status (or error code when no status came back).',
    labelNames: ['endpoint', 'status'] as const,
    registers,
  });
  const upstreamDuration = new Histogram({
    name: 'x_upstream_call_duration_seconds',
    help: 'Duration of one attempt at the X API, in seconds.',
    labelNames: ['endpoint'] as const,
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const cacheHits = new Counter({
    name: 'x_cache_hits_total',
    help: 'X answers served from the response cache; level is fresh, or stale while X fails or rate limits.',
    labelNames: ['endpoint', 'level'] as const,
    registers,
  });
  const coalescedCalls = new Counter({
    name: 'x_coalesced_calls_total',
    help: 'X answers that shared an identical call already in flight.',
    labelNames: ['endpoint'] as const,
    registers,
  });
  const rateLimitRemaining = new Gauge({
    name: 'x_rate_limit_remaining',
    help: 'Requests left in the current X rate-limit window, as X last reported.',
    labelNames: ['endpoint', 'principal_kind'] as const,
    registers,
  });

  const billedResources = new Counter({
    name: 'x_billed_resources_total',
    help: 'Resources X bills in pay-per-use (new to the app in the UTC day), by kind: users, follows, posts.',
    labelNames: ['kind'] as const,
    registers,
  });
  const billedUsd = new Counter({
    name: 'x_billed_usd_total',
    help: 'What X bills for the resources the gateway read, in USD, by kind (X_PRICES).',
    labelNames: ['kind'] as const,
    registers,
  });
  const recordBilled = (billed: ResourceCounts, prices: Prices): void => {
    for (const kind of RESOURCE_KINDS) {
      if (billed[kind] === 0) continue;
      billedResources.inc({ kind }, billed[kind]);
      billedUsd.inc({ kind }, toUsd(billed[kind] * prices[kind]));
    }
  };

  const operations = new Gauge({
    name: 'gateway_operations',
    help: 'GraphQL operations executing (state="running") and waiting for a turn (state="queued").',
    labelNames: ['state'] as const,
    registers,
  });
  const recordAdmission = (state: AdmissionState): void => {
    operations.set({ state: 'running' }, state.running);
    operations.set({ state: 'queued' }, state.queued);
  };

  const recordUpstream = (event: UpstreamCallEvent): void => {
    const endpoint = event.endpoint;
    if (event.cache === 'miss') {
      upstreamCalls.inc({ endpoint, status: String(event.status ?? event.error ?? 'error') });
      upstreamDuration.observe({ endpoint }, event.durationMs / 1000);
    } else if (event.cache === 'coalesced') {
      coalescedCalls.inc({ endpoint });
    } else {
      cacheHits.inc({ endpoint, level: event.cache === 'stale' ? 'stale' : 'fresh' });
    }
    if (event.rateLimit) {
      rateLimitRemaining.set({ endpoint, principal_kind: event.principalKind }, event.rateLimit.remaining);
    }
  };

  return {
    registry,
    requests,
    requestDuration,
    graphqlErrors,
    upstreamCalls,
    upstreamDuration,
    cacheHits,
    coalescedCalls,
    rateLimitRemaining,
    operations,
    billedResources,
    billedUsd,
    recordBilled,
    recordUpstream,
    recordAdmission,
  };
}
