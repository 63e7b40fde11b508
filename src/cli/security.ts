import { Command } from '@commander-js/extra-typings';
import type { Newable } from 'inversify';
import type { RotationStrategy } from '../entities/scit/rotation-strategy.js';
import {
  runSecurityStudy,
  SECURITY_STUDY_MARKER,
  STUDY_EXPOSURES,
  STUDY_INTERVALS,
  securityStudyJson,
  securityStudyReport,
  writeSecurityStudy,
} from '../experiments/scit/security-study.js';
import type { TimeDistribution } from '../policies/attacks/options.js';
import { ROTATION_STRATEGIES } from '../policies/scit/module.js';
import { checkOutputDir } from '../report/files.js';
import { loadStrategyClass } from '../runs/plugins.js';
import { LIMITS } from '../runs/run-limits.js';
import { DECISION_TIMEOUT_OPTION, wholeNumber } from './args.js';
import { progressBar } from './progress.js';

/** A list of seconds (`30,60,120`); each value is checked by the library, which names it. */
const secondsList = (text: string): number[] => text.split(',').map((part) => Number(part.trim()));
/** A number of seconds, checked by the library (NaN included, so the message names the value). */
const secondsValue = (text: string): number => Number(text);

/** The security study as a command (`scitsim security`). */
export function securityCommand() {
  return new Command('security')
    .description(
      'MTTSF and availability under VM-escape attacks: figures against E and the attack interval, ' +
        'the Markov chain beside the simulation, and the preset’s full summary',
    )
    .option('--seeds <n>', 'seeds per point and strategy', wholeNumber('--seeds', 1, LIMITS.seeds), 200)
    .option(
      '--preset-seeds <n>',
      'seeds of the preset’s full summary',
      wholeNumber('--preset-seeds', 1, LIMITS.seeds),
      400,
    )
    .option(
      '--schedules <n>',
      'rotation schedules the Markov chain averages over',
      wholeNumber('--schedules', 1, LIMITS.seeds),
      10,
    )
    .option('--exposures <list>', 'exposure times E of the first sweep (s)', secondsList, [
      ...STUDY_EXPOSURES,
    ])
    .option('--intervals <list>', 'mean attack intervals A of the second sweep (s)', secondsList, [
      ...STUDY_INTERVALS,
    ])
    .option('--attack-interval <s>', 'mean attack interval A of the preset (s)', secondsValue)
    .option('--escape <s>', 'escape time D (s)', secondsValue)
    .option('--escape-distribution <kind>', 'fixed or exponential')
    .option('--recovery <s>', 'recovery time R (s)', secondsValue)
    .option('--recovery-distribution <kind>', 'fixed or exponential')
    .option('--out <dir>', 'output directory', 'out/security')
    .option('--json', 'print the summary as one JSON object', false)
    .option(
      '--strategies <names>',
      `comma-separated built-in rotation strategies (${Object.keys(ROTATION_STRATEGIES).join(', ')})`,
      'conventional,redundancy-preserving',
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
      await checkOutputDir(opts.out, '--out', [SECURITY_STUDY_MARKER]);
      const strategies: (string | Newable<RotationStrategy>)[] = opts.strategies
        .split(',')
        .map((name) => name.trim());
      if (opts.strategyFile !== undefined)
        strategies.push(await loadStrategyClass(opts.strategyFile, opts.export));
      const attack = {
        ...(opts.attackInterval === undefined ? {} : { meanIntervalSeconds: opts.attackInterval }),
        ...(opts.escape === undefined ? {} : { escapeSeconds: opts.escape }),
        ...(opts.escapeDistribution === undefined
          ? {}
          : { escapeDistribution: opts.escapeDistribution as TimeDistribution }),
        ...(opts.recovery === undefined ? {} : { recoverySeconds: opts.recovery }),
        ...(opts.recoveryDistribution === undefined
          ? {}
          : { recoveryDistribution: opts.recoveryDistribution as TimeDistribution }),
      };
      const bar = process.stderr.isTTY
        ? await progressBar('security [{bar}] {value}/{total} runs, ETA {eta_formatted}')
        : undefined;
      let started = false;
      const result = (() => {
        try {
          return runSecurityStudy({
            strategies,
            attack,
            seeds: opts.seeds,
            presetSeeds: opts.presetSeeds,
            schedules: opts.schedules,
            exposures: opts.exposures,
            intervals: opts.intervals,
            onProgress: bar
              ? (done, total) => {
                  if (!started) bar.start(total, 0);
                  started = true;
                  bar.update(done);
                }
              : undefined,
          });
        } finally {
          bar?.stop();
        }
      })();
      const files = await writeSecurityStudy(result, opts.out);
      if (opts.json) {
        console.log(JSON.stringify(securityStudyJson(result)));
        return;
      }
      console.log(securityStudyReport(result, files));
    });
}
