/**
 * The paper experiment's many-seed work, each part timed on its own so that numbers stay comparable
 * as the experiment grows: the rotation summary as `npm start` computes it (1000 seeds × 30 cycles,
 * both strategies, no attacks: they never change rotation), the same runs under VM-escape attacks (what
 * the summary measured before the security summary existed), the security summary (200 seeds per
 * strategy under attack, each run until every service has been down once), and `npm start`'s whole
 * experiment without writing files.
 */
import { paperScitConfig, resolveScitConfig } from '../src/entities/scit/index.js';
import {
  PAPER_ATTACK,
  runPaperExperiment,
  seedSummaries,
  strategyContainers,
} from '../src/experiments/scit/paper-experiment.js';
import { createRunContainer } from '../src/runs/container.js';
import type { BenchResult } from './run.js';

export async function run(opts: { quick: boolean }): Promise<BenchResult[]> {
  const seeds = opts.quick ? 200 : 1000;
  await runPaperExperiment({ seeds: 20, outDir: null }); // warm-up (JIT, mathjs)
  const config = resolveScitConfig(paperScitConfig());
  const strategies = strategyContainers(createRunContainer(), ['conventional', 'redundancy-preserving']);
  const timed = (f: () => unknown) => {
    const started = performance.now();
    f();
    return (performance.now() - started) / 1000;
  };
  const rotation = timed(() => seedSummaries(strategies, config, { seeds, cycles: 30 }));
  const attacked = timed(() =>
    seedSummaries(strategies, config, { seeds, cycles: 30, attack: PAPER_ATTACK }),
  );
  const started = performance.now();
  const result = await runPaperExperiment({ seeds, outDir: null, clockMillis: () => performance.now() });
  const totalSeconds = (performance.now() - started) / 1000;
  const securitySeconds = (result.summaryMillis ?? 0) / 1000 - rotation;
  return [
    { name: `rotation summary, ${seeds} seeds × 30 cycles × 2 strategies`, value: rotation, unit: 's' },
    { name: '  runs per second', value: (2 * seeds) / rotation, unit: 'runs/s' },
    { name: '  the same runs under VM-escape attacks', value: attacked, unit: 's' },
    {
      name: `security summary, ${result.security?.settings.seeds ?? 0} seeds × 2 strategies (approx.)`,
      value: securitySeconds,
      unit: 's',
    },
    { name: 'whole experiment (npm start without files)', value: totalSeconds, unit: 's' },
  ];
}
