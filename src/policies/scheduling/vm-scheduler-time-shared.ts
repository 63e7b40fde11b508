/**
 * Time-shared VM scheduler (CloudSim's VmSchedulerTimeShared, without over-subscription): a VM gets
 * the MIPS it asks for on each of its virtual PEs as long as no virtual PE asks for more than one
 * physical PE delivers, the VM has no more virtual PEs than the host has PEs, and the host still has
 * that many MIPS free in total. Several VMs can share one physical PE.
 */
import type { Pe } from '../../entities/pe.js';
import type { Vm } from '../../entities/vm.js';
import type { VmScheduler } from '../../entities/vm-scheduler.js';
import { summarizePes } from './share.js';

/** Shares the host's MIPS among VMs; a PE can serve several VMs. */
export class VmSchedulerTimeShared implements VmScheduler {
  readonly peCapacity: number;
  private readonly allocations = new Map<Vm, readonly number[]>();
  private freeMips: number;

  constructor(readonly pes: readonly Pe[]) {
    const { totalMips: total, peCapacity } = summarizePes(pes);
    this.freeMips = total;
    this.peCapacity = peCapacity;
  }

  get availableMips(): number {
    return this.freeMips;
  }

  canAllocate(vm: Vm, mipsShare: readonly number[]): boolean {
    if (mipsShare.length > this.pes.length) return false;
    let total = 0;
    for (const mips of mipsShare) {
      if (mips > this.peCapacity) return false;
      total += mips;
    }
    return this.freeMips + sum(this.allocations.get(vm)) >= total;
  }

  allocatePesForVm(vm: Vm, mipsShare: readonly number[]): boolean {
    if (!this.canAllocate(vm, mipsShare)) return false;
    this.deallocatePesForVm(vm);
    this.allocations.set(vm, mipsShare.slice());
    this.freeMips -= sum(mipsShare);
    return true;
  }

  deallocatePesForVm(vm: Vm): void {
    const held = this.allocations.get(vm);
    if (held === undefined) return;
    this.freeMips += sum(held);
    this.allocations.delete(vm);
  }

  allocatedMipsForVm(vm: Vm): readonly number[] {
    return this.allocations.get(vm) ?? EMPTY;
  }
}

const EMPTY: readonly number[] = Object.freeze([]);

function sum(values: readonly number[] | undefined): number {
  let total = 0;
  if (values !== undefined) for (const value of values) total += value;
  return total;
}
