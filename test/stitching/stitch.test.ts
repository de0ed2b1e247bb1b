import { stitchSchemas } from '@graphql-tools/stitch';
import { stitchingDirectives } from '@graphql-tools/stitching-directives';
import {
  buildSchema,
  type DocumentNode,
  type ExecutionResult,
  execute,
  type GraphQLSchema,
  parse,
  print,
} from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGatewaySchema } from '../../src/index.ts';
import {
  type AccountsLog,
  accountsStitchingSchema,
  crmNotesOf,
  managerOf,
  numericOrder,
  type ServedGraphQL,
  serveGraphQL,
} from '../fixtures/federation-accounts.ts';
import { dataField, type GraphQLResponse, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';

const TWITTER_DEV = '2244994945';
const { stitchingDirectivesTransformer } = stitchingDirectives();

let gateway: TestGateway;
let followerIds: string[];
const log: AccountsLog = { batches: [] };

beforeAll(async () => {
  gateway = await startTestGateway();
  const followers = gateway.emulator.store.followers(TWITTER_DEV);
  followerIds = Array.from({ length: 100 }, (_, index) => followers.idAt(index));
});
afterAll(async () => {
  await gateway.close();
});
beforeEach(() => {
  gateway.emulator.clearRequests();
  log.batches.length = 0;
});

/** The calls the gateway made to X: path and parameters. */
const xCalls = () => gateway.xCalls();

/** Runs a query on a stitched schema, each run with a context of its own (one outer request). */
async function run(stitched: GraphQLSchema, query: string): Promise<GraphQLResponse> {
  const result = (await execute({
    schema: stitched,
    document: parse(query),
    contextValue: {},
  })) as ExecutionResult;
  return JSON.parse(JSON.stringify(result)) as GraphQLResponse;
}

/** An executor that posts delegated operations to a GraphQL service over HTTP. */
function httpExecutor(url: string) {
  return async <TReturn>(request: {
    document: DocumentNode;
    variables?: unknown;
    operationName?: string;
  }): Promise<ExecutionResult<TReturn>> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: print(request.document),
        variables: request.variables,
        operationName: request.operationName,
      }),
    });
    return (await response.json()) as ExecutionResult<TReturn>;
  };
}

/** Checks both directions of the stitched query and the X calls each makes. */
async function crossesBothSchemas(stitched: GraphQLSchema): Promise<void> {
  const result = await run(
    stitched,
    `{ user(restId: "${TWITTER_DEV}") { followers(first: 100) { nodes { restId name crmNotes } } } }`,
  );
  expect(result.errors).toBeUndefined();
  const nodes = dataField<{ followers: { nodes: Record<string, string>[] } }>(result, 'user').followers.nodes;
  expect(nodes.map((node) => node.restId)).toEqual(followerIds);
  for (const node of nodes) expect(node.crmNotes).toBe(crmNotesOf(node.restId as string));
  expect(nodes[3]?.name).toBe(gateway.emulator.store.userById(followerIds[3] as string)?.name);
  // One followers call to X; the accounts service merges the 100 users in one batch.
  expect(xCalls()).toEqual([{ path: `/2/users/${TWITTER_DEV}/followers`, query: { max_results: '100' } }]);
  expect(log.batches.map((batch) => batch.length)).toEqual([100]);

  gateway.emulator.clearRequests();
  const reverse = await run(stitched, '{ accountsWithNotes { restId crmNotes username location } }');
  expect(reverse.errors).toBeUndefined();
  const users = dataField<Record<string, string | null>[]>(reverse, 'accountsWithNotes');
  expect(users.map((user) => user.restId)).toEqual(followerIds);
  expect(users[0]?.username).toBe(gateway.emulator.store.userById(followerIds[0] as string)?.username);
  // The stitching gateway merges `User` through `users(restIds:)` in one batch: one lookup.
  expect(xCalls()).toEqual([
    { path: '/2/users', query: { ids: numericOrder(followerIds).join(','), 'user.fields': 'location' } },
  ]);
}

/**
 * A query that goes X -> accounts -> X: the followers (X), their account managers (accounts), the managers'
 * names and locations (X again, merged through `users(restIds:)`): one followers call plus one batched lookup.
 */
async function roundTrips(stitched: GraphQLSchema): Promise<void> {
  gateway.emulator.clearRequests();
  const result = await run(
    stitched,
    `{ user(restId: "${TWITTER_DEV}") {
      followers(first: 100) { nodes { restId crmNotes accountManager { restId name location } } }
    } }`,
  );
  expect(result.errors).toBeUndefined();
  const nodes = dataField<{
    followers: { nodes: { restId: string; accountManager: { restId: string; name: string } }[] };
  }>(result, 'user').followers.nodes;
  for (const node of nodes) {
    const manager = managerOf(followerIds, node.restId) as string;
    expect(node.accountManager.restId).toBe(manager);
    expect(node.accountManager.name).toBe(gateway.emulator.store.userById(manager)?.name);
  }
  expect(xCalls()).toEqual([
    { path: `/2/users/${TWITTER_DEV}/followers`, query: { max_results: '100' } },
    { path: '/2/users', query: { ids: numericOrder(followerIds).join(','), 'user.fields': 'location' } },
  ]);
}

describe('schema stitching (@graphql-tools/stitch)', () => {
  it('stitches the library schema in process with the accounts schema, merging User on restId', async () => {
    const library = createGatewaySchema({ client: gateway.client });
    const stitched = stitchSchemas({
      subschemaConfigTransforms: [stitchingDirectivesTransformer],
      subschemas: [
        { schema: buildSchema(library.stitchingSdl), executor: library.executor },
        { schema: accountsStitchingSchema(followerIds, log) },
      ],
    });
    await crossesBothSchemas(stitched);
    await roundTrips(stitched);
  });

  it('stitches both services over HTTP from the SDL each publishes as _sdl', async () => {
    const served: ServedGraphQL[] = [];
    try {
      served.push(await serveGraphQL(gateway.yoga));
      served.push(await serveGraphQL(accountsStitchingSchema(followerIds, log)));
      const subschemas = [];
      for (const service of served) {
        const executor = httpExecutor(service.url);
        const sdl = (await executor<{ _sdl: string }>({ document: parse('{ _sdl }') })).data?._sdl as string;
        subschemas.push({ schema: buildSchema(sdl), executor });
      }
      gateway.emulator.clearRequests();
      const stitched = stitchSchemas({
        subschemaConfigTransforms: [stitchingDirectivesTransformer],
        subschemas,
      });
      await crossesBothSchemas(stitched);
      await roundTrips(stitched);
      await roundTrips(stitched);
    } finally {
      for (const service of served) await service.close();
    }
  });

  it('rejects a bad argument of a delegated operation before any call', async () => {
    const library = createGatewaySchema({ client: gateway.client });
    const result = await library.executor({
      document: parse('{ users(restIds: ["x1"]) { restId } }'),
      context: {},
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(gateway.emulator.requests).toHaveLength(0);
  });
});
