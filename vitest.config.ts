import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds the migrated PGlite template the bots start from (test/helpers/pglite-template.ts).
    globalSetup: ['test/global-setup.ts'],
    // Two workers on this two-core machine (vitest's default is cores − 1: one). Files share the
    // module cache of their worker: no test mocks modules, fakes timers or changes process.env, so
    // botbuilder, teams-ai and the knowledge base load once per worker instead of once per file.
    maxWorkers: 2,
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
