import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../fixtures/server-gateway.ts';

/**
 * The GraphQL-over-HTTP conformance audits of the `graphql-http` package, run against the listening
 * gateway: every MUST passes (SHOULD and MAY are reported by the audit, not required here).
 */

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(async () => {
  await gateway.close();
});

describe('GraphQL over HTTP (graphql-http serverAudits)', () => {
  const audits = serverAudits({ url: () => gateway.url, fetchFn: fetch });

  it('has MUST audits to run', () => {
    expect(audits.filter((audit) => audit.name.startsWith('MUST')).length).toBeGreaterThan(10);
  });

  for (const audit of audits.filter((one) => one.name.startsWith('MUST'))) {
    it(audit.name, async () => {
      const result = await audit.fn();
      if (result.status !== 'ok') {
        expect.fail(`${result.reason}${'response' in result ? ` (status ${result.response.status})` : ''}`);
      }
    });
  }
});
