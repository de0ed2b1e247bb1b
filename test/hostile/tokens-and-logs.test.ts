import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.ts';
import { MAX_CLIENT_STRING_LENGTH, MAX_LOGGED_STRING_LENGTH } from '../../src/observability/truncate.ts';
import { MAX_TOKEN_LENGTH } from '../../src/rest/auth/principal.ts';
import { startTestGateway, type TestGateway } from '../fixtures/server-gateway.ts';

/** The parts of an answer these tests read. */
interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions: { code: string } }[];
}

describe('hostile tokens and log lines', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({ EMULATOR_RATE_LIMIT: 'off' });
  });
  afterAll(() => gateway.close());

  /** POSTs `body` to the gateway over HTTP. */
  async function post(body: Record<string, unknown>, headers: Record<string, string> = {}) {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Answer };
  }

  /** The access-log lines written so far. */
  const accessLines = () => gateway.lines.filter((line) => line.msg === 'request');

  it('answers a bearer token longer than 4096 characters with 401 UNAUTHENTICATED at once', async () => {
    const calls = gateway.emulator?.requests.length;
    const token = 'a'.repeat(MAX_TOKEN_LENGTH + 1);
    // POST { __typename } with "Authorization: Bearer <4097 characters>": 401, UNAUTHENTICATED, no call.
    const { status, body } = await post({ query: '{ __typename }' }, { authorization: `Bearer ${token}` });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors?.[0]?.message).toContain('longer than 4096 characters');
    expect(gateway.emulator?.requests.length).toBe(calls);
    const huge = await post(
      { query: '{ user(username: "TwitterDev") { name } }' },
      { authorization: `Bearer ${'b'.repeat(12 * 1024)}` },
    );
    expect(huge.status).toBe(401);
    expect(huge.body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(gateway.emulator?.requests.length).toBe(calls);
    expect(gateway.lines.filter((line) => line.level === 'error')).toEqual([]);
    expect(JSON.stringify(gateway.lines)).not.toContain('a'.repeat(64));
    expect(JSON.stringify(gateway.lines)).not.toContain('b'.repeat(64));
  });

  it('still takes a bearer token of 4096 characters', async () => {
    const { status, body } = await post(
      { query: '{ __typename }' },
      { authorization: `Bearer ${'c'.repeat(MAX_TOKEN_LENGTH)}` },
    );
    expect(status).toBe(200);
    expect(body.data).toEqual({ __typename: 'Query' });
  });

  it('cuts an operation name of 100,000 characters to 256 characters and a marker in the access log', async () => {
    const operationName = `Op${'x'.repeat(100_000)}`;
    // POST { __typename } with an operationName of 100,000 characters (within the body bound): a 4xx, and a short log line.
    const { status, body } = await post({ query: '{ __typename }', operationName });
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(body.errors?.[0]?.extensions.code).toBe('OPERATION_RESOLUTION_FAILURE');
    const line = accessLines().at(-1);
    expect(line?.operationName).toBe(
      `${operationName.slice(0, MAX_CLIENT_STRING_LENGTH)}…[truncated: ${operationName.length} characters]`,
    );
    expect(JSON.stringify(line).length).toBeLessThan(2000);
    expect(gateway.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('cuts a long unknown path in the access log', async () => {
    const path = `/${'p'.repeat(8000)}`;
    const response = await fetch(new URL(path, gateway.url));
    await response.arrayBuffer();
    expect(response.status).toBe(404);
    const line = accessLines().at(-1);
    expect(String(line?.path)).toMatch(/^\/p{255}…\[truncated: 8001 characters\]$/);
    expect(gateway.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('cuts any string of a log line to 8192 characters after redacting it', () => {
    const lines: string[] = [];
    const logger = createLogger({ write: (line) => lines.push(line) });
    logger.warn('long', { detail: `Bearer secret-token-123 ${'d'.repeat(100_000)}` });
    const detail = String(JSON.parse(lines[0] ?? '{}').detail);
    expect(detail.startsWith('Bearer [REDACTED] ddd')).toBe(true);
    expect(detail.endsWith('…[truncated: 100018 characters]')).toBe(true);
    expect(detail.length).toBeLessThan(MAX_LOGGED_STRING_LENGTH + 50);
  });
});
