/**
 * Builds what `npm start` runs: the command line `src/cli/gateway.ts` bundled by esbuild into
 * `dist/cli/gateway.js`, and `src/server.ts` into `dist/server.js` (plain JavaScript, so the gateway runs
 * without a TypeScript loader), with their source maps beside them. Packages stay external and load from
 * `node_modules`. `npm start` runs this first (`prestart`), so `npm ci && npm start` needs no build step
 * of its own. (The published package is built by tsdown instead: `npm run build`, `tsdown.config.ts`.)
 *
 * `node scripts/build.mjs --bench` also bundles the bench's gateway arm (`bench/arms/gateway.ts`) into
 * `dist/bench/gateway.js`, importing `dist/server.js` itself, so the bench measures the very bundle
 * `npm start` runs. `--outdir <dir>` writes elsewhere than `dist/` (inside the repository, so that
 * `node_modules` and `documents/` are found from there).
 */
import { rmSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** The output directory: `dist/`, or `--outdir <dir>` (tests build their own copy there). */
const outdirAt = process.argv.indexOf('--outdir');
const DIST = outdirAt > 0 ? resolve(process.argv[outdirAt + 1] ?? 'dist') : resolve(ROOT, 'dist');

/** esbuild options both bundles share. */
const COMMON = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};

/**
 * Bundles `src/cli/gateway.ts` into `dist/cli/gateway.js` and `src/server.ts` into `dist/server.js`; what
 * they share, and what they import dynamically (the embedded emulator), goes into chunks of
 * `dist/chunks/`, loaded only when imported. Old chunks are removed first.
 */
export async function buildServer() {
  rmSync(resolve(DIST, 'chunks'), { recursive: true, force: true });
  await build({
    ...COMMON,
    entryPoints: ['src/server.ts', 'src/cli/gateway.ts'],
    outdir: DIST,
    outbase: 'src',
    splitting: true,
    entryNames: '[dir]/[name]',
    chunkNames: 'chunks/[name]-[hash]',
  });
}

/** Bundles the bench's gateway arm, with `src/server.ts` resolved to the built `dist/server.js`. */
export async function buildBenchArm() {
  const outfile = resolve(DIST, 'bench/gateway.js');
  const serverBundle = `./${relative(resolve(DIST, 'bench'), resolve(DIST, 'server.js'))}`;
  await build({
    ...COMMON,
    entryPoints: ['bench/arms/gateway.ts'],
    outfile,
    plugins: [
      {
        name: 'server-bundle',
        setup(b) {
          b.onResolve({ filter: /\/src\/server\.ts$/ }, () => ({ path: serverBundle, external: true }));
        },
      },
    ],
  });
}

await buildServer();
if (process.argv.includes('--bench')) await buildBenchArm();
