/**
 * The bare HTTP shell of `bench/shell-cost.ts`: `node:http` reads a GraphQL request's JSON body, parses
 * it and answers `{"data":{"__typename":"Query"}}` without any GraphQL. What any Node.js GraphQL server
 * pays per request before its framework: the HTTP parser, the socket writes, one small `JSON.parse` and
 * `JSON.stringify` (`graphql-post.ts`, the HTTP side every shell arm shares).
 */
import { graphqlPostListener } from './graphql-post.ts';
import { listenOnLoopback } from './listen.ts';
import { runChild } from './protocol.ts';

await runChild(() => listenOnLoopback(graphqlPostListener(() => ({ data: { __typename: 'Query' } }))));
