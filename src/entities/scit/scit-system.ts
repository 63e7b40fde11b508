/**
 * Assembles one SCIT system in a simulation: the SCIT VMs from the validated layout, the tolerance
 * controller (with the given strategy) and the central controller entity.
 */
import type { Simulation } from '../../core/simulation.js';
import { CentralController, type CentralControllerOptions } from './central-controller.js';
import type { ResolvedScitConfig } from './config.js';
import type { RotationStrategy } from './rotation-strategy.js';
import { ScitFleet, ScitVm } from './scit-vm.js';
import { ToleranceController } from './tolerance-controller.js';
import { VmRecords } from './vm-records.js';

/** Name of the random stream handed to the rotation strategy. */
export const ROTATION_STREAM = 'scit.rotation';

/** The parts of an assembled SCIT system. */
export interface ScitSystem<V = unknown> {
  readonly config: ResolvedScitConfig;
  /** The VMs' states (what `vms` are views of). */
  readonly fleet: ScitFleet;
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
  const hostIds: number[] = [];
  const slots = config.layout.flatMap((host, hostId) =>
    host.map((slot) => {
      hostIds.push(hostId);
      return slot;
    }),
  );
  const records = new VmRecords(hostIds);
  const fleet = new ScitFleet(sim, records, slots);
  const vms = hostIds.map((hostId, id) => new ScitVm<V>(id, hostId, fleet, cloudVms?.[id]));
  const tolerance = new ToleranceController(config, hostIds, strategy, sim.random(ROTATION_STREAM), records);
  const controller = new CentralController(sim, config, fleet, tolerance, options);
  return { config, fleet, vms, tolerance, controller };
}
