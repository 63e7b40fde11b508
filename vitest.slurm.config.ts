import { defineConfig } from 'vitest/config';

/** `npm run test:slurm`: the Slurm example on a real cluster (SLURM_CONF set; .ci/run starts one). */
export default defineConfig({
  test: { include: ['test/slurm/**/*.test.ts'], testTimeout: 600_000 },
});
