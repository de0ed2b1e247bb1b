import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.ts';
import { createSharedStateListener } from '../../src/shared-state/shared-state-listener.ts';

describe('createSharedStateListener', () => {
  it('logs one warning per outage and counts hits, lock waits and errors', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({ level: 'info', write: (line) => lines.push(JSON.parse(line)) });
    const registry = new Registry();
    const listener = createSharedStateListener({ logger, registry });
    listener({ kind: 'hit', level: 'local', endpoint: 'GET /2/users' });
    listener({ kind: 'hit', level: 'shared', endpoint: 'GET /2/users' });
    listener({ kind: 'lock-wait', outcome: 'answered' });
    listener({ kind: 'unavailable', message: 'connect ECONNREFUSED 127.0.0.1:6379' });
    for (let i = 0; i < 5; i++) listener({ kind: 'error', operation: 'get' });
    expect(await registry.getSingleMetricAsString('x_redis_up')).toMatch(/x_redis_up 0$/);
    listener({ kind: 'recovered' });

    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      ['warn', 'Redis unavailable: serving from the in-process cache and rate-limit state until it is back'],
      ['info', 'Redis available again: cache, coalescing and rate-limit state are shared again'],
    ]);
    expect(lines[0]?.error).toBe('connect ECONNREFUSED 127.0.0.1:6379');
    const text = await registry.metrics();
    expect(text).toContain('x_shared_cache_hits_total{level="local"} 1');
    expect(text).toContain('x_shared_cache_hits_total{level="shared"} 1');
    expect(text).toContain('x_shared_lock_waits_total{outcome="answered"} 1');
    expect(text).toContain('x_redis_errors_total{operation="get"} 5');
    expect(text).toContain('x_redis_outages_total 1');
    expect(text).toMatch(/x_redis_up 1\n/);
  });

  it('exports no x_redis_up without a Redis, and still counts local hits', async () => {
    const registry = new Registry();
    const listener = createSharedStateListener({
      logger: createLogger({ level: 'silent' }),
      registry,
      redis: false,
    });
    listener({ kind: 'hit', level: 'local', endpoint: 'GET /2/users' });
    const text = await registry.metrics();
    expect(text).not.toContain('x_redis_up');
    expect(text).toContain('x_shared_cache_hits_total{level="local"} 1');
  });
});
