import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { composeServices as composeWithApollo } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { composeServices as composeWithGuild } from '@theguild/federation-composition';
import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.ts';
import { ACCOUNTS_SUBGRAPH_SDL } from '../fixtures/federation-accounts.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SUBGRAPH_SDL = readFileSync(resolve(ROOT, 'subgraph.graphql'), 'utf8');

/** The gateway's subgraph and the accounts subgraph, as composition takes them. */
const services = [
  { name: 'x', typeDefs: parse(SUBGRAPH_SDL), url: 'http://x.test/graphql' },
  { name: 'accounts', typeDefs: parse(ACCOUNTS_SUBGRAPH_SDL), url: 'http://accounts.test/graphql' },
];

/** A third subgraph with its own Relay `PageInfo`, as many Relay services have. */
const RELAY_SUBGRAPH_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])
  type PageInfo @shareable { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
  type Query { lists: PageInfo }
`;

describe('subgraph composition', () => {
  it('commits the subgraph SDL the schema prints (else run `npm run codegen`)', () => {
    expect(SUBGRAPH_SDL).toBe(printSubgraphSchema(schema));
  });

  it('composes with the accounts subgraph in the Guild composition library, without errors', () => {
    const result = composeWithGuild(services);
    expect(result.errors).toBeUndefined();
    const api = buildSchema(result.publicSdl as string);
    const user = api.getType('User') as unknown as { getFields(): Record<string, unknown> };
    expect(Object.keys(user.getFields())).toEqual(expect.arrayContaining(['followers', 'name', 'crmNotes']));
    // `_sdl` is for stitching gateways: `@inaccessible` keeps it out of the supergraph's API.
    expect(api.getQueryType()?.getFields()._sdl).toBeUndefined();
  });

  it('composes in Apollo composition without errors and without hints', () => {
    const result = composeWithApollo(services);
    expect(result.errors).toBeUndefined();
    expect((result.hints ?? []).map((hint) => `${hint.definition.code}: ${hint.message}`)).toEqual([]);
  });

  it('composes beside another Relay subgraph, PageInfo being shareable', () => {
    const withRelay = [
      ...services,
      { name: 'relay', typeDefs: parse(RELAY_SUBGRAPH_SDL), url: 'http://r.test' },
    ];
    expect(composeWithGuild(withRelay).errors).toBeUndefined();
    const apollo = composeWithApollo(withRelay);
    expect(apollo.errors).toBeUndefined();
    expect((apollo.hints ?? []).map((hint) => hint.definition.code)).toEqual([]);
  });
});
