import { Command } from '@commander-js/extra-typings';
import type { Newable } from 'inversify';
import { PAPER_LAYOUTS, type PaperLayoutName, paperScitConfig } from '../entities/scit/paper-system.js';
import type { RotationStrategy } from '../entities/scit/rotation-strategy.js';
import { paperReport } from '../experiments/scit/format.js';
import {
  PAPER_REQUEST_SEEDS,
  PAPER_SET_MARKER,
  runPaperExperiment,
  summaryJson,
} from '../experiments/scit/paper-experiment.js';
import { ROTATION_STRATEGIES } from '../policies/scit/module.js';
import { checkOutputDir } from '../report/files.js';
import { loadStrategyClass } from '../runs/plugins.js';
import { LIMITS, SEED_LIMIT } from '../runs/run-limits.js';
import { DECISION_TIMEOUT_OPTION, wholeNumber } from './args.js';
import { experimentProgress } from './progress.js';

/** The paper's experiment as a command (`scitsim paper`). */
export function paperCommand(name = 'paper') {
  return new Command()
    .name(name)
    .description('Reproduce the SCIT paper experiment (Table 3, Figures 10/11)')
    .option('--seeds <n>', 'seeds of the summary', wholeNumber('--seeds', 1, LIMITS.seeds), 1000)
    .option('--cycles <n>', 'clock cycles per run', wholeNumber('--cycles', 1, LIMITS.cycles), 30)
    .option('--seed <n>', 'seed of the single run with figures', wholeNumber('--seed', 0, SEED_LIMIT), 1)
    .option(
      '--request-seeds <n>',
      `seeds of the summary run again with client requests (default min(seeds, ${PAPER_REQUEST_SEEDS}); 0: none)`,
      wholeNumber('--request-seeds', 0, LIMITS.seeds),
    )
    .option('--out <dir>', 'output directory', 'out/paper')
    .option('--json', 'print the summary as one JSON object', false)
    .option(
      '--strategies <names>',
      `comma-separated built-in rotation strategies (${Object.keys(ROTATION_STRATEGIES).join(', ')})`,
      'conventional,redundancy-preserving',
    )
    .option(
      '--layout <name>',
      `the paper's initial layout: ${Object.keys(PAPER_LAYOUTS).join(' (the preset) or ')} (its text; they disagree)`,
      'table-1',
    )
    .option('--strategy-file <file>', 'also compare your own strategy class, from a .ts or .js module')
    .option('--export <name>', 'which class of --strategy-file (default: its only RotationStrategy class)')
    .option(
      DECISION_TIMEOUT_OPTION.flags,
      DECISION_TIMEOUT_OPTION.description,
      DECISION_TIMEOUT_OPTION.parse,
      DECISION_TIMEOUT_OPTION.default,
    )
    .action(async (opts) => {
      await runPaper(opts);
    });
}

type PaperOptions = ReturnType<ReturnType<typeof paperCommand>['opts']>;

async function runPaper(opts: PaperOptions): Promise<void> {
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
