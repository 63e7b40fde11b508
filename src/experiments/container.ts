/**
 * The composition root: the one place where concrete policies are chosen. Every other layer depends
 * on interfaces and typed tokens only.
 *
 * @example Swap a policy for one run
 * ```ts
 * const container = createRunContainer({ seed: 42 });
 * container.rebind(VM_ALLOCATION_POLICY).to(VmAllocationPolicyFirstFit);   // CloudSim layer
 * container.rebind(ROTATION_STRATEGY).to(MyRotationStrategy);               // SCIT layer
 * const sim = container.get(SIMULATION);
 * ```
 */
import { Container, type ContainerModule } from 'inversify';
import { coreModule } from '../core/di.js';
import type { SimulationOptions } from '../core/simulation.js';
import { cloudSimPoliciesModule } from '../policies/cloudsim-module.js';
import { scitModule } from '../policies/scit/module.js';

/** Options of {@link createRunContainer}. */
export interface RunContainerOptions extends SimulationOptions {
  /** Built-in rotation strategy bound to `ROTATION_STRATEGY` (default `redundancy-preserving`). */
  rotation?: string;
  /** Extra modules loaded after the defaults (their bindings must not repeat a default's: use rebind). */
  modules?: readonly ContainerModule[];
}

/**
 * A container for one run: the kernel (`SIMULATION`, one per container), the CloudSim default
 * policies (VmAllocationPolicySimple, time-shared schedulers) and the SCIT rotation strategy.
 */
export function createRunContainer(options: RunContainerOptions = {}): Container {
  const { rotation, modules, ...simulation } = options;
  const container = new Container();
  container.load(coreModule(simulation), cloudSimPoliciesModule(), scitModule(rotation), ...(modules ?? []));
  return container;
}
