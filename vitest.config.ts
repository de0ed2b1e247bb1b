import { defineConfig } from 'vitest/config';

/** Vitest runs every `test/**\/*.test.ts` file; slow suites set their own timeouts. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
