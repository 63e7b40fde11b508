import { Command } from '@commander-js/extra-typings';
import { PAPER_LAYOUTS } from '../entities/scit/paper-system.js';
import { PAPER_REQUEST_SEEDS } from '../experiments/scit/experiment-defaults.js';
import { ROTATION_STRATEGY_NAMES } from '../policies/scit/strategy-names.js';
import { LIMITS, SEED_LIMIT } from '../runs/run-limits.js';
import { DECISION_TIMEOUT_OPTION, wholeNumber } from './args.js';

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
      `comma-separated built-in rotation strategies (${ROTATION_STRATEGY_NAMES.join(', ')})`,
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
      // The experiment's modules load only when it runs (not for --help or a usage error).
      const { runPaper } = await import('./paper-action.js');
      await runPaper(opts);
    });
}

export type PaperOptions = ReturnType<ReturnType<typeof paperCommand>['opts']>;
