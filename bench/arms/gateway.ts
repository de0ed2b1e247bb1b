/**
 * The gateway arms: the gateway as `npm start` runs it (`startGateway` of `src/server.ts`, every
 * production plugin on), over the bench's emulator as the X API with the app token. `BENCH_CACHE_TTL_SECONDS`
 * is `0` for the cache-off arm; the warm arm keeps answers long enough to stay warm for the whole run.
 * Logging is at `warn`, so no access-log line per request (the other arms log nothing either).
 *
 * The bench does not run this file as TypeScript: `scripts/build.mjs --bench` bundles it into
 * `dist/bench/gateway.js` with `../../src/server.ts` resolved to `dist/server.js`, the bundle `npm start`
 * runs, and `bench/children.ts` forks that with `npm start`'s node flags. (`loadConfig` comes from that
 * bundle too.)
 */
import { loadConfig, startGateway } from '../../src/server.ts';
import { BENCH_APP_TOKEN } from '../workload.ts';
import { upstreamUrl } from './listen.ts';
import { runChild } from './protocol.ts';

await runChild(async () => {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    X_API_BASE_URL: upstreamUrl(),
    X_BEARER_TOKEN: BENCH_APP_TOKEN,
    X_CACHE_TTL_SECONDS: process.env.BENCH_CACHE_TTL_SECONDS ?? '0',
    LOG_LEVEL: 'warn',
  });
  const gateway = await startGateway(config);
  return { url: new URL(gateway.url).origin, close: () => gateway.close() };
});
