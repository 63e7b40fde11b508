/**
 * Space-shared VM scheduler (CloudSim's VmSchedulerSpaceShared): each virtual PE of a VM takes a whole
 * free physical PE for itself (one that delivers at least the MIPS asked for); a PE serves one VM at a
 * time. The VM gets the MIPS it asked for on each of its PEs.
 */
import type { Pe } from '../../entities/pe.js';
import type { Vm } from '../../entities/vm.js';
import type { VmScheduler } from '../../entities/vm-scheduler.js';
import { summarizePes } from './share.js';

/** Gives each virtual PE a physical PE of its own. */
export class VmSchedulerSpaceShared implements VmScheduler {
  readonly peCapacity: number;
  private readonly owner: (Vm | undefined)[];
  private readonly allocations = new Map<Vm, readonly number[]>();
  private freeMips: number;

  constructor(readonly pes: readonly Pe[]) {
    const { totalMips: total, peCapacity } = summarizePes(pes);
    this.owner = new Array<Vm | undefined>(pes.length).fill(undefined);
    this.freeMips = total;
    this.peCapacity = peCapacity;
  }

  get availableMips(): number {
    return this.freeMips;
  }

  /** Number of physical PEs not given to any VM. */
  get freePes(): number {
    let free = 0;
    for (const owner of this.owner) if (owner === undefined) free++;
    return free;
  }

  canAllocate(vm: Vm, mipsShare: readonly number[]): boolean {
    return this.choosePes(vm, mipsShare) !== undefined;
  }

  allocatePesForVm(vm: Vm, mipsShare: readonly number[]): boolean {
    const chosen = this.choosePes(vm, mipsShare);
    if (chosen === undefined) return false;
    this.deallocatePesForVm(vm);
    for (const index of chosen) this.owner[index] = vm;
    this.allocations.set(vm, mipsShare.slice());
    for (const mips of mipsShare) this.freeMips -= mips;
    return true;
  }

  deallocatePesForVm(vm: Vm): void {
    const held = this.allocations.get(vm);
    if (held === undefined) return;
    for (let i = 0; i < this.owner.length; i++) if (this.owner[i] === vm) this.owner[i] = undefined;
    for (const mips of held) this.freeMips += mips;
    this.allocations.delete(vm);
  }

  allocatedMipsForVm(vm: Vm): readonly number[] {
    return this.allocations.get(vm) ?? EMPTY;
  }

  /** Indices of free PEs (or PEs `vm` already holds) that can serve each requested share, first fit. */
  private choosePes(vm: Vm, mipsShare: readonly number[]): number[] | undefined {
    const chosen: number[] = [];
    for (const mips of mipsShare) {
      let found = -1;
      for (let i = 0; i < this.pes.length; i++) {
        const owner = this.owner[i];
        if ((owner === undefined || owner === vm) && !chosen.includes(i) && this.pes[i].mips >= mips) {
          found = i;
          break;
        }
      }
      if (found < 0) return undefined;
      chosen.push(found);
    }
    return chosen;
  }
}

const EMPTY: readonly number[] = Object.freeze([]);
