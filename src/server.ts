import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { ConfigError, type GatewayConfig, loadConfig } from './config.ts';
import { applyConnectionLimits, serverOptionsFor } from './connection-limits.ts';
import type { EmulatorHandle } from './emulator/start-emulator.ts';
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
import { answerHeadLikeGet } from './server-head.ts';
import { drain, settleWithin } from './server-shutdown.ts';
import { createSharedStateListener } from './shared-state/shared-state-listener.ts';
import { createGatewayYoga } from './yoga.ts';

/**
 * `npm start`: the gateway on `HOST:PORT`. It reads the environment (a bad value stops start-up with
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
  /** Stops accepting, waits for in-flight requests (at most `shutdownTimeoutMs`), then closes everything. */
  close(): Promise<void>;
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
    onCall: createUpstreamListener({ logger, metrics }),
    redisUrl: config.redisUrl,
    onShared: createSharedStateListener({ logger, registry: metrics.registry }),
  });
  let draining = false;
  const graphiqlAssets = new GraphiQLAssets();
  const yoga = createGatewayYoga({
    client,
    maxUpstreamCalls: config.maxUpstreamCalls,
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
    await settleWithin(Promise.all([yoga.dispose(), client.close()]), config.shutdownTimeoutMs);
    throw error;
  }
  const url = endpointUrl(server.address() as AddressInfo);
  logger.info(`listening on ${url}`, { url });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      draining = true;
      const timedOut = await drain(server, config.shutdownTimeoutMs, logger);
      // After a timeout, upstream calls of the abandoned requests may still run: do not wait for them.
      const settleMs = timedOut ? 0 : config.shutdownTimeoutMs;
      await settleWithin(Promise.resolve(yoga.dispose()), settleMs);
      await settleWithin(client.close(), settleMs);
      await settleWithin(emulator?.close(), settleMs);
    })();
    return closing;
  };
  return { url, server, yoga, metrics, emulator, close };
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

/** The JSON logger of the configuration, redacting the configured secrets by value. */
function loggerFor(config: GatewayConfig): Logger {
  const secrets = [config.bearerToken, ...Object.values(config.oauth1 ?? {})];
  return createLogger({ level: config.logLevel, redact: createRedactor(secrets) });
}

/** Reads the environment, starts, and wires the signals; exits 1 with one line on a bad environment. */
async function main(): Promise<void> {
  let config: GatewayConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${maskUrlUserinfo(error.message)}\n`);
    process.exit(1);
  }
  const logger = loggerFor(config);
  process.on('unhandledRejection', (reason) => logger.error('unhandled rejection', { error: reason }));
  const gateway = await startGateway(config, { logger });
  const stop = (signal: NodeJS.Signals): void => {
    // close() stops accepting synchronously; the line comes after, so it never precedes the fact.
    const closed = gateway.close();
    logger.info(`${signal} received: no longer accepting connections, finishing in-flight requests`, {
      signal,
    });
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
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`gateway failed to start: ${maskUrlUserinfo(message)}\n`);
    process.exit(1);
  });
}
