import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The peer's packages (GraphQL Mesh's OpenAPI loader and GraphQL Yoga) live in `bench/peer`, with their
 * own `package.json` and committed lock file, outside the gateway's dependencies. The bench installs them
 * on its first run, from the npm registry only, exactly as locked.
 */

/** The peer's package directory. */
export const PEER_DIR = fileURLToPath(new URL('./peer/', import.meta.url));

/** Installs the peer's packages with `npm ci` when `bench/peer/node_modules` is missing. */
export function ensurePeerInstalled(log: (line: string) => void): void {
  if (existsSync(`${PEER_DIR}node_modules/@omnigraph/openapi/package.json`)) return;
  log('installing the GraphQL Mesh peer into bench/peer/node_modules (npm ci, first run only)...');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', PEER_DIR], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
