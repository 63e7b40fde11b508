/** The action of `scitsim security [SCENARIO]` (./security.ts), loaded when the command runs. */
import type { Newable } from 'inversify';
import { ConfigError } from '../core/errors.js';
import type { RotationStrategy } from '../entities/scit/rotation-strategy.js';
import { PAPER_STRATEGIES } from '../experiments/scit/paper-experiment.js';
import {
  runSecurityStudy,
  SECURITY_STUDY_MARKER,
  type SecurityStudyOptions,
  securityStudyJson,
  securityStudyReport,
  writeSecurityStudy,
} from '../experiments/scit/security-study.js';
import type { TimeDistribution } from '../policies/attacks/options.js';
import type { VmEscapeOptions } from '../policies/attacks/vm-escape.js';
import { checkOutputDir } from '../report/files.js';
import { loadStrategyClass } from '../runs/plugins.js';
import { progressBar } from './progress.js';
import type { SecurityOptions } from './security.js';

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

/** Runs the security study of `scenarioFile` (default: the paper's system) with the parsed options. */
export async function runSecurity(scenarioFile: string | undefined, opts: SecurityOptions): Promise<void> {
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
}
