import { expect } from 'vitest';

/**
 * What every answer of the gateway must be, whatever was sent: a GraphQL response (`data`, `errors`,
 * `extensions` and nothing else), never a 5xx, never an unexpected (masked) error, and always
 * `extensions.cost`.
 */

/** The statuses a refusal may carry (bad request, CSRF, too large, unsupported media type). */
const CLIENT_STATUSES = new Set([200, 400, 403, 405, 406, 413, 415]);

/** Posts one GraphQL request and asserts the answer is well formed; returns the body. */
export async function postWellFormed(
  fetchFn: (url: string, init: RequestInit) => Promise<Response>,
  body: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetchFn('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  expect(CLIENT_STATUSES.has(response.status), `status ${response.status}: ${text.slice(0, 300)}`).toBe(true);
  const json = JSON.parse(text) as Record<string, unknown>;
  assertWellFormed(json);
  return json;
}

/** Asserts a response body is a well-formed GraphQL answer of this gateway. */
export function assertWellFormed(body: Record<string, unknown>): void {
  const context = JSON.stringify(body).slice(0, 500);
  for (const key of Object.keys(body)) expect(['data', 'errors', 'extensions'], context).toContain(key);
  expect('data' in body || 'errors' in body, context).toBe(true);
  if ('data' in body) expect(body.data === null || typeof body.data === 'object', context).toBe(true);
  if ('errors' in body) {
    const errors = body.errors as { message?: unknown; extensions?: { code?: unknown } }[];
    expect(Array.isArray(errors) && errors.length > 0, context).toBe(true);
    for (const error of errors) {
      expect(typeof error.message, context).toBe('string');
      expect(error.extensions?.code, `an unexpected error: ${context}`).not.toBe('INTERNAL_SERVER_ERROR');
      expect(error.message, context).not.toMatch(/Unexpected error/);
    }
  }
  const cost = (body.extensions as { cost?: Record<string, unknown> } | undefined)?.cost;
  expect(cost, context).toBeDefined();
  expect(typeof cost?.estimatedUpstreamCalls, context).toBe('number');
  expect(typeof cost?.actualUpstreamCalls, context).toBe('number');
  expect(typeof cost?.cacheHits, context).toBe('number');
  expect(Number(cost?.actualUpstreamCalls), context).toBeLessThanOrEqual(
    Number(cost?.maxUpstreamCalls ?? 15),
  );
}

/** The seed of a property run: `FUZZ_SEED` when set (to replay a failure), else a fixed one. */
export function fuzzSeed(): number {
  const seed = Number(process.env.FUZZ_SEED ?? 20_261_127);
  return Number.isSafeInteger(seed) ? seed : 20_261_127;
}
