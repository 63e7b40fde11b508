/**
 * A `scit` scenario as an experiment: its system, the strategies to compare (built-in or from files),
 * the container's policies (allocation, attack model), requests, seeds and cycles or a horizon — the
 * same experiment `runPaperExperiment` runs for the paper, here for any system.
 */
import type { Container } from 'inversify';
import type { ScitConfig } from '../entities/scit/config.js';
import type { RequestWorkload } from '../entities/scit/request-workload.js';
import type { RotationStrategy } from '../entities/scit/rotation-strategy.js';
import type { PaperExperimentOptions } from '../experiments/scit/paper-experiment.js';
import type { SecuritySettingsInput } from '../experiments/scit/security-settings.js';
import type { AttackModel } from '../policies/attacks/attack-model.js';
import type { NameOrClass } from '../policies/registry.js';
import { createRunContainer } from '../runs/container.js';
import {
  type LoadedScenario,
  resolvePluginRef,
  resolveStrategies,
  SCENARIO_PLUGIN_KINDS,
  scenarioPath,
} from './load.js';
import type { ScitScenario, SecurityScenario } from './schema.js';

/** The SCIT configuration of a scenario (what `resolveScitConfig` checks further). */
export function scenarioScitConfig(scenario: ScitScenario): ScitConfig {
  return {
    hosts: typeof scenario.hosts === 'number' ? scenario.hosts : scenario.hosts.map(({ vms }) => ({ vms })),
    ...(scenario.vmsPerHost === undefined ? {} : { vmsPerHost: scenario.vmsPerHost }),
    services: scenario.services.map(({ name, required, minimum, target, exposureSeconds }) => ({
      name,
      required,
      ...(minimum === undefined ? {} : { minimum }),
      ...(target === undefined ? {} : { target }),
      ...(exposureSeconds === undefined ? {} : { exposureSeconds }),
    })),
    exposureSeconds: scenario.exposureSeconds,
    cleansingSeconds: scenario.cleansingSeconds,
    graceSeconds: scenario.graceSeconds,
    ...(scenario.graceCountsTowardLevel === undefined
      ? {}
      : { graceCountsTowardLevel: scenario.graceCountsTowardLevel }),
    ...(scenario.layout === undefined ? {} : { layout: scenario.layout }),
    ...(scenario.firstExpirySeconds === undefined ? {} : { firstExpirySeconds: scenario.firstExpirySeconds }),
    ...(scenario.firstExpiryOrder === undefined ? {} : { firstExpiryOrder: scenario.firstExpiryOrder }),
    ...(scenario.firstCleansingDoneSeconds === undefined
      ? {}
      : { firstCleansingDoneSeconds: scenario.firstCleansingDoneSeconds }),
  };
}

/** The settings of a scenario's summary under attack (`run`): the `security` block's run fields. */
export function securitySettingsOf(security: SecurityScenario): SecuritySettingsInput {
  const { seeds, horizonSeconds, windowSeconds, stop, horizonBasis, maxSwitches } = security;
  return Object.fromEntries(
    Object.entries({
      seeds,
      horizonSeconds,
      windowSeconds,
      stopWhen: stop,
      horizonBasis,
      maxSwitches,
    }).filter(([, value]) => value !== undefined),
  ) as SecuritySettingsInput;
}

/** The client load of a scenario: each service's `requests`, at the scenario's VM speed. */
export function scenarioRequests(scenario: ScitScenario): RequestWorkload {
  const services: RequestWorkload['services'] = {};
  for (const service of scenario.services)
    if (service.requests !== undefined) services[service.name] = service.requests;
  return { services, vmMips: scenario.requests.vmMips, queueCapacity: scenario.requests.queueCapacity };
}

/** What a scenario asks of the container: its policies, strategies (loaded) and attack parameters. */
export interface ScenarioPolicies {
  /** A run container with the scenario's allocation policy and attack model. */
  readonly container: Container;
  readonly strategies: NameOrClass<RotationStrategy>[];
  /** The attack model's parameters, or `null` without attacks. */
  readonly attack: unknown;
}

/**
 * Loads the classes a `scit` scenario names (relative to `file`: allocation policy, strategies, attack
 * model) and makes the run container with them.
 */
export async function scenarioPolicies(scenario: ScitScenario, file: string): Promise<ScenarioPolicies> {
  const kinds = SCENARIO_PLUGIN_KINDS;
  const allocation = await resolvePluginRef(scenario.allocation, kinds.allocation, file, 'allocation');
  const strategies = await resolveStrategies(scenario.strategies, file);
  let attack: unknown = null;
  let attackModel: NameOrClass<AttackModel> | undefined;
  if (scenario.attack !== null) {
    const { model, ...parameters } = scenario.attack;
    attackModel = await resolvePluginRef(model, kinds.attack, file, 'attack.model');
    attack = parameters;
  }
  const container = createRunContainer({
    allocation,
    ...(attackModel === undefined ? {} : { attack: attackModel }),
  });
  return { container, strategies, attack };
}

/**
 * The experiment options of a loaded `scit` scenario: a container with its allocation policy and
 * attack model, its strategies (classes loaded from their files) and everything else. `outDir`
 * overrides the scenario's output directory (`null`: write nothing).
 */
export async function scitExperimentOptions(
  loaded: LoadedScenario & { scenario: ScitScenario },
  outDir?: string | null,
): Promise<PaperExperimentOptions> {
  const { scenario, file } = loaded;
  const { container, strategies, attack } = await scenarioPolicies(scenario, file);
  return {
    container,
    config: scenarioScitConfig(scenario),
    systemName: scenario.name,
    strategies,
    seeds: scenario.seeds,
    firstSeed: scenario.firstSeed,
    seed: scenario.seed,
    ...(scenario.horizonSeconds === undefined
      ? { cycles: scenario.cycles ?? 30 }
      : { horizonSeconds: scenario.horizonSeconds }),
    requests: scenarioRequests(scenario),
    requestSeeds: scenario.requests.seeds,
    attack,
    ...(scenario.security === undefined ? {} : { security: securitySettingsOf(scenario.security) }),
    // The scenario's own directory is relative to the scenario file, like every path in it; --out to where
    // the command runs.
    outDir: outDir === undefined ? scenarioPath(file, scenario.output.dir ?? 'out/scenario') : outDir,
  };
}
