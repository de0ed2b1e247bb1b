import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.ts';
import { startTestGateway, type TestGateway } from '../fixtures/gateway.ts';
import {
  cursorArb,
  documentArb,
  dryRunDocumentArb,
  idArb,
  mixedLookupArb,
  multiOperationArb,
} from './schema-documents.ts';
import { fuzzSeed, postWellFormed } from './well-formed.ts';

/**
 * Property-based hardening: arguments, cursors, ids, variables and whole documents built from the schema,
 * sent to the gateway over the emulator. Every answer is a well-formed GraphQL response with
 * `extensions.cost`, never a 5xx or an unexpected error, never more calls than the estimate and never a
 * bill above the estimate (in dollars and in resources of each kind: the ledger here remembers nothing, so
 * every resource received counts as billed). Runs are
 * bounded and seeded (`FUZZ_SEED` replays one; fast-check prints the seed and path of a failure).
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const TIMEOUT_MS = 120_000;

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway({ ledgerMaxEntries: 0 });
});
afterAll(async () => {
  await gateway.close();
});

/** Posts and checks one request; returns the body. */
const send = (body: unknown) => postWellFormed(async (url, init) => gateway.yoga.fetch(url, init), body);

/** What `extensions.cost` says of calls and dollars. */
interface FuzzCost {
  estimatedUpstreamCalls: number;
  actualUpstreamCalls: number;
  estimatedUsd: number;
  billedUsd: number;
  estimatedResources: Record<string, number>;
  billedByKind: Record<string, number>;
}

/**
 * Asserts the calls made never exceed the estimate (the response cache is off here), nor the bill the
 * estimated dollars and resources of any kind; answers the cost.
 */
function withinEstimate(body: Record<string, unknown>): FuzzCost {
  const cost = (body.extensions as { cost: FuzzCost }).cost;
  const context = JSON.stringify(body).slice(0, 300);
  expect(cost.actualUpstreamCalls, context).toBeLessThanOrEqual(cost.estimatedUpstreamCalls);
  expect(cost.billedUsd, context).toBeLessThanOrEqual(cost.estimatedUsd);
  for (const [kind, billed] of Object.entries(cost.billedByKind)) {
    expect(billed, `${kind}: ${context}`).toBeLessThanOrEqual(cost.estimatedResources[kind] ?? 0);
  }
  return cost;
}

describe('the gateway under fuzzing', () => {
  it(
    'answers arbitrary ids, usernames and page arguments with a well-formed response',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          idArb,
          fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('TwitterDev', 'jack')),
          fc.option(fc.integer({ min: -5, max: 1005 })),
          fc.option(fc.integer({ min: -5, max: 1005 })),
          fc.array(idArb, { maxLength: 5 }),
          async (id, username, first, last, ids) => {
            const query = `query ($id: ID, $u: String, $f: Int, $l: Int, $ids: [ID!]!) {
              a: user(restId: $id) { restId followers(first: $f) { nodes { restId } } }
              b: user(username: $u) { name following(last: $l) { pageInfo { hasPreviousPage } } }
              c: users(restIds: $ids) { restId }
              d: nodes(ids: $ids) { id }
            }`;
            const body = await send({ query, variables: { id, u: username, f: first, l: last, ids } });
            withinEstimate(body);
          },
        ),
        { numRuns: RUNS, seed: fuzzSeed() },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'answers arbitrary and tampered cursors with data or a clear BAD_USER_INPUT',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          cursorArb,
          fc.boolean(),
          fc.integer({ min: 1, max: 20 }),
          async (cursor, forward, n) => {
            const args = forward ? `first: ${n}, after: $c` : `last: ${n}, before: $c`;
            const query = `query ($c: String) { user(restId: "2244994945") {
            followers(${args}) { edges { cursor } pageInfo { startCursor endCursor } } } }`;
            const body = await send({ query, variables: { c: cursor } });
            withinEstimate(body);
            const errors = (body.errors ?? []) as { extensions?: { code?: string } }[];
            for (const error of errors) {
              expect(['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN']).toContain(error.extensions?.code);
            }
          },
        ),
        { numRuns: RUNS, seed: fuzzSeed() },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'answers arbitrary variables of any JSON type with a well-formed response',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(fc.constantFrom('id', 'n', 'ids', 'x'), fc.jsonValue({ maxDepth: 3 })),
          async (variables) => {
            const query = `query ($id: ID!, $n: Int, $ids: [ID!]) {
            user(restId: $id) { followers(first: $n) { totalCount } }
            users(restIds: $ids) { name }
          }`;
            await send({ query, variables });
          },
        ),
        { numRuns: RUNS, seed: fuzzSeed() },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'answers whole documents built from the schema with a well-formed response',
    async () => {
      await fc.assert(
        fc.asyncProperty(documentArb(schema), async (request) => {
          withinEstimate(await send(request));
        }),
        { numRuns: RUNS, seed: fuzzSeed() },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'runs the operation a multi-operation document names, within its estimate, or refuses an unknown name',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          multiOperationArb(schema),
          fc.array(fc.oneof(fc.nat(), fc.string({ maxLength: 8 }), fc.constant(null)), {
            minLength: 2,
            maxLength: 3,
          }),
          async ({ query, variables, names }, picks) => {
            // The same document with several names in turn: what ran before must not decide what runs now.
            for (const pick of picks) {
              const operationName =
                typeof pick === 'number' ? (names[pick % names.length] as string) : (pick ?? undefined);
              const body = await send({ query, variables, operationName });
              withinEstimate(body);
              const errors = (body.errors ?? []) as { extensions?: { code?: string } }[];
              if (!operationName || !names.includes(operationName)) {
                expect(errors.map((error) => error.extensions?.code)).toEqual([
                  'OPERATION_RESOLUTION_FAILURE',
                ]);
                expect(body.data ?? undefined).toBeUndefined();
                continue;
              }
              // Each operation selects `<its name>: __typename`: an answer with data is the named operation's.
              const data = body.data as Record<string, unknown> | null | undefined;
              if (!data) continue;
              const markers = Object.keys(data).filter((key) => names.includes(key));
              expect(markers, JSON.stringify(body).slice(0, 300)).toEqual([operationName]);
            }
          },
        ),
        { numRuns: Math.ceil(RUNS / 2), seed: fuzzSeed() },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'prices mixed user and tweet ids per endpoint: never fewer calls than made, in nodes and _entities',
    async () => {
      const selections = [
        'a: nodes(ids: $ids) { id }',
        'a: nodes(ids: $ids) { id ... on Tweet { text author { name } } ... on User { name } }',
        'a: nodes(ids: $ids) { id } b: nodes(ids: $ids2) { id }',
        'e: _entities(representations: $r) { ... on User { name } ... on Tweet { lang } }',
        'a: nodes(ids: $ids) { id } e: _entities(representations: $r) { __typename }',
      ];
      const types: Record<string, string> = { ids: '[ID!]!', ids2: '[ID!]!', r: '[_Any!]!' };
      let ran = 0;
      await fc.assert(
        fc.asyncProperty(
          mixedLookupArb,
          mixedLookupArb,
          fc.constantFrom(...selections),
          async (lookup, other, selection) => {
            const all = { ids: lookup.ids, ids2: other.ids, r: lookup.representations };
            // Only the variables the selection uses are declared (an unused one fails validation).
            const used = Object.keys(all).filter((name) => new RegExp(`\\$${name}\\b`).test(selection));
            const header = used.map((name) => `$${name}: ${types[name]}`).join(', ');
            const variables = Object.fromEntries(used.map((name) => [name, all[name as keyof typeof all]]));
            const before = gateway.emulator.requests.length;
            const body = await send({ query: `query (${header}) { ${selection} }`, variables });
            withinEstimate(body);
            const cost = (body.extensions as { cost: { actualUpstreamCalls: number } }).cost;
            expect(gateway.emulator.requests.length - before).toBe(cost.actualUpstreamCalls);
            if (cost.actualUpstreamCalls > 0) ran += 1;
          },
        ),
        // Shrinking lists of hundreds of ids over HTTP takes minutes: a failure is reported as found.
        { numRuns: Math.ceil(RUNS / 4), seed: fuzzSeed(), endOnFailure: true },
      );
      // Most runs are within X_MAX_UPSTREAM_CALLS and really call the emulator.
      expect(ran).toBeGreaterThan(RUNS / 8);
    },
    TIMEOUT_MS,
  );

  it(
    'walks followers forward and back from random page sizes, never billed above the estimate',
    async () => {
      const query = `query ($first: Int, $after: String, $last: Int, $before: String) {
        user(restId: "2244994945") { followers(first: $first, after: $after, last: $last, before: $before) {
          edges { cursor node { name pinnedTweet { text } } } pageInfo { startCursor endCursor } } } }`;
      let billedSome = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 1000 }),
          fc.array(fc.record({ forward: fc.boolean(), size: fc.integer({ min: 1, max: 1000 }) }), {
            maxLength: 4,
          }),
          async (first, steps) => {
            type Page = { pageInfo: { startCursor: string | null; endCursor: string | null } };
            const pageOf = (body: Record<string, unknown>) =>
              (body.data as { user?: { followers?: Page } } | null)?.user?.followers;
            let body = await send({ query, variables: { first } });
            if (withinEstimate(body).billedUsd > 0) billedSome += 1;
            for (const { forward, size } of steps) {
              const page = pageOf(body);
              const cursor = forward ? page?.pageInfo.endCursor : page?.pageInfo.startCursor;
              if (!cursor) break;
              const variables = forward ? { first: size, after: cursor } : { last: size, before: cursor };
              body = await send({ query, variables });
              withinEstimate(body);
            }
          },
        ),
        { numRuns: Math.ceil(RUNS / 4), seed: fuzzSeed(), endOnFailure: true },
      );
      expect(billedSome).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );

  it(
    'answers a dry run wherever its cost field is selected (fragments too) with its price and no call',
    async () => {
      let answered = 0;
      await fc.assert(
        fc.asyncProperty(dryRunDocumentArb(schema), async ({ place, ...request }) => {
          const before = gateway.emulator.requests.length;
          const body = await send(request);
          const cost = (
            body.extensions as { cost: { estimatedUpstreamCalls: number; actualUpstreamCalls: number } }
          ).cost;
          const context = `${place}: ${JSON.stringify(body).slice(0, 300)}`;
          expect(cost.actualUpstreamCalls, context).toBe(0);
          expect(gateway.emulator.requests.length, context).toBe(before);
          const data = body.data as Record<string, { estimatedUpstreamCalls?: number } | null> | undefined;
          if (data && !body.errors) {
            expect(data.dryRunPrice?.estimatedUpstreamCalls, context).toBe(cost.estimatedUpstreamCalls);
            answered += 1;
          }
        }),
        { numRuns: Math.ceil(RUNS / 2), seed: fuzzSeed(), endOnFailure: true },
      );
      // Documents with bad variables are refused; the others are answered with their price.
      expect(answered).toBeGreaterThan(RUNS / 20);
    },
    TIMEOUT_MS,
  );

  it(
    'answers arbitrary request bodies and texts with a well-formed response',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.record({ query: fc.string({ maxLength: 200 }) }),
            fc.record({ query: fc.constant('{ __typename }'), variables: fc.jsonValue() }),
            fc.record({ query: fc.constant('{ __typename }'), operationName: fc.jsonValue() }),
            fc.record({ query: fc.jsonValue() }),
          ),
          async (body) => {
            await send(body);
          },
        ),
        { numRuns: RUNS, seed: fuzzSeed() },
      );
    },
    TIMEOUT_MS,
  );
});
