import {
  type Attributes,
  type Context,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.ts';
import { recordedPrice } from '../cost/price.ts';
import {
  currentOperationTrace,
  epochMs,
  type OperationTrace,
  type RecordedEvent,
  runWithOperationTrace,
} from '../observability/operation-trace.ts';
import type { PlanNode } from '../plan/plan-types.ts';

/**
 * OpenTelemetry spans, one tree per GraphQL operation: the operation span (`query Name`, a child of the
 * incoming W3C `traceparent` when there is one) with the operation's cost; under it one span per planned
 * step (each plan node that calls X, e.g. `step user.followers`); under each step one client span per
 * upstream attempt (`GET /2/users/:id/followers`) with its status, retry number and rate-limit budget.
 * Attempts come from the REST client's events (`createTracingListener`), so the spans hold only endpoint
 * templates: never a token, a URL or a query parameter. Loaded only when tracing is configured.
 */

/** Options of `useTracing`. */
export interface TracingPluginOptions {
  /** Where spans are made. */
  readonly tracer: Tracer;
}

/** Reads an incoming header of a Fetch `Headers`. */
const headerGetter: TextMapGetter<Headers> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: (headers) => [...headers.keys()],
};

const propagator = new W3CTraceContextPropagator();

/** The tracing plugin; pass the client `createTracingListener()` as (part of) its `onCall`. */
export function useTracing(options: TracingPluginOptions): Plugin {
  const { tracer } = options;
  const contexts = new WeakMap<OperationTrace, GatewayContext>();
  return {
    instrumentation: {
      operation: ({ request }, wrapped) => {
        const parent = propagator.extract(ROOT_CONTEXT, request.headers, headerGetter);
        const recorded: OperationTrace = { events: [] };
        const startMs = epochMs();
        const span = tracer.startSpan(
          'graphql operation',
          { kind: SpanKind.SERVER, startTime: startMs },
          parent,
        );
        const finish = (error?: unknown): void => {
          try {
            finishOperation(tracer, span, recorded, contexts.get(recorded), startMs, error);
          } catch {
            // Tracing must never fail the operation it describes.
            span.end();
          }
        };
        try {
          const done = runWithOperationTrace(recorded, wrapped);
          if (isPromise(done)) {
            return done.then(
              () => finish(),
              (error: unknown) => {
                finish(error);
                throw error;
              },
            );
          }
          finish();
          return done;
        } catch (error) {
          finish(error);
          throw error;
        }
      },
      // The execute phase wraps every plugin's onExecute, so the context is known even when one stops it.
      execute: ({ context }, wrapped) => {
        const recorded = currentOperationTrace();
        if (recorded) contexts.set(recorded, context as unknown as GatewayContext);
        return wrapped();
      },
    },
  };
}

/** Names the operation span, sets its attributes and makes the step and attempt spans under it. */
function finishOperation(
  tracer: Tracer,
  span: Span,
  recorded: OperationTrace,
  ctx: GatewayContext | undefined,
  startMs: number,
  error: unknown,
): void {
  const operation = ctx?.plan?.operation;
  const attempts = recorded.events.filter((r) => r.event.cache === 'miss');
  const attributes: Attributes = {
    'x.upstream.attempts': attempts.length,
    'x.cache.hits': recorded.events.length - attempts.length,
  };
  // A document that never reached execution (unparsable, invalid) keeps the generic name.
  if (operation) {
    const name = operation.name?.value;
    span.updateName(name ? `${operation.operation} ${name}` : operation.operation);
    attributes['graphql.operation.type'] = operation.operation;
    if (name) attributes['graphql.operation.name'] = name;
  }
  const price = ctx ? recordedPrice(ctx) : undefined;
  if (price) {
    attributes['x.cost.estimated_upstream_calls'] = price.estimate.total;
    attributes['x.cost.cached_calls'] = price.estimate.cached;
    attributes['x.cost.max_upstream_calls'] = price.maxUpstreamCalls;
    if (price.refusal) attributes['x.cost.refusal'] = price.refusal.code;
  }
  if (ctx) {
    attributes['x.cost.actual_upstream_calls'] = ctx.session.stats.upstreamCalls;
    attributes['x.cost.cache_hits'] = ctx.session.stats.cacheHits;
  }
  span.setAttributes(attributes);
  if (error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR });
  const parent = trace.setSpan(ROOT_CONTEXT, span);
  const steps = [...(ctx?.plan?.nodes.values() ?? [])].filter((node) => (node.upstream?.length ?? 0) > 0);
  const byStep = new Map<PlanNode | undefined, RecordedEvent[]>();
  for (const recordedEvent of recorded.events) {
    // An attempt belongs to the first planned step on its endpoint (DataLoader may batch several).
    const step = steps.find((node) =>
      node.upstream?.some((u) => u.endpoint === recordedEvent.event.endpoint),
    );
    const list = byStep.get(step) ?? [];
    list.push(recordedEvent);
    byStep.set(step, list);
  }
  for (const step of steps) stepSpan(tracer, parent, step, byStep.get(step) ?? [], startMs);
  for (const r of byStep.get(undefined) ?? []) attemptSpan(tracer, parent, r);
  span.end();
}

/** The span of one planned step, from its first attempt's start to its last attempt's end. */
function stepSpan(
  tracer: Tracer,
  parent: Context,
  step: PlanNode,
  events: readonly RecordedEvent[],
  operationStartMs: number,
): void {
  const attempts = events.filter((r) => r.event.cache === 'miss');
  const startMs = attempts.length
    ? Math.min(...attempts.map((r) => r.endMs - r.event.durationMs))
    : operationStartMs;
  const endMs = attempts.length ? Math.max(...attempts.map((r) => r.endMs)) : startMs;
  const upstream = step.upstream ?? [];
  const span = tracer.startSpan(
    `step ${step.path}`,
    {
      startTime: startMs,
      attributes: {
        'graphql.field.path': step.path,
        'graphql.field.name': step.fieldName,
        'graphql.field.type': step.returnType,
        'x.step.endpoints': upstream.map((u) => u.endpoint),
        'x.step.planned_calls': upstream.reduce((sum, u) => sum + u.calls, 0) * step.multiplicity,
        'x.step.attempts': attempts.length,
        'x.step.cache_hits': events.length - attempts.length,
      },
    },
    parent,
  );
  const context = trace.setSpan(parent, span);
  for (const r of attempts) attemptSpan(tracer, context, r);
  span.end(endMs);
}

/** The client span of one upstream attempt (nothing for answers reused without one). */
function attemptSpan(tracer: Tracer, parent: Context, recorded: RecordedEvent): void {
  const { event, endMs } = recorded;
  if (event.cache !== 'miss') return;
  const [method, route] = event.endpoint.split(' ');
  const attributes: Attributes = {
    'http.request.method': method,
    'url.template': route,
    'x.endpoint': event.endpoint,
    'x.attempt': event.attempt,
    'x.principal.kind': event.principalKind,
  };
  if (event.attempt > 1) attributes['http.request.resend_count'] = event.attempt - 1;
  if (event.status !== undefined) attributes['http.response.status_code'] = event.status;
  if (event.willRetry) attributes['x.will_retry'] = true;
  if (event.error) attributes['error.type'] = event.error;
  if (event.rateLimit) {
    attributes['x.rate_limit.remaining'] = event.rateLimit.remaining;
    attributes['x.rate_limit.limit'] = event.rateLimit.limit;
    attributes['x.rate_limit.reset'] = event.rateLimit.resetAt;
  }
  const span = tracer.startSpan(
    event.endpoint,
    { kind: SpanKind.CLIENT, startTime: endMs - event.durationMs, attributes },
    parent,
  );
  if (event.error) span.setStatus({ code: SpanStatusCode.ERROR, message: event.error });
  span.end(endMs);
}

/** Is a value a promise? */
function isPromise(value: unknown): value is Promise<void> {
  return typeof (value as Promise<void> | undefined)?.then === 'function';
}
