import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.ts';
import { createMetrics } from '../../src/observability/metrics.ts';
import { newRequestContext } from '../../src/observability/request-context.ts';
import { createUpstreamListener } from '../../src/observability/upstream-listener.ts';
import type { UpstreamCallEvent } from '../../src/rest/events.ts';

const BASE: UpstreamCallEvent = {
  endpoint: 'GET /2/users/:id/followers',
  principalKind: 'user',
  principalKey: '9c1b3f2a',
  status: 200,
  durationMs: 87.4,
  attempt: 1,
  cache: 'miss',
  rateLimit: { limit: 15, remaining: 14, resetAt: '2026-11-27T10:15:00.000Z' },
};

/** A listener writing into an array. */
function setup() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line)) });
  const metrics = createMetrics({ processMetrics: false });
  return { lines, metrics, listener: createUpstreamListener({ logger, metrics }) };
}

describe('createUpstreamListener', () => {
  it('logs one line per upstream attempt with the request id of its tag and rate-limit state', () => {
    const { lines, listener } = setup();
    listener({ ...BASE, tag: newRequestContext('req-7') });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'upstream call',
        requestId: 'req-7',
        endpoint: 'GET /2/users/:id/followers',
        status: 200,
        durationMs: 87,
        attempt: 1,
        cache: 'miss',
        principal: 'user',
        principalKey: '9c1b3f2a',
        rateLimitRemaining: 14,
        rateLimitLimit: 15,
        rateLimitResetAt: '2026-11-27T10:15:00.000Z',
      }),
    ]);
  });

  it('logs a final failure as a warning and a retried one as info', () => {
    const { lines, listener } = setup();
    listener({ ...BASE, status: 503, error: 'UPSTREAM_ERROR', willRetry: true });
    listener({ ...BASE, status: 503, error: 'UPSTREAM_ERROR', attempt: 2 });
    expect(lines.map((l) => [l.level, l.msg, l.willRetry])).toEqual([
      ['info', 'upstream call', true],
      ['warn', 'upstream call failed', undefined],
    ]);
  });

  it('logs reused answers at debug and counts them on the request', () => {
    const { lines, listener } = setup();
    const context = newRequestContext('req-8');
    const other = newRequestContext('req-9');
    listener({ ...BASE, tag: context });
    listener({ ...BASE, cache: 'hit', attempt: 0, durationMs: 0, status: undefined, tag: context });
    listener({ ...BASE, cache: 'coalesced', attempt: 0, durationMs: 0, tag: other });
    expect([context.upstreamCalls, context.cacheHits]).toEqual([1, 1]);
    expect([other.upstreamCalls, other.cacheHits]).toEqual([0, 1]);
    expect(lines.map((l) => [l.level, l.requestId])).toEqual([
      ['info', 'req-8'],
      ['debug', 'req-8'],
      ['debug', 'req-9'],
    ]);
  });

  it('logs an event without a request tag (or with a foreign one) without a request id', () => {
    const { lines, listener } = setup();
    listener(BASE);
    listener({ ...BASE, tag: 'not a request' });
    expect(lines.map((l) => 'requestId' in l)).toEqual([false, false]);
  });

  it('feeds the metrics', async () => {
    const { metrics, listener } = setup();
    listener(BASE);
    expect(await metrics.registry.metrics()).toContain(
      'x_upstream_calls_total{endpoint="GET /2/users/:id/followers",status="200"} 1',
    );
  });
});
