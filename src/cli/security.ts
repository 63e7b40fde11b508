import { Command } from '@commander-js/extra-typings';
import type { Newable } from 'inversify';
import { ConfigError } from '../core/errors.js';
import type { RotationStrategy } from '../entities/scit/rotation-strategy.js';
import { PAPER_STRATEGIES } from '../experiments/scit/paper-experiment.js';
import {
  runSecurityStudy,
  SECURITY_STUDY_MARKER,
  type SecurityStudyOptions,
  STUDY_EXPOSURES,
  STUDY_INTERVALS,
  STUDY_PRESET_SEEDS,
  STUDY_SCHEDULES,
  STUDY_SEEDS,
  securityStudyJson,
  securityStudyReport,
  writeSecurityStudy,
} from '../experiments/scit/security-study.js';
import type { TimeDistribution } from '../policies/attacks/options.js';
import type { VmEscapeOptions } from '../policies/attacks/vm-escape.js';
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

/** A `scit` scenario's study options (its system, strategies, vm-escape attack and `security` block). */
async function scenarioStudyOptions(file: string): Promise<SecurityStudyOptions> {
  const [{ loadScenario }, { scenarioPolicies, scenarioScitConfig, securitySettingsOf }] = await Promise.all([
    import('../scenario/load.js'),
    import('../scenario/scit.js'),
  ]);
  const loaded = await loadScenario(file);
  const { scenario } = loaded;
  if (scenario.kind !== 'scit')
    throw new ConfigError('kind', scenario.kind, 'the security study needs a "scit" scenario');
  const { container, strategies, attack } = await scenarioPolicies(scenario, file);
  if (scenario.attack !== null && scenario.attack.model !== 'vm-escape')
    throw new ConfigError(
      'attack.model',
      scenario.attack.model,
      'the security study models vm-escape attacks only',
    );
  const security = scenario.security ?? {};
  const { seeds: _seeds, ...runSettings } = securitySettingsOf(security);
  return {
    container,
    config: scenarioScitConfig(scenario),
    systemName: scenario.name ?? file,
    strategies,
    ...(attack === null ? {} : { attack: attack as Partial<VmEscapeOptions> }),
    ...(security.seeds === undefined ? {} : { seeds: security.seeds }),
    ...(security.presetSeeds === undefined ? {} : { presetSeeds: security.presetSeeds }),
    ...(security.schedules === undefined ? {} : { schedules: security.schedules }),
    ...(security.exposures === undefined ? {} : { exposures: security.exposures }),
    ...(security.attackIntervals === undefined ? {} : { intervals: security.attackIntervals }),
    security: runSettings,
  };
}

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
    .option('--out <dir>', 'output directory', 'out/security')
    .option('--json', 'print the summary as one JSON object', false)
    .option(
      '--strategies <names>',
      `comma-separated built-in rotation strategies (${Object.keys(ROTATION_STRATEGIES).join(', ')}; default: the scenario’s, or conventional,redundancy-preserving)`,
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
      const fromScenario = scenarioFile === undefined ? {} : await scenarioStudyOptions(scenarioFile);
      await checkOutputDir(opts.out, '--out', [SECURITY_STUDY_MARKER]);
      const strategies: (string | Newable<RotationStrategy>)[] =
        opts.strategies !== undefined
          ? opts.strategies.split(',').map((name) => name.trim())
          : [...(fromScenario.strategies ?? PAPER_STRATEGIES)];
      if (opts.strategyFile !== undefined)
        strategies.push(await loadStrategyClass(opts.strategyFile, opts.export));
      const attack = {
        ...fromScenario.attack,
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
            ...fromScenario,
            strategies,
            attack,
            ...(opts.seeds === undefined ? {} : { seeds: opts.seeds }),
            ...(opts.presetSeeds === undefined ? {} : { presetSeeds: opts.presetSeeds }),
            ...(opts.schedules === undefined ? {} : { schedules: opts.schedules }),
            ...(opts.exposures === undefined ? {} : { exposures: opts.exposures }),
            ...(opts.intervals === undefined ? {} : { intervals: opts.intervals }),
            security: {
              ...fromScenario.security,
              ...(opts.untilEveryServiceFails === true ? { horizonBasis: 'every-service' as const } : {}),
            },
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
