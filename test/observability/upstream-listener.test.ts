import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.ts';
import { createMetrics } from '../../src/observability/metrics.ts';
import { newRequestContext, runWithRequestContext } from '../../src/observability/request-context.ts';
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
  it('logs one line per upstream attempt with the request id and rate-limit state', () => {
    const { lines, listener } = setup();
    runWithRequestContext(newRequestContext('req-7'), () => listener(BASE));
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
    runWithRequestContext(context, () => {
      listener(BASE);
      listener({ ...BASE, cache: 'hit', attempt: 0, durationMs: 0, status: undefined });
      listener({ ...BASE, cache: 'coalesced', attempt: 0, durationMs: 0 });
    });
    expect(context.upstreamCalls).toBe(1);
    expect(context.cacheHits).toBe(2);
    expect(lines.map((l) => l.level)).toEqual(['info', 'debug', 'debug']);
  });

  it('feeds the metrics', async () => {
    const { metrics, listener } = setup();
    listener(BASE);
    expect(await metrics.registry.metrics()).toContain(
      'x_upstream_calls_total{endpoint="GET /2/users/:id/followers",status="200"} 1',
    );
  });
});
