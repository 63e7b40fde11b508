/** First fit: the first host, in list order, that can take the VM. */
import { injectable } from 'inversify';
import type { Host } from '../../entities/host.js';
import type { Vm } from '../../entities/vm.js';
import type { VmAllocationPolicy } from '../../entities/vm-allocation-policy.js';

/** The first suitable host in list order. Stateless. */
@injectable()
export class VmAllocationPolicyFirstFit implements VmAllocationPolicy {
  allocateHostForVm(vm: Vm, hosts: readonly Host[]): Host | undefined {
    return hosts.find((host) => host.isSuitableForVm(vm));
  }
}
