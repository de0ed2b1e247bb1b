import { defineConfig } from 'vitest/config';

/** Vitest runs every `test/**\/*.test.ts` file; slow suites set their own timeouts. */
export default defineConfig({
  resolve: {
    // One graphql instance: Vite would pick graphql's ESM build (`index.mjs`) for our files while
    // externalized dependencies (Pothos, Yoga, codegen) `import`/`require` its CommonJS build, and
    // graphql rejects types built by the other copy ("from another module or realm").
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
