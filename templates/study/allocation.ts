/**
 * Your VM allocation policy. Without a "layout" in scenario.json it decides the initial layout: each
 * VM, created for its first role, goes to the suitable host running the fewest VMs of its service
 * (anti-affinity; ties: the first host). `npm test` runs the allocation contract on it
 * (check-allocation.ts).
 */
import { type Host, injectable, type Vm, type VmAllocationPolicy } from 'scitsim';

@injectable()
export class FewestOfItsService implements VmAllocationPolicy {
  allocateHostForVm(vm: Vm, hosts: readonly Host[]): Host | undefined {
    const same = (host: Host) => host.vms.filter((other) => other.service === vm.service).length;
    let best: Host | undefined;
    for (const host of hosts)
      if (host.isSuitableForVm(vm) && (best === undefined || same(host) < same(best))) best = host;
    return best;
  }
}
