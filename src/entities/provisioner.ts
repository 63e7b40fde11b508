/**
 * A simple provisioner of one divisible host resource (RAM in MB, bandwidth in Mbps): a VM gets what
 * it asks for if that much is still free, nothing otherwise. CloudSim's RamProvisionerSimple and
 * BwProvisionerSimple behave this way.
 */
import type { Vm } from './vm.js';

/** Allocates one divisible resource of a host among its VMs. */
export class SimpleProvisioner {
  private readonly allocations = new Map<Vm, number>();
  private free: number;

  /** @param capacity total amount of the resource (≥ 0) */
  constructor(readonly capacity: number) {
    this.free = capacity;
  }

  /** Amount not allocated to any VM. */
  get available(): number {
    return this.free;
  }

  /** Amount currently allocated to `vm` (0 if none). */
  allocatedTo(vm: Vm): number {
    return this.allocations.get(vm) ?? 0;
  }

  /** True if `vm` could be given `amount` (counting what it already holds as free). */
  canAllocate(vm: Vm, amount: number): boolean {
    return this.free + this.allocatedTo(vm) >= amount;
  }

  /** Gives `amount` to `vm`, replacing its previous allocation. False (and no change) if too little is free. */
  allocate(vm: Vm, amount: number): boolean {
    if (!this.canAllocate(vm, amount)) return false;
    this.release(vm);
    this.free -= amount;
    this.allocations.set(vm, amount);
    return true;
  }

  /** Frees what `vm` holds. */
  release(vm: Vm): void {
    const held = this.allocations.get(vm);
    if (held === undefined) return;
    this.free += held;
    this.allocations.delete(vm);
  }
}
