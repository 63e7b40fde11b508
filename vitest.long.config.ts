import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * `npm run test:long`: the statistical and long cases (`test/**\/*.long.test.ts`), such as an analytic
 * model against 1000 simulated seeds on a whole grid. `npm test` keeps a small case of each; CI runs both.
 */
export default defineConfig({
  resolve: { alias: { scitsim: fileURLToPath(new URL('./src/index.ts', import.meta.url)) } },
  test: {
    include: ['test/**/*.long.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 600_000,
    pool: 'threads',
    maxWorkers: Math.max(2, availableParallelism()),
    isolate: false,
  },
});
