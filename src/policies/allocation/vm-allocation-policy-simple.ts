/**
 * CloudSim 7.0.1's VmAllocationPolicySimple: the host with the most available MIPS wins (strictly
 * greater, so ties go to the first host in list order; a host with no free MIPS is never chosen); if
 * that host cannot take the VM, it is excluded and the choice repeats among the others.
 */
import { injectable } from 'inversify';
import type { Host } from '../../entities/host.js';
import type { Vm } from '../../entities/vm.js';
import type { VmAllocationPolicy } from '../../entities/vm-allocation-policy.js';

/** Worst fit by available MIPS, with exclude-and-retry. Stateless. */
@injectable()
export class VmAllocationPolicySimple implements VmAllocationPolicy {
  allocateHostForVm(vm: Vm, hosts: readonly Host[]): Host | undefined {
    const excluded = new Set<Host>();
    for (let tries = 0; tries < hosts.length; tries++) {
      const candidate = mostAvailableMips(hosts, excluded);
      if (candidate === undefined) return undefined;
      if (candidate.isSuitableForVm(vm)) return candidate;
      excluded.add(candidate);
    }
    return undefined;
  }
}

function mostAvailableMips(hosts: readonly Host[], excluded: ReadonlySet<Host>): Host | undefined {
  let best: Host | undefined;
  let bestMips = 0;
  for (const host of hosts) {
    if (excluded.has(host)) continue;
    const mips = host.availableMips;
    if (mips > bestMips) {
      bestMips = mips;
      best = host;
    }
  }
  return best;
}
