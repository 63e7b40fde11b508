import { defineConfig } from 'vitest/config';

/** `npm run test:queueing`: the request model against processor-sharing theory at 10^5 requests per case. */
export default defineConfig({
  test: { include: ['test/queueing/**/*.test.ts'], setupFiles: ['test/setup.ts'], testTimeout: 600_000 },
});
