import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest, longest first: on two workers the run ends when the busier one is done,
 * so these start first and the many short files fill up the other worker around them. Without this a
 * fresh clone (no durations of an earlier run) starts with the largest files, and a long one last can
 * keep one worker busy while the other has nothing left. Two files that need no database go early: they
 * keep a core busy while the global setup still builds the PGlite template (npm-start's first tests
 * need none either).
 */
const SLOWEST_FIRST = [
  'test/bot/npm-start.test.ts',
  'test/knowledge/privacy.test.ts',
  'test/knowledge/schema-errors.test.ts',
  'test/playground/playground.test.ts',
  'test/bot/tenants.test.ts',
  'test/bot/werkgroep.test.ts',
  'test/bot/outages.test.ts',
];

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => SLOWEST_FIRST.indexOf(path.relative(this.ctx.config.root, file.moduleId).split(path.sep).join('/'));
    const slow = files.filter((file) => rank(file) >= 0).sort((a, b) => rank(a) - rank(b));
    return [...slow, ...(await super.sort(files.filter((file) => rank(file) < 0)))];
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Starts building the migrated PGlite template the bots start from (test/helpers/pglite-template.ts).
    globalSetup: ['test/global-setup.ts'],
    // Two workers on this two-core machine (vitest's default is cores − 1: one). Files share the
    // module cache of their worker: no test mocks modules, fakes timers or changes process.env, so
    // botbuilder, teams-ai and the knowledge base load once per worker instead of once per file.
    maxWorkers: 2,
    isolate: false,
    sequence: { sequencer: SlowestFirst },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
