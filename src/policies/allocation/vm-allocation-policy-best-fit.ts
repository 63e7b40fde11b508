/**
 * Best fit: among the hosts that can take the VM, the one with the least available MIPS (the
 * tightest fit); ties go to the first in list order. Packs VMs onto few hosts.
 */
import { injectable } from 'inversify';
import type { Host } from '../../entities/host.js';
import type { Vm } from '../../entities/vm.js';
import type { VmAllocationPolicy } from '../../entities/vm-allocation-policy.js';

/** The suitable host with the least available MIPS. Stateless. */
@injectable()
export class VmAllocationPolicyBestFit implements VmAllocationPolicy {
  allocateHostForVm(vm: Vm, hosts: readonly Host[]): Host | undefined {
    let best: Host | undefined;
    for (const host of hosts) {
      if (!host.isSuitableForVm(vm)) continue;
      if (best === undefined || host.availableMips < best.availableMips) best = host;
    }
    return best;
  }
}
