import { SpanKind } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorHandle, startEmulator } from '../../src/emulator/start-emulator.ts';
import { createTracingListener } from '../../src/observability/operation-trace.ts';
import { useTracing } from '../../src/plugins/tracing.ts';
import { createXClient } from '../../src/rest/client.ts';
import { createGatewayYoga } from '../../src/yoga.ts';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN_ID = '00f067aa0ba902b7';
const TWITTER_DEV = '2244994945';
const FOLLOWERS = `query Followers($after: String) {
  user(restId: "${TWITTER_DEV}") { name followers(first: 3, after: $after) { nodes { name } pageInfo { endCursor } } }
}`;

/** The parts of an answer these tests read. */
interface Answer {
  data?: { user?: { followers?: { pageInfo?: { endCursor?: string } } } };
  errors?: unknown;
}

describe('useTracing', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let emulator: EmulatorHandle;
  let gateway: ReturnType<typeof createGatewayYoga>;
  let close: () => Promise<void>;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, rateLimit: 'off' });
    const client = createXClient({
      baseUrl: emulator.url,
      bearerToken: 'emulator-app-token',
      cacheTtlSeconds: 0,
      maxRetries: 1,
      onCall: createTracingListener(),
    });
    gateway = createGatewayYoga({ client, plugins: [useTracing({ tracer: provider.getTracer('test') })] });
    close = async () => {
      await client.close();
      await emulator.close();
    };
  });
  afterEach(() => {
    exporter.reset();
    emulator.faults.clear();
  });
  afterAll(() => close());

  /** Runs a query with extra headers and returns its answer and the finished spans. */
  async function run(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    const response = await gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Answer;
    const spans = exporter.getFinishedSpans();
    const operation = spans.find((span) => span.kind === SpanKind.SERVER);
    if (!operation) throw new Error(`no operation span among ${spans.map((s) => s.name).join(', ')}`);
    return { body, spans, operation };
  }

  /** The spans whose parent is `parent`. */
  const childrenOf = (spans: readonly ReadableSpan[], parent: ReadableSpan) =>
    spans.filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId);

  it('makes an operation span with the cost, a span per planned step and the attempts under it', async () => {
    const { body, spans, operation } = await run(FOLLOWERS);
    expect(body.errors).toBeUndefined();
    expect(operation.name).toBe('query Followers');
    expect(operation.parentSpanContext).toBeUndefined();
    expect(operation.attributes).toMatchObject({
      'graphql.operation.type': 'query',
      'graphql.operation.name': 'Followers',
      'x.cost.estimated_upstream_calls': 2,
      'x.cost.actual_upstream_calls': 2,
      'x.cost.max_upstream_calls': 15,
      'x.upstream.attempts': 2,
      'x.cache.hits': 0,
    });
    const steps = childrenOf(spans, operation);
    expect(steps.map((span) => span.name).sort()).toEqual(['step user', 'step user.followers']);
    const followers = steps.find((span) => span.name === 'step user.followers');
    expect(followers?.attributes).toMatchObject({
      'graphql.field.path': 'user.followers',
      'x.step.endpoints': ['GET /2/users/:id/followers'],
      'x.step.attempts': 1,
    });
    const attempts = followers ? childrenOf(spans, followers) : [];
    expect(attempts).toHaveLength(1);
    expect(attempts[0]?.name).toBe('GET /2/users/:id/followers');
    expect(attempts[0]?.attributes).toMatchObject({
      'http.request.method': 'GET',
      'url.template': '/2/users/:id/followers',
      'http.response.status_code': 200,
      'x.attempt': 1,
    });
    expect(typeof attempts[0]?.attributes['x.rate_limit.remaining']).toBe('number');
    for (const span of [...steps, ...attempts])
      expect(span.spanContext().traceId).toBe(operation.spanContext().traceId);
  });

  it('shows a retried attempt: the failed one, then the retry with its number', async () => {
    emulator.faults.inject({ kind: 'status', status: 503, times: 1, path: '/followers' });
    const { body, spans } = await run(FOLLOWERS);
    expect(body.errors).toBeUndefined();
    const attempts = spans
      .filter((span) => span.name === 'GET /2/users/:id/followers')
      .sort((a, b) => Number(a.attributes['x.attempt']) - Number(b.attributes['x.attempt']));
    expect(attempts.map((span) => span.attributes['http.response.status_code'])).toEqual([503, 200]);
    expect(attempts[0]?.attributes['x.will_retry']).toBe(true);
    expect(attempts[1]?.attributes).toMatchObject({ 'x.attempt': 2, 'http.request.resend_count': 1 });
    const step = spans.find((span) => span.name === 'step user.followers');
    expect(attempts.every((span) => span.parentSpanContext?.spanId === step?.spanContext().spanId)).toBe(
      true,
    );
  });

  it('marks an operation refused by its cost, with no attempt', async () => {
    const nested = `{ user(restId: "${TWITTER_DEV}") { followers(first: 20) { nodes { followers(first: 1) { nodes { name } } } } } }`;
    const { body, spans, operation } = await run(nested);
    expect(body.errors).toBeDefined();
    expect(operation.attributes).toMatchObject({
      'x.cost.refusal': 'QUERY_TOO_COSTLY',
      'x.upstream.attempts': 0,
    });
    expect(spans.some((span) => span.name.startsWith('GET '))).toBe(false);
  });

  it('keeps the generic name for a document that never executes', async () => {
    const { operation } = await run('{ user(restId: ');
    expect(operation.name).toBe('graphql operation');
    expect(operation.attributes['graphql.operation.type']).toBeUndefined();
  });

  it('continues the trace of an incoming W3C traceparent', async () => {
    const { operation, spans } = await run(
      FOLLOWERS,
      {},
      { traceparent: `00-${TRACE_ID}-${PARENT_SPAN_ID}-01` },
    );
    expect(operation.spanContext().traceId).toBe(TRACE_ID);
    expect(operation.parentSpanContext?.spanId).toBe(PARENT_SPAN_ID);
    expect(spans.every((span) => span.spanContext().traceId === TRACE_ID)).toBe(true);
  });

  it('starts a new trace when the traceparent is malformed', async () => {
    const { operation } = await run(FOLLOWERS, {}, { traceparent: `00-${TRACE_ID}-bad-01` });
    expect(operation.spanContext().traceId).not.toBe(TRACE_ID);
    expect(operation.parentSpanContext).toBeUndefined();
  });

  it('puts no token and no pagination token in any span', async () => {
    const token = emulator.issueUserToken(emulator.store.notable.twitterDev);
    const first = await run(FOLLOWERS, {}, { authorization: `Bearer ${token}` });
    const after = first.body.data?.user?.followers?.pageInfo?.endCursor ?? '';
    expect(after).not.toBe('');
    exporter.reset();
    const second = await run(FOLLOWERS, { after }, { authorization: `Bearer ${token}` });
    expect(second.body.errors).toBeUndefined();
    const paginationTokens = emulator.requests
      .map((request) => request.query.pagination_token)
      .filter((value): value is string => typeof value === 'string');
    expect(paginationTokens.length).toBeGreaterThan(0);
    const text = JSON.stringify(
      [...first.spans, ...second.spans].map((span) => ({
        name: span.name,
        attributes: span.attributes,
        events: span.events,
      })),
    );
    expect(text).toContain('GET /2/users/:id/followers');
    for (const secret of [token, after, ...paginationTokens, 'emulator-app-token'])
      expect(text).not.toContain(secret);
  });
});
