/**
 * The composition root: the one place where the layers' default modules are put together. Every run —
 * a script, the paper experiment, a CloudSim example, the scale scenario, the exact Markov analysis,
 * the spec checker — is assembled from a container made here, so a researcher's `rebind` changes every
 * run built from that container.
 *
 * Lifetimes: policies (allocation, rotation strategy, attack model, request routing) are bound in
 * transient scope and resolved once per run, so two runs never share mutable policy state. A run's
 * simulation comes from a {@link RunScope}: a child container whose `SIMULATION` is that run's kernel,
 * so a policy that injects `SIMULATION` gets the simulation of the run it serves.
 *
 * @example Swap policies for every run of an experiment
 * ```ts
 * const container = createRunContainer({ rotation: MyRotationStrategy });   // a class or a built-in name
 * container.rebind(VM_ALLOCATION_POLICY).to(VmAllocationPolicyFirstFit);    // or: { allocation: 'first-fit' }
 * const summary = summarizeSeeds(container, config, { seeds: 100, cycles: 30 });
 * ```
 */
import { Container, type ContainerModule } from 'inversify';
import { coreModule } from '../core/di.js';
import { ConfigError } from '../core/errors.js';
import type { SimulationOptions } from '../core/simulation.js';
import type { RequestRouting } from '../entities/scit/request-routing.js';
import { ROTATION_STRATEGY, type RotationStrategy } from '../entities/scit/rotation-strategy.js';
import type { VmAllocationPolicy } from '../entities/vm-allocation-policy.js';
import type { AttackModel } from '../policies/attacks/attack-model.js';
import { attackModule } from '../policies/attacks/module.js';
import { type CloudletSchedulerChoice, cloudSimPoliciesModule } from '../policies/cloudsim-module.js';
import type { NameOrClass } from '../policies/registry.js';
import { routingModule } from '../policies/routing/module.js';
import { rotationStrategyClass, scitModule } from '../policies/scit/module.js';

/** Options of {@link createRunContainer}. Each policy is a built-in name or a class of your own. */
export interface RunContainerOptions extends SimulationOptions {
  /** Rotation strategy bound to `ROTATION_STRATEGY` (default `redundancy-preserving`). */
  rotation?: NameOrClass<RotationStrategy>;
  /** VM allocation policy bound to `VM_ALLOCATION_POLICY` (default `simple`, CloudSim's). */
  allocation?: NameOrClass<VmAllocationPolicy>;
  /**
   * Cloudlet scheduler of every VM, bound to `CLOUDLET_SCHEDULER_FACTORY`: `time-shared` (default),
   * `time-shared-general` (same numbers, per cloudlet), `space-shared`, or a factory of your own.
   */
  cloudletScheduler?: CloudletSchedulerChoice;
  /** Attack model bound to `ATTACK_MODEL` (default `vm-escape`; attacks run only when a run asks for them). */
  attack?: NameOrClass<AttackModel>;
  /** Request routing bound to `REQUEST_ROUTING` (default `least-loaded`). */
  routing?: NameOrClass<RequestRouting>;
  /** Extra modules loaded after the defaults (their bindings must not repeat a default's: use rebind). */
  modules?: readonly ContainerModule[];
}

/**
 * A container for an experiment: the kernel (`SIMULATION`, one per container, for single-simulation
 * scripts such as the CloudSim examples), the CloudSim policies, the SCIT rotation strategy, the attack
 * model and the request routing.
 */
export function createRunContainer(options: RunContainerOptions = {}): Container {
  const { rotation, allocation, cloudletScheduler, attack, routing, modules, ...simulation } = options;
  const container = new Container();
  const defaults = [
    coreModule(simulation),
    cloudSimPoliciesModule(allocation, cloudletScheduler),
    scitModule(rotation),
    attackModule(attack),
    routingModule(routing),
  ];
  try {
    container.load(...defaults, ...(modules ?? []));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError('createRunContainer', options, `a policy cannot be bound: ${buildFailure(error)}`);
  }
  return container;
}

/**
 * A child of `container` with `ROTATION_STRATEGY` bound to `strategy` (a name or a class); everything
 * else comes from `container`. For comparing strategies under otherwise identical bindings.
 */
export function withRotation(
  container: Container,
  strategy: NameOrClass<RotationStrategy>,
  field = 'strategy',
): Container {
  const child = new Container({ parent: container });
  const implementation = rotationStrategyClass(strategy, field);
  try {
    child.bind(ROTATION_STRATEGY).to(implementation).inTransientScope();
  } catch (error) {
    throw new ConfigError(field, implementation.name, `cannot be bound: ${buildFailure(error)}`);
  }
  return child;
}

/**
 * Why a class could not be bound or built, in one line: the first line of the error, with the remedy
 * for inversify's missing-metadata error (a constructor parameter without `@inject`).
 */
export function buildFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n')[0];
  return /missing metadata/i.test(message)
    ? `${first} (give every constructor parameter an @inject(TOKEN) decorator)`
    : first;
}

export { RunScope } from '../core/run-scope.js';
