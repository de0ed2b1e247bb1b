import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { graphiqlOptions } from '../../src/plugins/graphiql.ts';
import { type LoggedGateway, startLoggedGateway } from '../fixtures/logged-gateway.ts';

/**
 * Hostile clients, introspection off (`X_INTROSPECTION=false`): `__schema`, `_sdl` and `_service`, which
 * all print the schema, are refused at validation (400 `GRAPHQL_VALIDATION_FAILED`, no call, no
 * error-level log line) unless `X_SUBGRAPH_SDL=true` lets a router read the SDL; GraphiQL is off too.
 */

/** The refusals with introspection off: each document and the message it gets. */
const REFUSED: readonly (readonly [string, RegExp])[] = [
  [
    '{ _sdl }',
    /`_sdl` is off: this gateway does not publish its schema \(X_INTROSPECTION=false\)\. Set X_SUBGRAPH_SDL=true/,
  ],
  ['{ _service { sdl } }', /`_service` is off: .*X_SUBGRAPH_SDL=true/],
  ['{ ... on Query { s: _sdl } }', /`_sdl` is off/],
  ['{ __schema { types { name } } }', /introspection/i],
];

let off: LoggedGateway;
let routerOnly: LoggedGateway;
beforeAll(async () => {
  off = await startLoggedGateway({ introspection: false, graphiql: graphiqlOptions() });
  routerOnly = await startLoggedGateway({ introspection: false, subgraphSdl: true });
});
afterAll(async () => {
  await Promise.all([off.close(), routerOnly.close()]);
});

describe('introspection off', () => {
  for (const [query, message] of REFUSED) {
    it(`refuses \`${query}\` with 400 GRAPHQL_VALIDATION_FAILED and no call`, async () => {
      off.emulator.clearRequests();
      const { status, body } = await off.post({ query });
      expect(status).toBe(400);
      expect(body.data ?? undefined).toBeUndefined();
      expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(body.errors?.[0]?.message).toMatch(message);
      expect(off.xCalls()).toEqual([]);
      expect(off.errorLines()).toEqual([]);
    });
  }

  it('serves no GraphiQL page, even when given GraphiQL options', async () => {
    const response = await off.yoga.fetch('http://gateway.test/graphql', {
      headers: { accept: 'text/html' },
    });
    expect(response.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect(await response.text()).not.toMatch(/graphiql/i);
  });

  it('serves `_sdl` and `_service` to a router when X_SUBGRAPH_SDL allows, introspection still off', async () => {
    const sdl = await routerOnly.post({ query: '{ _sdl _service { sdl } }' });
    expect(sdl.status).toBe(200);
    const data = sdl.body.data as { _sdl: string; _service: { sdl: string } };
    expect(data._sdl).toMatch(/type User/);
    expect(data._service.sdl).toMatch(/type User/);
    const schema = await routerOnly.post({ query: '{ __schema { types { name } } }' });
    expect(schema.status).toBe(400);
    expect(routerOnly.errorLines()).toEqual([]);
  });
});

describe('X_SUBGRAPH_SDL', () => {
  it('follows X_INTROSPECTION unless set', () => {
    expect(loadConfig({}).subgraphSdl).toBe(true);
    expect(loadConfig({ X_INTROSPECTION: 'false' }).subgraphSdl).toBe(false);
    expect(loadConfig({ X_INTROSPECTION: 'false', X_SUBGRAPH_SDL: 'true' }).subgraphSdl).toBe(true);
    expect(loadConfig({ X_SUBGRAPH_SDL: 'false' })).toMatchObject({
      introspection: true,
      subgraphSdl: false,
    });
  });

  it('stops start-up on a value that is not a boolean, naming the variable', () => {
    expect(() => loadConfig({ X_SUBGRAPH_SDL: 'maybe' })).toThrow(/X_SUBGRAPH_SDL/);
  });
});
