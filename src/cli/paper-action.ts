/** The action of `scitsim paper` (./paper.ts), loaded when the command runs. */
import type { Newable } from 'inversify';
import { type PaperLayoutName, paperScitConfig } from '../entities/scit/paper-system.js';
import type { RotationStrategy } from '../entities/scit/rotation-strategy.js';
import { paperReport } from '../experiments/scit/format.js';
import { PAPER_SET_MARKER, runPaperExperiment, summaryJson } from '../experiments/scit/paper-experiment.js';
import { checkOutputDir } from '../report/files.js';
import { loadStrategyClass } from '../runs/plugins.js';
import type { PaperOptions } from './paper.js';
import { experimentProgress } from './progress.js';

/** Runs `scitsim paper` with its parsed options. */
export async function runPaper(opts: PaperOptions): Promise<void> {
  const started = performance.now();
  await checkOutputDir(opts.out, '--out', [PAPER_SET_MARKER]);
  const strategies: (string | Newable<RotationStrategy>)[] = opts.strategies
    .split(',')
    .map((name) => name.trim());
  if (opts.strategyFile !== undefined)
    strategies.push(await loadStrategyClass(opts.strategyFile, opts.export));
  // The preset runs without a config (byte-identical reports); the other layout is named in them.
  const layout =
    opts.layout === 'table-1'
      ? {}
      : {
          config: paperScitConfig(opts.layout as PaperLayoutName, '--layout'),
          systemName: `the paper's system, ${opts.layout} layout`,
        };
  const progress = await experimentProgress();
  const result = await runPaperExperiment({
    ...layout,
    seeds: opts.seeds,
    cycles: opts.cycles,
    seed: opts.seed,
    requestSeeds: opts.requestSeeds,
    outDir: opts.out,
    strategies,
    clockMillis: () => performance.now(),
    onProgress: progress.onProgress,
  }).finally(progress.stop);
  if (opts.json) {
    for (const warning of result.warnings) console.error(`Warning: ${warning}`);
    console.log(JSON.stringify(summaryJson(result)));
    return;
  }
  const totalSeconds = (performance.now() - started) / 1000;
  console.log(paperReport(result, { outDir: opts.out, totalSeconds }));
}
