/**
 * The values `src/config.ts` reads settings into, and their defaults, in a module of their own: the parts
 * they configure (the logger, the admission gate, the body-size limit) share them without importing the
 * configuration, and the configuration reads them without importing those parts.
 */

/** The log levels of `LOG_LEVEL`, most verbose first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

/** One of `LOG_LEVELS`. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The default of `MAX_CONCURRENT_OPERATIONS`. */
export const DEFAULT_MAX_CONCURRENT_OPERATIONS = 16;
/** The default of `MAX_QUEUED_OPERATIONS`. */
export const DEFAULT_MAX_QUEUED_OPERATIONS = 1000;

/**
 * The default bound (`MAX_REQUEST_BODY_BYTES`), 128 KiB: the largest honest requests carry 1,000 keys in
 * their variables (1,000 `restIds`: 22 KB; 1,000 global ids: 39 KB; 1,000 federation representations:
 * 53 KB, 87 KB pretty-printed), plus a document of at most 16 KiB. Yoga's own default is 25 MB.
 */
export const DEFAULT_MAX_REQUEST_BODY_BYTES = 131_072;

/** The forms of `LOG_FORMAT`: one JSON object per line, or one readable line per entry for a terminal. */
export const LOG_FORMATS = ['json', 'pretty'] as const;

/** One of `LOG_FORMATS`. */
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Where finished spans go, when tracing is on (`OTEL_TRACES_EXPORTER`). */
export type TracesExporter = 'otlp' | 'console';

/** OpenTelemetry tracing, on only when the standard `OTEL_*` variables ask for it. */
export interface TracingConfig {
  /** `OTEL_TRACES_EXPORTER`; `otlp` when unset and an OTLP endpoint is. */
  readonly exporter: TracesExporter;
  /** `OTEL_SERVICE_NAME`. @default 'x-graphql-gateway' */
  readonly serviceName: string;
}

/** The default threshold, in bytes: smaller answers gain too little to pay for the CPU. */
export const DEFAULT_COMPRESSION_MIN_BYTES = 1024;
