/**
 * The gateway without graphql-yoga's HTTP layer, for `bench/shell-cost.ts`: the gateway's Yoga instance
 * (`createGatewayYoga`, no operational plugins) asked through its envelop (`getEnveloped`: parse,
 * validate, context and execute with every envelop plugin of the gateway) from a `node:http` handler that
 * reads the JSON body (`graphql-post.ts`), keeps each parsed document by its text and writes the result
 * itself. Yoga's request and response hooks (request parsers, parameter checks, result processing, CORS, compression,
 * the answer's release) do not run: what is left is what the gateway's own per-request work costs. A
 * measuring arm only, not a way to serve the gateway.
 */
import type { IncomingMessage } from 'node:http';
import type { DocumentNode } from 'graphql';
import { createXClient } from '../../src/rest/client.ts';
import { createGatewayYoga } from '../../src/yoga.ts';
import { BENCH_APP_TOKEN } from '../workload.ts';
import { type GraphQLParams, graphqlPostListener } from './graphql-post.ts';
import { listenOnLoopback, upstreamUrl } from './listen.ts';
import { runChild } from './protocol.ts';

const yoga = createGatewayYoga({
  client: createXClient({ baseUrl: upstreamUrl(), bearerToken: BENCH_APP_TOKEN, cacheTtlSeconds: 0 }),
  logging: false,
});

/** Documents already parsed and validated, by their text (the bench sends one). */
const documents = new Map<string, DocumentNode>();

/** Answers one request through the gateway's envelop. */
async function answer(params: GraphQLParams, req: IncomingMessage): Promise<unknown> {
  // The gateway's context reads the request's headers (the bearer token) and nothing else of it here.
  const request = { headers: { get: (name: string) => req.headers[name] ?? null }, method: 'POST' };
  const { parse, validate, contextFactory, execute, schema } = yoga.getEnveloped({ request, params });
  let document = documents.get(params.query);
  if (!document) {
    const parsed: DocumentNode = parse(params.query);
    const errors = validate(schema, parsed);
    if (errors.length > 0) throw errors[0];
    if (documents.size < 100) documents.set(params.query, parsed);
    document = parsed;
  }
  return execute({
    schema,
    document,
    variableValues: params.variables,
    contextValue: await contextFactory(),
  });
}

await runChild(() => listenOnLoopback(graphqlPostListener(answer)));
