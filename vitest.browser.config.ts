import { defineConfig } from 'vitest/config';

/**
 * `npm run test:browser`: report.html loaded in headless chromium (Debian's `chromium`; `.ci/run`
 * installs it when missing; `CHROMIUM=path` names another). Screenshots go to out/report-<command>.png.
 */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 600_000,
    // One page at a time: two chromiums and a simulation on a 2-core machine would starve the
    // browser's virtual-time budget.
    fileParallelism: false,
  },
});
