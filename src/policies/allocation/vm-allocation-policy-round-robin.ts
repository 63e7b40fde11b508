/**
 * Round robin: starts looking at the host after the one chosen last time and takes the first that
 * can take the VM (wrapping around). Keeps state, so each datacenter needs its own instance (the
 * default DI binding is transient).
 */
import { injectable } from 'inversify';
import type { Host } from '../../entities/host.js';
import type { Vm } from '../../entities/vm.js';
import type { VmAllocationPolicy } from '../../entities/vm-allocation-policy.js';

/** Cycles through the hosts. */
@injectable()
export class VmAllocationPolicyRoundRobin implements VmAllocationPolicy {
  /** Index of the next host to try first. */
  private next = 0;

  allocateHostForVm(vm: Vm, hosts: readonly Host[]): Host | undefined {
    const count = hosts.length;
    for (let step = 0; step < count; step++) {
      const index = (this.next + step) % count;
      const host = hosts[index];
      if (host.isSuitableForVm(vm)) {
        this.next = (index + 1) % count;
        return host;
      }
    }
    return undefined;
  }
}
