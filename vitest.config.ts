import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  // Examples import the package by name, as a researcher's script does; in the repo it is the sources.
  resolve: { alias: { scitsim: fileURLToPath(new URL('./src/index.ts', import.meta.url)) } },
  test: {
    include: ['test/**/*.test.ts'],
    // The packed-package test builds and installs: `npm run test:package` (CI runs both).
    exclude: [...configDefaults.exclude, 'test/package/**'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    pool: 'threads',
  },
});
