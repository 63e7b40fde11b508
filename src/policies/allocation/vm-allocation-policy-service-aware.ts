/**
 * Service-aware placement (anti-affinity): spreads each service over as many hosts as possible, which is
 * what SCIT's redundancy level counts. Built for SCIT systems without a written layout, where each VM is
 * created for its first role (`Vm.service`) and placed in turn.
 */
import { injectable } from 'inversify';
import type { Host } from '../../entities/host.js';
import type { Vm } from '../../entities/vm.js';
import type { VmAllocationPolicy } from '../../entities/vm-allocation-policy.js';

/**
 * A VM created for a service goes to the suitable host running the fewest VMs of that service; ties go to
 * the host with the most available MIPS, then to the first in list order. A VM without a service (a SCIT
 * live spare, any CloudSim VM) goes to the suitable host with the most available MIPS (CloudSim's simple
 * policy). Stateless: it reads the hosts' VMs. Cost: O(hosts × VMs per host) per VM.
 */
@injectable()
export class VmAllocationPolicyServiceAware implements VmAllocationPolicy {
  allocateHostForVm(vm: Vm, hosts: readonly Host[]): Host | undefined {
    const service = vm.service;
    let best: Host | undefined;
    let bestSame = Number.POSITIVE_INFINITY;
    let bestMips = Number.NEGATIVE_INFINITY;
    for (const host of hosts) {
      if (!host.isSuitableForVm(vm)) continue;
      const same = service === undefined ? 0 : countService(host, service);
      const mips = host.availableMips;
      if (same < bestSame || (same === bestSame && mips > bestMips)) {
        best = host;
        bestSame = same;
        bestMips = mips;
      }
    }
    return best;
  }
}

function countService(host: Host, service: string): number {
  let count = 0;
  for (const vm of host.vms) if (vm.service === service) count++;
  return count;
}
