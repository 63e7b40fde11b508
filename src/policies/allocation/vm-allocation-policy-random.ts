/**
 * Random: a host drawn uniformly among those that can take the VM, from the simulation's seeded
 * stream `policies.allocation.random` (same seed ⇒ same placements).
 */
import { inject, injectable } from 'inversify';
import { type RandomStream, SIMULATION, type Simulation } from '../../core/index.js';
import type { Host } from '../../entities/host.js';
import type { Vm } from '../../entities/vm.js';
import type { VmAllocationPolicy } from '../../entities/vm-allocation-policy.js';

/** Name of the random stream this policy draws from. */
export const RANDOM_ALLOCATION_STREAM = 'policies.allocation.random';

/** Uniform among suitable hosts, seeded. */
@injectable()
export class VmAllocationPolicyRandom implements VmAllocationPolicy {
  private readonly random: RandomStream;

  constructor(@inject(SIMULATION) sim: Simulation) {
    this.random = sim.random(RANDOM_ALLOCATION_STREAM);
  }

  allocateHostForVm(vm: Vm, hosts: readonly Host[]): Host | undefined {
    const suitable = hosts.filter((host) => host.isSuitableForVm(vm));
    return suitable.length === 0 ? undefined : this.random.choice(suitable);
  }
}
