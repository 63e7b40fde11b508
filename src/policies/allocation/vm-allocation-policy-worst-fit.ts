/**
 * Worst fit: among the hosts that can take the VM, the one with the most available MIPS; ties go to
 * the first in list order. Spreads VMs over hosts. (Unlike VmAllocationPolicySimple it only looks at
 * suitable hosts, so it never needs to retry.)
 */
import { injectable } from 'inversify';
import type { Host } from '../../entities/host.js';
import type { Vm } from '../../entities/vm.js';
import type { VmAllocationPolicy } from '../../entities/vm-allocation-policy.js';

/** The suitable host with the most available MIPS. Stateless. */
@injectable()
export class VmAllocationPolicyWorstFit implements VmAllocationPolicy {
  allocateHostForVm(vm: Vm, hosts: readonly Host[]): Host | undefined {
    let best: Host | undefined;
    for (const host of hosts) {
      if (!host.isSuitableForVm(vm)) continue;
      if (best === undefined || host.availableMips > best.availableMips) best = host;
    }
    return best;
  }
}
