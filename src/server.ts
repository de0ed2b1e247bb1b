import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Plugin } from 'graphql-yoga';
import { ConfigError, type GatewayConfig, loadConfig } from './config.ts';
import type { TracingConfig } from './config-defaults.ts';
import { applyConnectionLimits, serverOptionsFor } from './connection-limits.ts';
import type { EmulatorHandle } from './emulator/start-emulator.ts';
import type { Env } from './env-reader.ts';
import { createLogger, type Logger } from './observability/logger.ts';
import { createMetrics, type GatewayMetrics } from './observability/metrics.ts';
import { createRedactor, maskUrlUserinfo } from './observability/redact.ts';
import { createUpstreamListener } from './observability/upstream-listener.ts';
import { createUpstreamProbe } from './observability/upstream-probe.ts';
import { yogaLoggerFor } from './observability/yoga-logger.ts';
import { AdmissionGate } from './plugins/admission.ts';
import { corsOptions } from './plugins/cors.ts';
import { graphiqlOptions, graphiqlRenderer } from './plugins/graphiql.ts';
import { GraphiQLAssets } from './plugins/graphiql-assets.ts';
import { createOperationalPlugins } from './plugins/operational-plugins.ts';
import { createXClient, type XClient } from './rest/client.ts';
import type { UpstreamCallListener } from './rest/events.ts';
import { answerHeadLikeGet } from './server-head.ts';
import { drain, settleWithin } from './server-shutdown.ts';
import { createRedisStore } from './shared-state/redis-store.ts';
import { createSharedStateListener } from './shared-state/shared-state-listener.ts';
import { createGatewayYoga } from './yoga.ts';

/**
 * The gateway on `HOST:PORT`, run by `npm start` and `x-graphql-gateway` (`src/cli/gateway.ts`). It reads the environment (a bad value stops start-up with
 * one line), starts the embedded emulator when there are no X credentials and no `X_API_BASE_URL`,
 * and on SIGTERM or SIGINT stops accepting connections, finishes the requests in flight, then exits.
 * The emulator is imported only in emulator mode (dynamic `import()`), so that X mode never loads it.
 */

/** Re-exported so that the bundle of this module (`dist/server.js`) offers it to the bench. */
export { loadConfig };

/** A listening gateway. */
export interface RunningGateway {
  /** The GraphQL endpoint, e.g. `http://localhost:4000/graphql`. */
  readonly url: string;
  readonly server: Server;
  /** The Yoga instance the server serves (`yoga.fetch` reaches it without the network). */
  readonly yoga: ReturnType<typeof createGatewayYoga>;
  readonly metrics: GatewayMetrics;
  /** The embedded emulator, in emulator mode. */
  readonly emulator: EmulatorHandle | undefined;
  /**
   * Turns `/readiness` to 503; after `delayMs` (the server still serving meanwhile) stops accepting, waits
   * for in-flight requests (at most `shutdownTimeoutMs`), then closes everything.
   */
  close(options?: CloseOptions): Promise<void>;
}

/** Options of `RunningGateway.close`. */
export interface CloseOptions {
  /**
   * How long `/readiness` answers 503 before the listener closes, so that load balancers stop sending
   * first (`SHUTDOWN_DELAY_MS` on SIGTERM). @default 0
   */
  readonly delayMs?: number;
  /** Ends the delay early (a second signal). */
  readonly signal?: AbortSignal;
}

/** Options of `startGateway`. */
export interface StartGatewayOptions {
  /** Where log lines go. @default a JSON logger on stdout at `config.logLevel` */
  readonly logger?: Logger;
}

/** Starts the gateway (and the embedded emulator in emulator mode) and resolves once it listens. */
export async function startGateway(
  config: GatewayConfig,
  options: StartGatewayOptions = {},
): Promise<RunningGateway> {
  const logger = options.logger ?? loggerFor(config);
  const emulator = config.mode === 'emulator' ? await startEmbeddedEmulator(config, logger) : undefined;
  if (!emulator)
    logger.info(`serving from the X API at ${config.xApiBaseUrl}`, { mode: 'x', auth: authOf(config) });
  try {
    return await serve(config, logger, emulator);
  } catch (error) {
    // Nothing half-started outlives a failed start (the port taken, a bad operations file, ...).
    await settleWithin(emulator?.close(), config.shutdownTimeoutMs);
    throw error;
  }
}

/** Creates the client and the Yoga server and listens; the part of the start that can fail late. */
async function serve(
  config: GatewayConfig,
  logger: Logger,
  emulator: EmulatorHandle | undefined,
): Promise<RunningGateway> {
  const baseUrl = emulator?.url ?? config.xApiBaseUrl ?? '';
  const metrics = createMetrics();
  const tracing = config.tracing ? await loadTracing(config.tracing, logger) : undefined;
  const upstreamListener = createUpstreamListener({ logger, metrics });
  const onShared = createSharedStateListener({
    logger,
    registry: metrics.registry,
    redis: config.redisUrl !== undefined,
  });
  // The shared level (Redis), connecting in the background; the client serves in-process meanwhile.
  const sharedStore = config.redisUrl ? createRedisStore({ url: config.redisUrl, onShared }) : undefined;
  const client: XClient = createXClient({
    baseUrl,
    // Already loaded in emulator mode, by `startEmbeddedEmulator`.
    bearerToken: emulator
      ? (await import('./emulator/start-emulator.ts')).DEFAULT_APP_TOKEN
      : config.bearerToken,
    oauth1: config.oauth1,
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    cacheTtlSeconds: config.cacheTtlSeconds,
    cacheStaleSeconds: config.cacheStaleSeconds,
    onCall: tracing ? tracing.wrapListener(upstreamListener) : upstreamListener,
    sharedStore,
    onShared,
  });
  /** Closes the shared store, then the client's dispatcher. */
  const closeClient = async (): Promise<void> => {
    await sharedStore?.close();
    await client.close();
  };
  let draining = false;
  const graphiqlAssets = new GraphiQLAssets();
  const yoga = createGatewayYoga({
    client,
    maxUpstreamCalls: config.maxUpstreamCalls,
    readAhead: config.readAhead,
    spend: {
      prices: config.prices,
      maxMicrosPerQuery: config.maxMicrosPerQuery,
      maxMicrosPerDay: config.maxMicrosPerDay,
      onBilled: metrics.recordBilled,
    },
    maxRequestBodySize: config.maxRequestBodyBytes,
    compressionMinBytes: config.compressionMinBytes,
    admission: new AdmissionGate({
      maxConcurrent: config.maxConcurrentOperations,
      maxQueued: config.maxQueuedOperations,
      onChange: metrics.recordAdmission,
    }),
    introspection: config.introspection,
    subgraphSdl: config.subgraphSdl,
    persistedOperationsPath: config.persistedOperationsPath,
    maskedErrors: true,
    cors: corsOptions(config),
    logging: yogaLoggerFor(logger),
    graphiql: graphiqlOptions(
      emulator ? { exampleUserToken: emulator.issueUserToken(emulator.store.notable.twitterDev) } : {},
    ),
    renderGraphiQL: graphiqlRenderer(graphiqlAssets),
    plugins: [
      ...createOperationalPlugins({
        logger,
        metrics,
        probe: createUpstreamProbe({ baseUrl }),
        isDraining: () => draining,
      }),
      ...(tracing ? [tracing.plugin] : []),
      ...(config.introspection ? [graphiqlAssets.plugin] : []),
    ],
  });
  const server = createServer(serverOptionsFor(config.connectionLimits), answerHeadLikeGet(yoga));
  applyConnectionLimits(server, config.connectionLimits);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await settleWithin(
      Promise.all([yoga.dispose(), closeClient(), tracing?.shutdown()]),
      config.shutdownTimeoutMs,
    );
    throw error;
  }
  const url = endpointUrl(server.address() as AddressInfo);
  logger.info(`listening on ${url}`, { url });

  let closing: Promise<void> | undefined;
  const close = (options: CloseOptions = {}): Promise<void> => {
    draining = true;
    closing ??= (async () => {
      const delayMs = options.delayMs ?? 0;
      await delay(delayMs, options.signal);
      const drained = drain(server, config.shutdownTimeoutMs, logger);
      if (delayMs > 0) logger.info('no longer accepting connections, finishing in-flight requests');
      const timedOut = await drained;
      // After a timeout, upstream calls of the abandoned requests may still run: do not wait for them.
      const settleMs = timedOut ? 0 : config.shutdownTimeoutMs;
      await settleWithin(Promise.resolve(yoga.dispose()), settleMs);
      await settleWithin(closeClient(), settleMs);
      await settleWithin(emulator?.close(), settleMs);
      // The last spans, those of the drained requests, are exported before the process exits.
      await settleWithin(tracing?.shutdown(), config.shutdownTimeoutMs);
    })();
    return closing;
  };
  return { url, server, yoga, metrics, emulator, close };
}

/** The tracing parts a server wires: the plugin, the upstream listener around the other, the SDK's end. */
interface ServerTracing {
  readonly plugin: Plugin;
  wrapListener(listener: UpstreamCallListener): UpstreamCallListener;
  shutdown(): Promise<void>;
}

/** Loads and starts OpenTelemetry (`OTEL_*` set): imported only then, so that no other gateway loads it. */
async function loadTracing(config: TracingConfig, logger: Logger): Promise<ServerTracing> {
  const [{ startTracing }, { useTracing }, { createTracingListener, combineListeners }] = await Promise.all([
    import('./observability/tracing-sdk.ts'),
    import('./plugins/tracing.ts'),
    import('./observability/operation-trace.ts'),
  ]);
  const tracing = startTracing(config);
  logger.info(`tracing on: spans to ${config.exporter === 'console' ? 'the console' : 'OTLP over HTTP'}`, {
    exporter: config.exporter,
    serviceName: config.serviceName,
  });
  const recorder = createTracingListener();
  return {
    plugin: useTracing({ tracer: tracing.tracer }),
    wrapListener: (listener) => combineListeners(listener, recorder),
    shutdown: () => tracing.shutdown(),
  };
}

/** Resolves after `ms` milliseconds, or as soon as `signal` aborts. */
function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

/** Starts the emulator and writes the first log line: where answers come from and how to use X instead. */
async function startEmbeddedEmulator(config: GatewayConfig, logger: Logger): Promise<EmulatorHandle> {
  const { startEmulator } = await import('./emulator/start-emulator.ts');
  const emulator = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    ...(config.emulatorSeed === undefined ? {} : { seed: config.emulatorSeed }),
    rateLimit: config.emulatorRateLimit,
    previousToken: config.emulatorPreviousToken,
    shortPages: config.emulatorShortPages,
  });
  logger.info(
    `serving from the embedded X API v2 emulator at ${emulator.url} (no X credentials and no X_API_BASE_URL set); ` +
      'to use the real X API, set X_BEARER_TOKEN, or X_CONSUMER_KEY, X_CONSUMER_SECRET, X_ACCESS_TOKEN and ' +
      'X_ACCESS_TOKEN_SECRET (and X_API_BASE_URL for another origin)',
    {
      mode: 'emulator',
      emulatorUrl: emulator.url,
      seed: emulator.store.seed,
      rateLimit: config.emulatorRateLimit,
    },
  );
  return emulator;
}

/** The GraphQL URL a person can open: `localhost` for the wildcard addresses. */
function endpointUrl(address: AddressInfo): string {
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = wildcard ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}/graphql`;
}

/** Which credentials the gateway uses upstream, for the start-up line (never the credentials). */
function authOf(config: GatewayConfig): string {
  if (config.oauth1) return 'OAuth 1.0a user context';
  if (config.bearerToken) return 'app-only (X_BEARER_TOKEN)';
  return "clients' own tokens only";
}

/**
 * The logger of the configuration, redacting the configured secrets by value: `LOG_FORMAT`, else readable
 * lines when stdout is a terminal and JSON lines when it is not (a file, a pipe, a log collector).
 */
function loggerFor(config: GatewayConfig): Logger {
  const secrets = [config.bearerToken, ...Object.values(config.oauth1 ?? {})];
  const format = config.logFormat ?? (process.stdout.isTTY ? 'pretty' : 'json');
  return createLogger({ level: config.logLevel, format, redact: createRedactor(secrets) });
}

/**
 * Reads `env`, starts, and wires the signals; exits 1 with one line on a bad environment. What the
 * command line `x-graphql-gateway` runs once its flags are merged into the environment.
 * @param env the variables to read. @default process.env
 */
export async function runGateway(env: Env = process.env): Promise<void> {
  let config: GatewayConfig;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${maskUrlUserinfo(error.message)}\n`);
    process.exit(1);
  }
  const logger = loggerFor(config);
  process.on('unhandledRejection', (reason) => logger.error('unhandled rejection', { error: reason }));
  const gateway = await startGateway(config, { logger });
  const cutShort = new AbortController();
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second signal ends the readiness delay: drain now.
      cutShort.abort();
      return;
    }
    stopping = true;
    // A person's Ctrl-C (SIGINT) has no load balancer to warn: only SIGTERM waits.
    const delayMs = signal === 'SIGTERM' ? config.shutdownDelayMs : 0;
    // close() turns readiness off (and, without a delay, stops accepting) synchronously; the line comes after.
    const closed = gateway.close({ delayMs, signal: cutShort.signal });
    if (delayMs > 0) {
      logger.info(
        `${signal} received: /readiness answers 503 for ${delayMs} ms while serving, then no longer accepting connections`,
        { signal, delayMs },
      );
    } else {
      logger.info(`${signal} received: no longer accepting connections, finishing in-flight requests`, {
        signal,
      });
    }
    closed.then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
