/**
 * Assembles one SCIT system in a simulation: the SCIT VMs from the validated layout, the tolerance
 * controller (with the given strategy) and the central controller entity.
 */
import type { Simulation } from '../../core/simulation.js';
import { CentralController, type CentralControllerOptions } from './central-controller.js';
import type { ResolvedScitConfig } from './config.js';
import type { RotationStrategy } from './rotation-strategy.js';
import { ScitVm } from './scit-vm.js';
import { ToleranceController } from './tolerance-controller.js';

/** Name of the random stream handed to the rotation strategy. */
export const ROTATION_STREAM = 'scit.rotation';

/** The parts of an assembled SCIT system. */
export interface ScitSystem<V = unknown> {
  readonly config: ResolvedScitConfig;
  readonly vms: readonly ScitVm<V>[];
  readonly tolerance: ToleranceController;
  readonly controller: CentralController;
}

/**
 * Builds the system. VM ids follow the layout order (host by host, slot by slot). `cloudVms`, when
 * given, attaches the underlying cloud VM object of each SCIT VM (same order).
 */
export function buildScitSystem<V = unknown>(
  sim: Simulation,
  config: ResolvedScitConfig,
  strategy: RotationStrategy,
  options: CentralControllerOptions = {},
  cloudVms?: readonly V[],
): ScitSystem<V> {
  const vms: ScitVm<V>[] = [];
  config.layout.forEach((host, hostId) => {
    for (const slot of host) vms.push(new ScitVm<V>(vms.length, hostId, slot, sim, cloudVms?.[vms.length]));
  });
  const tolerance = new ToleranceController(
    config,
    vms.map((vm) => vm.hostId),
    strategy,
    sim.random(ROTATION_STREAM),
  );
  const controller = new CentralController(sim, config, vms, tolerance, options);
  return { config, vms, tolerance, controller };
}
