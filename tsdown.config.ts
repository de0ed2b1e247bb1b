import { defineConfig } from 'tsdown';

/**
 * The published package (`npm run build`, run by `npm pack` and `npm publish` through `prepack`): ESM
 * JavaScript and `.d.ts` in `lib/`. The library entries (`x-graphql-gateway`, `x-graphql-gateway/emulator`)
 * and the two commands (`x-graphql-gateway`, `x-api-emulator`) share their chunks. Packages stay
 * external and load from the consumer's `node_modules`. (`npm start` runs the esbuild bundle of
 * `scripts/build.mjs` instead, which needs no `.d.ts`.)
 */
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    emulator: 'src/emulator/index.ts',
    'cli/gateway': 'src/cli/gateway.ts',
    'cli/emulator': 'src/cli/emulator.ts',
  },
  outDir: 'lib',
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  dts: true,
  clean: true,
});
