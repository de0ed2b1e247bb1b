/**
 * The peer arm: GraphQL Mesh's OpenAPI loader over the repository's copy of the X spec, served by
 * GraphQL Yoga (`bench/peer/serve.mjs`, whose packages live in `bench/peer/node_modules`). Imported by a
 * computed path so the gateway's type-check never needs the peer's packages.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BENCH_APP_TOKEN } from '../workload.ts';
import { listenOnLoopback, upstreamUrl } from './listen.ts';
import { runChild } from './protocol.ts';

/** What `bench/peer/serve.mjs` exports. */
interface PeerModule {
  createPeerHandler(options: {
    specPath: string;
    upstreamUrl: string;
    bearerToken: string;
  }): Promise<{ handler: Parameters<typeof listenOnLoopback>[0]; schemaLoadMs: number }>;
}

await runChild(async () => {
  const servePath = fileURLToPath(new URL('../peer/serve.mjs', import.meta.url));
  const peer = (await import(pathToFileURL(servePath).href)) as PeerModule;
  const { handler } = await peer.createPeerHandler({
    specPath: fileURLToPath(new URL('../../spec/openapi-2.166.json', import.meta.url)),
    upstreamUrl: upstreamUrl(),
    bearerToken: BENCH_APP_TOKEN,
  });
  return listenOnLoopback(handler);
});
