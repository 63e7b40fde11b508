/**
 * One 16-byte record per SCIT VM, shared by the components that track VMs, so that everything a switch
 * reads or writes about one VM sits in one cache line. At 100,000 VMs the per-VM data no longer fits
 * the CPU caches and every separate per-VM array costs one more cache miss per VM touched.
 *
 * Each field has one owner, and only its owner writes it: the host is fixed at construction; the
 * state cell belongs to the {@link ScitFleet} (the VMs' side); the pool and host-list positions belong
 * to the distribution table (the tolerance controller's side).
 */

/** Int32 fields per record. */
export const VM_RECORD_STRIDE = 4;
/** Field: host of the VM (fixed). */
export const VM_HOST = 0;
/** Field: the fleet's state cell (state and service, packed). */
export const VM_STATE_CELL = 1;
/** Field: the distribution table's position of the VM in the spare pool (-1: not a spare). */
export const VM_POOL_POS = 2;
/** Field: the distribution table's position of the VM in its host's spare list (-1: not a spare). */
export const VM_HOST_POS = 3;

/** The records of all VMs of one SCIT system, indexed by VM id. */
export class VmRecords {
  /** `data[vm * VM_RECORD_STRIDE + field]`. */
  readonly data: Int32Array;

  /** @param vmHosts host of each VM, by VM id. */
  constructor(vmHosts: ArrayLike<number>) {
    this.data = new Int32Array(vmHosts.length * VM_RECORD_STRIDE);
    for (let vm = 0; vm < vmHosts.length; vm++) {
      const at = vm * VM_RECORD_STRIDE;
      this.data[at + VM_HOST] = vmHosts[vm];
      this.data[at + VM_POOL_POS] = -1;
      this.data[at + VM_HOST_POS] = -1;
    }
  }

  /** Number of VMs. */
  get size(): number {
    return this.data.length / VM_RECORD_STRIDE;
  }

  hostOf(vm: number): number {
    return this.data[vm * VM_RECORD_STRIDE + VM_HOST];
  }
}
