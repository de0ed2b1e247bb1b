/**
 * The peer arm of `npm run bench`: what a user would otherwise pick, GraphQL Mesh generating a schema
 * from the X OpenAPI spec with its OpenAPI loader (`@omnigraph/openapi`), offline, served by GraphQL Yoga.
 * Plain JavaScript on purpose: its packages live in `bench/peer/node_modules` (installed by the bench on
 * first run), outside the gateway's dependencies and type-check.
 */
import { loadGraphQLSchemaFromOpenAPI } from '@omnigraph/openapi';
import { createYoga } from 'graphql-yoga';

/**
 * Builds the peer's request handler: the Mesh schema over `upstreamUrl`, every call carrying the app's
 * bearer token, as a `node:http` request listener serving `/graphql`.
 * @param {{ specPath: string, upstreamUrl: string, bearerToken: string }} options
 * @returns {Promise<{ handler: import('node:http').RequestListener, schemaLoadMs: number }>}
 */
export async function createPeerHandler({ specPath, upstreamUrl, bearerToken }) {
  const started = performance.now();
  const schema = await loadGraphQLSchemaFromOpenAPI('X', {
    source: specPath,
    cwd: process.cwd(),
    endpoint: upstreamUrl,
    operationHeaders: { Authorization: `Bearer ${bearerToken}` },
  });
  const schemaLoadMs = performance.now() - started;
  const yoga = createYoga({ schema, graphiql: false, logging: false, landingPage: false });
  return { handler: yoga, schemaLoadMs };
}
