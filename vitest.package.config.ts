import { defineConfig } from 'vitest/config';

/** `npm run test:package`: the packed package installed into an empty project (slow: a build and an install). */
export default defineConfig({
  test: { include: ['test/package/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 300_000 },
});
