import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GraphQLResponse } from '../fixtures/gateway.ts';
import { type LoggedGateway, startLoggedGateway } from '../fixtures/logged-gateway.ts';

/**
 * Hostile clients: `cost(dryRun: true)` selected inside fragments. A dry run prices the operation and runs
 * nothing else wherever its `cost` field is selected (directly, in an inline fragment, in a fragment on
 * `Query`, nested or not): the answer is the same as at the top level, and no upstream call is made.
 */

/** Runs the user lookup and a follower page: 2 calls when it runs. */
const WORK = 'user(username: "TwitterDev") { name followers(first: 2) { nodes { name } } }';

/** The answer of the dry run at the top level, which every form below must match. */
const TOP_LEVEL = `{ cost(dryRun: true) { allowed estimatedUpstreamCalls } ${WORK} }`;

let gw: LoggedGateway;
beforeAll(async () => {
  gw = await startLoggedGateway();
});
afterAll(async () => {
  await gw.close();
});
beforeEach(() => gw.emulator.clearRequests());

/** Posts a query; the HTTP status and the body. */
async function post(query: string, variables: Record<string, unknown> = {}) {
  const response = await gw.yoga.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
}

describe('a dry run inside fragments', () => {
  it('answers at the top level with its price and no call', async () => {
    const { status, body } = await post(TOP_LEVEL);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ cost: { allowed: true, estimatedUpstreamCalls: 2 } });
    expect(gw.xCalls()).toHaveLength(0);
  });

  it.each([
    [
      'a fragment spread (the reported repro)',
      `{ ...F } fragment F on Query { cost(dryRun: true) { allowed estimatedUpstreamCalls } ${WORK} }`,
    ],
    [
      'an inline fragment',
      `{ ... on Query { cost(dryRun: true) { allowed estimatedUpstreamCalls } } ${WORK} }`,
    ],
    [
      'an inline fragment without a type condition',
      `{ ... @include(if: true) { cost(dryRun: true) { allowed estimatedUpstreamCalls } ${WORK} } }`,
    ],
    [
      'nested fragments',
      `{ ...A } fragment A on Query { ...B ${WORK} }
       fragment B on Query { ... on Query { cost(dryRun: true) { ...Price } } }
       fragment Price on QueryCost { allowed estimatedUpstreamCalls }`,
    ],
    [
      'a fragment with the work outside it',
      `{ ...F ${WORK} } fragment F on Query { cost(dryRun: true) { allowed estimatedUpstreamCalls } }`,
    ],
    [
      'the top level with the work in an inline fragment',
      `{ cost(dryRun: true) { allowed estimatedUpstreamCalls } ... on Query { ${WORK} } }`,
    ],
    [
      'a variable dryRun in a named operation',
      `query Q($dry: Boolean!) { ...F } fragment F on Query {
         cost(dryRun: $dry) { allowed estimatedUpstreamCalls } ${WORK} }`,
    ],
  ])('answers in %s exactly as at the top level, with no call', async (_name, query) => {
    const { status, body } = await post(query, { dry: true });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ cost: { allowed: true, estimatedUpstreamCalls: 2 } });
    expect(gw.xCalls()).toHaveLength(0);
    expect(gw.errorLines()).toEqual([]);
  });

  it('keeps __typename and rateLimit selected in fragments and drops the other root fields', async () => {
    const { body } = await post(
      `{ ...F } fragment F on Query { __typename rateLimit { endpoint } cost(dryRun: true) { allowed } ${WORK} }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ __typename: 'Query', rateLimit: [], cost: { allowed: true } });
    expect(gw.xCalls()).toHaveLength(0);
  });

  it('prices a query over the limit in a fragment without running it', async () => {
    const nested = `user(restId: "2244994945") { followers(first: 100) { nodes { following(first: 1) { nodes { id } } } } }`;
    const { body } = await post(
      `{ ... on Query { cost(dryRun: true) { allowed estimatedUpstreamCalls } } ...F } fragment F on Query { ${nested} }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ cost: { allowed: false, estimatedUpstreamCalls: 101 } });
    expect(gw.xCalls()).toHaveLength(0);
    expect(gw.errorLines()).toEqual([]);
  });

  it('runs the operation when the fragment asks for dryRun: false', async () => {
    const { body } = await post(
      `{ ...F } fragment F on Query { cost(dryRun: false) { estimatedUpstreamCalls } ${WORK} }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data).toMatchObject({ cost: { estimatedUpstreamCalls: 2 }, user: { name: 'Twitter Dev' } });
    expect(gw.xCalls()).toHaveLength(2);
  });
});
