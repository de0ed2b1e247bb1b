/**
 * The framework shell of `bench/shell-cost.ts`: graphql-yoga as its documentation sets it up, over a
 * schema of one field, with nothing of the gateway (no plugin, no context, logging, GraphiQL and the
 * landing page off). What graphql-yoga itself costs per request on top of `node:http`.
 */
import { createSchema, createYoga } from 'graphql-yoga';
import { listenOnLoopback } from './listen.ts';
import { runChild } from './protocol.ts';

const yoga = createYoga({
  schema: createSchema({
    typeDefs: 'type Query { hello: String }',
    resolvers: { Query: { hello: () => 'hi' } },
  }),
  logging: false,
  graphiql: false,
  landingPage: false,
});

await runChild(() => listenOnLoopback(yoga));
