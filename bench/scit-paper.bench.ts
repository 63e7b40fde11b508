/**
 * The paper experiment's many-seed summary: 1000 seeds × 30 cycles for both strategies (requests off),
 * as `npm start` computes it; target < 2 s. Also the single-seed run with requests and figures.
 */
import { runPaperExperiment } from '../src/experiments/scit/paper-experiment.js';
import type { BenchResult } from './run.js';

export async function run(opts: { quick: boolean }): Promise<BenchResult[]> {
  const seeds = opts.quick ? 200 : 1000;
  await runPaperExperiment({ seeds: 20, outDir: null }); // warm-up (JIT, mathjs)
  const started = performance.now();
  const result = await runPaperExperiment({ seeds, outDir: null, clockMillis: () => performance.now() });
  const totalMs = performance.now() - started;
  return [
    { name: `${seeds}-seed summary, both strategies`, value: (result.summaryMillis ?? 0) / 1000, unit: 's' },
    { name: 'single runs with requests + summary', value: totalMs / 1000, unit: 's' },
    {
      name: 'runs per second (summary)',
      value: (2 * seeds) / ((result.summaryMillis ?? 1) / 1000),
      unit: 'runs/s',
    },
  ];
}
