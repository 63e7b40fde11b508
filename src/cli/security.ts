import { Command } from '@commander-js/extra-typings';
import {
  STUDY_EXPOSURES,
  STUDY_INTERVALS,
  STUDY_PRESET_SEEDS,
  STUDY_SCHEDULES,
  STUDY_SEEDS,
} from '../experiments/scit/experiment-defaults.js';
import { ROTATION_STRATEGY_NAMES } from '../policies/scit/strategy-names.js';
import { LIMITS } from '../runs/run-limits.js';
import { sweepWorkersLimit } from '../sweep/limits.js';
import { DECISION_TIMEOUT_OPTION, wholeNumber } from './args.js';

/** A list of seconds (`30,60,120`); each value is checked by the library, which names it. */
const secondsList = (text: string): number[] => text.split(',').map((part) => Number(part.trim()));
/** A number of seconds, checked by the library (NaN included, so the message names the value). */
const secondsValue = (text: string): number => Number(text);

/** The security study as a command (`scitsim security [SCENARIO]`). */
export function securityCommand() {
  return new Command('security')
    .description(
      'MTTSF and availability under VM-escape attacks of a scit scenario (default: the paper’s system): ' +
        'figures against E and the attack interval, the Markov chain beside the simulation, and the ' +
        'preset’s full summary',
    )
    .argument('[scenario]', 'a "scit" scenario file; its "security" block sets the study (flags override it)')
    .option(
      '--seeds <n>',
      `seeds per point and strategy (default ${STUDY_SEEDS})`,
      wholeNumber('--seeds', 1, LIMITS.seeds),
    )
    .option(
      '--preset-seeds <n>',
      `seeds of the preset’s full summary (default ${STUDY_PRESET_SEEDS})`,
      wholeNumber('--preset-seeds', 1, LIMITS.seeds),
    )
    .option(
      '--schedules <n>',
      `rotation schedules the Markov chain averages over (default ${STUDY_SCHEDULES}; 0: no chain)`,
      wholeNumber('--schedules', 0, LIMITS.seeds),
    )
    .option(
      '--exposures <list>',
      `exposure times E of the first sweep (s; default ${STUDY_EXPOSURES.join(',')})`,
      secondsList,
    )
    .option(
      '--intervals <list>',
      `mean attack intervals A of the second sweep (s; default ${STUDY_INTERVALS.join(',')})`,
      secondsList,
    )
    .option(
      '--until-every-service-fails',
      'preset runs last until every service has failed (per-service MTTSF observed, slow when a service rarely fails)',
    )
    .option('--attack-interval <s>', 'mean attack interval A of the preset (s)', secondsValue)
    .option('--escape <s>', 'escape time D (s)', secondsValue)
    .option('--escape-distribution <kind>', 'fixed or exponential')
    .option('--recovery <s>', 'recovery time R (s)', secondsValue)
    .option('--recovery-distribution <kind>', 'fixed or exponential')
    .option(
      '--workers <n>',
      'worker threads that run the seeds (default: the machine’s cores; results are the same for any number)',
      wholeNumber('--workers', 1, sweepWorkersLimit()),
    )
    .option('--out <dir>', 'output directory', 'out/security')
    .option('--json', 'print the summary as one JSON object', false)
    .option(
      '--strategies <names>',
      `comma-separated built-in rotation strategies (${ROTATION_STRATEGY_NAMES.join(', ')}; default: the scenario’s, or conventional,redundancy-preserving)`,
    )
    .option('--strategy-file <file>', 'also compare your own strategy class, from a .ts or .js module')
    .option('--export <name>', 'which class of --strategy-file (default: its only RotationStrategy class)')
    .option(
      DECISION_TIMEOUT_OPTION.flags,
      DECISION_TIMEOUT_OPTION.description,
      DECISION_TIMEOUT_OPTION.parse,
      DECISION_TIMEOUT_OPTION.default,
    )
    .action(async (scenarioFile, opts) => {
      // The study's modules load only when it runs (not for --help or a usage error).
      const { runSecurity } = await import('./security-action.js');
      await runSecurity(scenarioFile, opts);
    });
}

export type SecurityOptions = ReturnType<ReturnType<typeof securityCommand>['opts']>;
