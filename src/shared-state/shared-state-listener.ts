import { Counter, Gauge, type Registry } from 'prom-client';
import type { Logger } from '../observability/logger.ts';
import type { SharedStateEvent, SharedStateListener } from '../rest/shared-store.ts';

/**
 * The REST client's `onShared` listener: the shared layer's Prometheus metrics, registered in the
 * gateway's registry, and one warning line per Redis outage (one info line when it is back). Failed
 * commands are counted, never logged one by one: during an outage every call would log otherwise.
 */

/** Options of `createSharedStateListener`. */
export interface SharedStateListenerOptions {
  /** Where the outage and recovery lines go. */
  readonly logger: Logger;
  /** Where the counters are registered (the gateway's `metrics.registry`); omitted, nothing is counted. */
  readonly registry?: Registry;
  /**
   * Whether a Redis is configured (`REDIS_URL`): only then is `x_redis_up` exported, since without one
   * there is nothing to be up or down. @default true
   */
  readonly redis?: boolean;
}

/** Creates the listener to pass as `createXClient({ onShared })`. */
export function createSharedStateListener(options: SharedStateListenerOptions): SharedStateListener {
  const { logger, registry } = options;
  const metrics = registry && createSharedMetrics(registry, options.redis ?? true);
  return (event: SharedStateEvent) => {
    metrics?.record(event);
    if (event.kind === 'unavailable') {
      logger.warn(
        'Redis unavailable: serving from the in-process cache and rate-limit state until it is back',
        {
          error: event.message,
        },
      );
    } else if (event.kind === 'recovered') {
      logger.info('Redis available again: cache, coalescing and rate-limit state are shared again');
    }
  };
}

/** The shared layer's metrics and how an event moves them. */
function createSharedMetrics(registry: Registry, redis: boolean): { record(event: SharedStateEvent): void } {
  const registers = [registry];
  const hits = new Counter({
    name: 'x_shared_cache_hits_total',
    help: 'X answers served without a call, by cache level: local (in-process LRU) or shared (Redis).',
    labelNames: ['level'] as const,
    registers,
  });
  const lockWaits = new Counter({
    name: 'x_shared_lock_waits_total',
    help: "Waits for another instance's identical X call, by outcome: answered, acquired or timed-out.",
    labelNames: ['outcome'] as const,
    registers,
  });
  const errors = new Counter({
    name: 'x_redis_errors_total',
    help: 'Failed Redis operations, by operation.',
    labelNames: ['operation'] as const,
    registers,
  });
  const outages = new Counter({
    name: 'x_redis_outages_total',
    help: 'Times Redis became unavailable (the gateway then serves in-process only).',
    registers,
  });
  // Without REDIS_URL there is no Redis to report on: no gauge rather than a misleading 1.
  const up = redis
    ? new Gauge({ name: 'x_redis_up', help: '1 while Redis is usable, 0 during an outage.', registers })
    : undefined;
  up?.set(1);
  return {
    record(event) {
      if (event.kind === 'hit') hits.inc({ level: event.level });
      else if (event.kind === 'lock-wait') lockWaits.inc({ outcome: event.outcome });
      else if (event.kind === 'error') errors.inc({ operation: event.operation });
      else if (event.kind === 'unavailable') {
        outages.inc();
        up?.set(0);
      } else up?.set(1);
    },
  };
}
