import type { UpstreamCallEvent, UpstreamCallListener } from '../rest/events.ts';
import type { Logger } from './logger.ts';
import type { GatewayMetrics } from './metrics.ts';
import { type RequestContext, requestContextOfTag } from './request-context.ts';

/**
 * The REST client's `onCall` listener: one log line per upstream attempt (answers from the cache or a
 * shared call are logged at `debug`), the Prometheus counters, and the request's own counters for its
 * access-log line. The request is the event's tag (the session of a request is tagged with its
 * `RequestContext`), whose id each line names. Events carry no token, only the principal's kind and hashed key.
 */

/** Options of `createUpstreamListener`. */
export interface UpstreamListenerOptions {
  /** Where the lines go. */
  readonly logger: Logger;
  /** Where the counters go; omitted, nothing is counted. */
  readonly metrics?: GatewayMetrics;
}

/** Creates the listener to pass as `createXClient({ onCall })`. */
export function createUpstreamListener(options: UpstreamListenerOptions): UpstreamCallListener {
  const { logger, metrics } = options;
  return (event: UpstreamCallEvent) => {
    metrics?.recordUpstream(event);
    const request = requestContextOfTag(event.tag);
    if (request) {
      if (event.cache === 'miss') request.upstreamCalls += 1;
      else request.cacheHits += 1;
    }
    // The line's fields are built only when its level is written.
    if (event.cache !== 'miss') {
      if (logger.isEnabled('debug')) logger.debug('upstream answer reused', describe(event, request));
    } else if (event.error && !event.willRetry) logger.warn('upstream call failed', describe(event, request));
    else if (logger.isEnabled('info')) logger.info('upstream call', describe(event, request));
  };
}

/** The loggable fields of an event (first the id of its request, when it has one). */
function describe(event: UpstreamCallEvent, request: RequestContext | undefined): Record<string, unknown> {
  const fields: Record<string, unknown> = request ? { requestId: request.requestId } : {};
  Object.assign(fields, {
    endpoint: event.endpoint,
    cache: event.cache,
    attempt: event.attempt,
    durationMs: Math.round(event.durationMs),
    principal: event.principalKind,
    principalKey: event.principalKey,
  });
  if (event.status !== undefined) fields.status = event.status;
  if (event.error !== undefined) fields.error = event.error;
  if (event.willRetry) fields.willRetry = true;
  if (event.rateLimit) {
    fields.rateLimitRemaining = event.rateLimit.remaining;
    fields.rateLimitLimit = event.rateLimit.limit;
    fields.rateLimitResetAt = event.rateLimit.resetAt;
  }
  return fields;
}
