import { describe, expect, it } from 'vitest';
import { createPluginsYoga } from '../fixtures/server-plugins-yoga.ts';

describe('useMetricsEndpoint', () => {
  it('serves Prometheus text at GET /metrics', async () => {
    const { yoga } = createPluginsYoga();
    const response = await yoga.fetch('http://gateway.test/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toContain('# TYPE gateway_requests_total counter');
    expect(text).toContain('# TYPE x_upstream_calls_total counter');
    expect(text).toContain('# TYPE x_rate_limit_remaining gauge');
  });

  it('counts requests by method, route and status, with unknown paths as other', async () => {
    const { yoga, metrics } = createPluginsYoga();
    const post = () =>
      yoga.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ hello }' }),
      });
    await post();
    await post();
    await yoga.fetch('http://gateway.test/no/such/path/12345');
    await yoga.fetch('http://gateway.test/health');
    const text = await metrics.registry.metrics();
    expect(text).toContain('gateway_requests_total{method="POST",route="/graphql",status="200"} 2');
    expect(text).toContain('gateway_requests_total{method="GET",route="other",status="404"} 1');
    expect(text).toContain('gateway_requests_total{method="GET",route="/health",status="200"} 1');
    expect(text).not.toContain('/no/such/path'); // the unknown path is counted as other, never named
    expect(text).toContain('gateway_request_duration_seconds_count{route="/graphql"} 2');
  });

  it('counts a CORS preflight, answered before its own request hook, by its route', async () => {
    const { yoga, metrics } = createPluginsYoga();
    const response = await yoga.fetch('http://gateway.test/graphql', {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBeLessThan(300);
    const text = await metrics.registry.metrics();
    expect(text).toContain(
      `gateway_requests_total{method="OPTIONS",route="/graphql",status="${response.status}"} 1`,
    );
  });

  it('counts GraphQL errors by code', async () => {
    const { yoga, metrics } = createPluginsYoga();
    await yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ fail }' }),
    });
    expect(await metrics.registry.metrics()).toContain(
      'gateway_graphql_errors_total{code="INTERNAL_SERVER_ERROR"} 1',
    );
  });

  it('keeps each server’s metrics apart', async () => {
    const one = createPluginsYoga();
    const two = createPluginsYoga();
    await one.yoga.fetch('http://gateway.test/health');
    expect(await one.metrics.registry.metrics()).toContain('route="/health"');
    expect(await two.metrics.registry.metrics()).not.toContain('route="/health"');
  });
});
