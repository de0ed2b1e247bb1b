import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/observability/metrics.ts';
import type { UpstreamCallEvent } from '../../src/rest/events.ts';

/** An upstream event with defaults. */
function event(overrides: Partial<UpstreamCallEvent>): UpstreamCallEvent {
  return {
    endpoint: 'GET /2/users/:id/followers',
    principalKind: 'app',
    principalKey: '3f2a9c1b',
    durationMs: 120,
    attempt: 1,
    cache: 'miss',
    ...overrides,
  };
}

describe('createMetrics', () => {
  it('counts upstream attempts by endpoint and status, and observes their duration', async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.recordUpstream(event({ status: 200 }));
    metrics.recordUpstream(event({ status: 503, error: 'UPSTREAM_ERROR', willRetry: true }));
    metrics.recordUpstream(event({ status: 200, attempt: 2 }));
    metrics.recordUpstream(event({ endpoint: 'GET /2/users', error: 'UPSTREAM_TIMEOUT' }));
    const text = await metrics.registry.metrics();
    expect(text).toContain('x_upstream_calls_total{endpoint="GET /2/users/:id/followers",status="200"} 2');
    expect(text).toContain('x_upstream_calls_total{endpoint="GET /2/users/:id/followers",status="503"} 1');
    expect(text).toContain('x_upstream_calls_total{endpoint="GET /2/users",status="UPSTREAM_TIMEOUT"} 1');
    expect(text).toContain('x_upstream_call_duration_seconds_count{endpoint="GET /2/users/:id/followers"} 3');
  });

  it('counts cache hits by level and coalesced calls, never as upstream calls', async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.recordUpstream(event({ cache: 'hit', attempt: 0, durationMs: 0 }));
    metrics.recordUpstream(event({ cache: 'hit', attempt: 0, durationMs: 0 }));
    metrics.recordUpstream(event({ cache: 'stale', attempt: 0, durationMs: 0 }));
    metrics.recordUpstream(event({ cache: 'coalesced', attempt: 0, durationMs: 0 }));
    const text = await metrics.registry.metrics();
    expect(text).toContain('x_cache_hits_total{endpoint="GET /2/users/:id/followers",level="fresh"} 2');
    expect(text).toContain('x_cache_hits_total{endpoint="GET /2/users/:id/followers",level="stale"} 1');
    expect(text).toContain('x_coalesced_calls_total{endpoint="GET /2/users/:id/followers"} 1');
    expect(text).not.toMatch(/^x_upstream_calls_total\{/m);
  });

  it('keeps the last rate-limit remaining per endpoint and principal kind', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const rateLimit = (remaining: number) => ({ limit: 15, remaining, resetAt: '2026-11-27T10:15:00.000Z' });
    metrics.recordUpstream(event({ status: 200, rateLimit: rateLimit(14) }));
    metrics.recordUpstream(event({ status: 200, rateLimit: rateLimit(13) }));
    metrics.recordUpstream(event({ status: 200, principalKind: 'user', rateLimit: rateLimit(4) }));
    const text = await metrics.registry.metrics();
    expect(text).toContain(
      'x_rate_limit_remaining{endpoint="GET /2/users/:id/followers",principal_kind="app"} 13',
    );
    expect(text).toContain(
      'x_rate_limit_remaining{endpoint="GET /2/users/:id/followers",principal_kind="user"} 4',
    );
  });

  it('includes process metrics unless turned off', async () => {
    expect(await createMetrics().registry.metrics()).toContain('process_cpu_user_seconds_total');
    expect(await createMetrics({ processMetrics: false }).registry.metrics()).not.toContain('process_cpu');
  });
});
