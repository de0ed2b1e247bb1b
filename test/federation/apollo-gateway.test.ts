import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ACCOUNTS_SUBGRAPH_SDL,
  type AccountsLog,
  accountsSubgraphSchema,
  crmNotesOf,
  managerOf,
  numericOrder,
  type ServedGraphQL,
  serveGraphQL,
} from '../fixtures/federation-accounts.ts';
import { startRouter, type TestRouter } from '../fixtures/federation-gateway.ts';
import { dataField, startTestGateway, type TestGateway } from '../fixtures/gateway.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TWITTER_DEV = '2244994945';

let gateway: TestGateway;
/** The first 100 followers of TwitterDev, in X's order; the accounts service holds notes on them. */
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

const CROSSING_QUERY = `{
  user(restId: "${TWITTER_DEV}") {
    followers(first: 100) { nodes { restId name crmNotes } }
  }
}`;

const REVERSE_QUERY = '{ accountsWithNotes { restId crmNotes username location } }';

/** Checks both directions of the cross-subgraph query and the X calls each makes. */
async function crossesBothSubgraphs(router: TestRouter): Promise<void> {
  const result = await router.query(CROSSING_QUERY);
  expect(result.errors).toBeUndefined();
  const owner = dataField<{ followers: { nodes: Record<string, string>[] } }>(result, 'user');
  const nodes = owner.followers.nodes;
  expect(nodes.map((node) => node.restId)).toEqual(followerIds);
  for (const node of nodes) {
    expect(node.crmNotes).toBe(crmNotesOf(node.restId as string));
    expect(node.name).toBe(gateway.emulator.store.userById(node.restId as string)?.name);
  }
  // One followers call; the owner is never looked up (only its followers are read); the accounts
  // subgraph resolves the 100 representations without X.
  expect(xCalls()).toEqual([{ path: `/2/users/${TWITTER_DEV}/followers`, query: { max_results: '100' } }]);
  expect(log.batches.flat()).toHaveLength(100);

  gateway.emulator.clearRequests();
  const reverse = await router.query(REVERSE_QUERY);
  expect(reverse.errors).toBeUndefined();
  const users = dataField<Record<string, string | null>[]>(reverse, 'accountsWithNotes');
  expect(users.map((user) => user.restId)).toEqual(followerIds);
  expect(users[0]?.username).toBe(gateway.emulator.store.userById(followerIds[0] as string)?.username);
  // The router sends the 100 representations to `_entities`: one lookup, with exactly the fields read.
  expect(xCalls()).toEqual([
    { path: '/2/users', query: { ids: numericOrder(followerIds).join(','), 'user.fields': 'location' } },
  ]);
}

/**
 * A query that goes X -> accounts -> X: the followers (X), their account managers (accounts), the managers'
 * names and locations (X again, through `_entities`): one followers call plus one batched lookup.
 */
async function roundTrips(router: TestRouter): Promise<void> {
  gateway.emulator.clearRequests();
  const result = await router.query(`{
    user(restId: "${TWITTER_DEV}") {
      followers(first: 100) { nodes { restId crmNotes accountManager { restId name location } } }
    }
  }`);
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

describe('Apollo Federation (@apollo/gateway)', () => {
  it('answers a query across both subgraphs composed in process, with one followers call', async () => {
    const composed = composeServices([
      {
        name: 'x',
        typeDefs: parse(readFileSync(resolve(ROOT, 'subgraph.graphql'), 'utf8')),
        url: 'http://x',
      },
      { name: 'accounts', typeDefs: parse(ACCOUNTS_SUBGRAPH_SDL), url: 'http://accounts' },
    ]);
    expect(composed.errors).toBeUndefined();
    const router = await startRouter(
      [
        { name: 'x', fetch: (request) => gateway.yoga.fetch(request) },
        { name: 'accounts', schema: accountsSubgraphSchema(followerIds, log) },
      ],
      composed.supergraphSdl,
    );
    try {
      await crossesBothSubgraphs(router);
      await roundTrips(router);
    } finally {
      await router.stop();
    }
  });

  it('answers the same with both subgraphs over HTTP, introspected and composed by the router', async () => {
    const served: ServedGraphQL[] = [];
    try {
      served.push(await serveGraphQL(gateway.yoga));
      served.push(await serveGraphQL(accountsSubgraphSchema(followerIds, log)));
      const [x, accounts] = served as [ServedGraphQL, ServedGraphQL];
      const router = await startRouter([
        { name: 'x', url: x.url },
        { name: 'accounts', url: accounts.url },
      ]);
      gateway.emulator.clearRequests();
      try {
        await crossesBothSubgraphs(router);
        await roundTrips(router);
      } finally {
        await router.stop();
      }
    } finally {
      for (const service of served) await service.close();
    }
  });
});
