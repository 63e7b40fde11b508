import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';
import { LongestFirst } from './test/sequencer.js';

export default defineConfig({
  // Examples import the package by name, as a researcher's script does; in the repo it is the sources.
  // The root entry and each subpath entry (`scitsim/analysis`, …) map to their index file, as package.json's
  // `exports` map them to dist/ in an installed package.
  resolve: {
    alias: [
      { find: /^scitsim$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
      {
        find: /^scitsim\/(analysis|checks|report|sweep)$/,
        replacement: fileURLToPath(new URL('./src/$1/index.ts', import.meta.url)),
      },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // The packed-package and Slurm tests build, install or need a cluster: `npm run test:package`,
    // `npm run test:slurm`; the queueing check runs 6 × 10^5 requests: `npm run test:queueing`; the
    // statistical and long cases are `*.long.test.ts`: `npm run test:long` (CI runs all five).
    exclude: [
      ...configDefaults.exclude,
      'test/package/**',
      'test/slurm/**',
      'test/browser/**',
      'test/queueing/**',
      'test/**/*.long.test.ts',
    ],
    setupFiles: ['test/setup.ts'],
    // Longest files first, from a committed table (see test/sequencer.ts): a fresh clone has no cache.
    sequence: { sequencer: LongestFirst },
    testTimeout: 60_000,
    pool: 'threads',
    // Vitest's default is one worker per core but one (the main thread's): a single worker on the 2-core
    // CI machine, where the tests now run in-process rather than in child processes. The main thread
    // only collects results, so every core runs a test file.
    maxWorkers: Math.max(2, availableParallelism()),
    // Test files share each worker's module cache (the project keeps no module-level mutable state, so
    // they cannot see each other): ~30 s less of re-importing the sources per file on this machine.
    isolate: false,
  },
});
