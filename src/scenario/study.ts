/**
 * Where a security study's policies come from, as plain data: a `scit` scenario file (its system,
 * strategies, allocation policy, vm-escape attack and `security` block), built-in strategy names that
 * replace the scenario's, and a strategy file to compare as well. `scitsim security` builds its study
 * from one, and so does each of its worker threads (`study-worker.ts`): the same function, the same
 * policies.
 */
import { availableParallelism } from 'node:os';
import type { Newable } from 'inversify';
import { ConfigError } from '../core/errors.js';
import { packageFileUrl } from '../core/package-files.js';
import type { RotationStrategy } from '../entities/scit/rotation-strategy.js';
import { PAPER_STRATEGIES } from '../experiments/scit/paper-experiment.js';
import {
  runSecurityStudy,
  type SecurityStudyOptions,
  type SecurityStudyResult,
} from '../experiments/scit/security-study.js';
import {
  runSecurityStudyOnWorkers,
  type StudyPolicies,
  StudyTaskRunner,
} from '../experiments/scit/study-pool.js';
import type { VmEscapeOptions } from '../policies/attacks/vm-escape.js';
import { createRunContainer } from '../runs/container.js';
import { loadStrategyClass } from '../runs/plugins.js';
import { loadScenario } from './load.js';
import { scenarioPolicies, scenarioScitConfig, securitySettingsOf } from './scit.js';

/** A study's policies as plain data (see the module doc). */
export interface StudySource {
  /** A `scit` scenario file (default: the paper's system, its strategies and the preset attack). */
  readonly scenarioFile?: string;
  /** Built-in strategy names, replacing the scenario's. */
  readonly strategies?: readonly string[];
  /** A module whose rotation strategy class is compared too, and which of its exports. */
  readonly strategyFile?: string;
  readonly export?: string;
}

/** A `scit` scenario's study options (its system, strategies, vm-escape attack and `security` block). */
async function scenarioStudyOptions(file: string): Promise<SecurityStudyOptions> {
  const { scenario } = await loadScenario(file);
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

/**
 * The study options of `source`, with its container and its strategies in order (the scenario's or
 * the named ones, then the strategy file's class).
 */
export async function studyOptionsOf(
  source: StudySource,
): Promise<SecurityStudyOptions & Required<Pick<SecurityStudyOptions, 'container' | 'strategies'>>> {
  const fromScenario =
    source.scenarioFile === undefined ? {} : await scenarioStudyOptions(source.scenarioFile);
  const strategies: (string | Newable<RotationStrategy>)[] =
    source.strategies !== undefined
      ? [...source.strategies]
      : [...(fromScenario.strategies ?? PAPER_STRATEGIES)];
  if (source.strategyFile !== undefined)
    strategies.push(await loadStrategyClass(source.strategyFile, source.export));
  return { ...fromScenario, container: fromScenario.container ?? createRunContainer(), strategies };
}

/** Options of {@link runSecurityStudyOf}: the study's settings over the source's, and how it runs. */
export interface StudyOfSourceOptions extends Omit<SecurityStudyOptions, 'container' | 'strategies'> {
  /** Worker threads (default: the machine's cores); 1 runs in this thread. The result is the same. */
  workers?: number;
  /** Seconds a strategy may take over one decision in a worker thread before the study stops (default 10). */
  decisionTimeoutSeconds?: number;
  /** Wall clock in milliseconds, for the workers' watchdog (the library reads no clock itself). */
  clockMillis: () => number;
}

/**
 * The security study of `source`: its scenario's settings, with `options` over them (`attack` and
 * `security` field by field), run on worker threads that build the same policies from the source.
 */
export async function runSecurityStudyOf(
  source: StudySource,
  options: StudyOfSourceOptions,
): Promise<SecurityStudyResult> {
  const { workers = availableParallelism(), decisionTimeoutSeconds, clockMillis, ...settings } = options;
  const fromSource = await studyOptionsOf(source);
  const study: SecurityStudyOptions = {
    ...fromSource,
    ...settings,
    attack: { ...fromSource.attack, ...settings.attack },
    security: { ...fromSource.security, ...settings.security },
  };
  if (workers <= 1) return runSecurityStudy(study);
  return runSecurityStudyOnWorkers(study, {
    workers,
    workerFile: STUDY_WORKER_FILE,
    workerData: { source },
    ...(decisionTimeoutSeconds === undefined ? {} : { decisionTimeoutSeconds }),
    clockMillis,
  });
}

/** What a study's worker thread receives once: the source, and the strategy names it must build. */
export interface StudyWorkerData {
  readonly source: StudySource;
  readonly strategies: readonly string[];
}

/** The task runner of a study's worker thread (`bin/study-worker.mjs`). */
export function studyTaskRunner(data: StudyWorkerData): StudyTaskRunner {
  return new StudyTaskRunner(
    data.strategies,
    async (): Promise<StudyPolicies> => studyOptionsOf(data.source),
  );
}

/** The worker module of a study whose policies come from a {@link StudySource}. */
export const STUDY_WORKER_FILE = packageFileUrl('bin/study-worker.mjs');
