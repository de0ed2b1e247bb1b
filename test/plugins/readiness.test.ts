import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../src/observability/upstream-probe.ts';
import { createPluginsYoga } from '../fixtures/server-plugins-yoga.ts';

describe('useReadiness', () => {
  it('answers 200 ready when the upstream is reachable', async () => {
    const { yoga } = createPluginsYoga({ probe: async () => ({ reachable: true }) });
    const response = await yoga.fetch('http://gateway.test/readiness');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
  });

  it('answers 503 with the reason while the upstream is unreachable, and 200 once it is back', async () => {
    let result: ProbeResult = { reachable: false, reason: 'cannot connect to api.x.com:443 (ECONNREFUSED)' };
    const { yoga } = createPluginsYoga({ probe: async () => result });
    const down = await yoga.fetch('http://gateway.test/readiness');
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({
      status: 'unavailable',
      reason: 'cannot connect to api.x.com:443 (ECONNREFUSED)',
    });
    result = { reachable: true };
    expect((await yoga.fetch('http://gateway.test/readiness')).status).toBe(200);
  });

  it('answers 503 while draining, without probing', async () => {
    let probes = 0;
    const { yoga } = createPluginsYoga({
      probe: async () => {
        probes += 1;
        return { reachable: true };
      },
      isDraining: () => true,
    });
    const response = await yoga.fetch('http://gateway.test/readiness');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', reason: 'shutting down' });
    expect(probes).toBe(0);
  });

  it('leaves /health to answer 200 whatever the upstream', async () => {
    const { yoga } = createPluginsYoga({ probe: async () => ({ reachable: false, reason: 'down' }) });
    expect((await yoga.fetch('http://gateway.test/health')).status).toBe(200);
  });
});
