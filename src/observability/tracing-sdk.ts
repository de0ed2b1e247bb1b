import type { Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import {
  defaultResource,
  detectResources,
  envDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { TracingConfig } from '../config-defaults.ts';

/**
 * The OpenTelemetry SDK of a gateway whose `OTEL_*` variables turn tracing on (`config.tracing`). Imported
 * only then (`src/server.ts` uses a dynamic `import()`), so that a gateway without tracing never loads it.
 * The SDK reads the other standard variables itself: `OTEL_EXPORTER_OTLP_HEADERS`, `..._TIMEOUT`,
 * `OTEL_TRACES_SAMPLER` and `_ARG`, `OTEL_RESOURCE_ATTRIBUTES`, `OTEL_BSP_*`.
 */

/** A started SDK. */
export interface Tracing {
  /** The gateway's tracer. */
  readonly tracer: Tracer;
  /** Exports the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

/** Options of `startTracing` besides the configuration. */
export interface StartTracingOptions {
  /** Where spans go, in place of the configured exporter (tests). */
  readonly processor?: SpanProcessor;
}

/** Starts the SDK: a tracer provider registered globally, exporting in batches over OTLP/HTTP or to the console. */
export function startTracing(config: TracingConfig, options: StartTracingOptions = {}): Tracing {
  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': config.serviceName }))
    .merge(detectResources({ detectors: [envDetector] }));
  const exporter: SpanExporter =
    config.exporter === 'console' ? new ConsoleSpanExporter() : new OTLPTraceExporter();
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [options.processor ?? new BatchSpanProcessor(exporter)],
  });
  provider.register();
  return {
    tracer: provider.getTracer('x-graphql-gateway'),
    shutdown: () => provider.shutdown(),
  };
}
