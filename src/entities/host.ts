/**
 * A physical machine: PEs with a MIPS capacity each, RAM, bandwidth and storage, a VM scheduler that
 * shares the PEs among VMs and simple RAM/bandwidth provisioners. A plain object (not a simulation
 * entity): datacenters and other controllers act on it.
 *
 * @example Build hosts and place VMs with a policy, outside any Datacenter
 * ```ts
 * import { Host, Vm, makePes, placeVm } from '../entities/index.js';
 * import { VmAllocationPolicySimple } from '../policies/allocation/index.js';
 * import { VmSchedulerTimeShared } from '../policies/scheduling/index.js';
 *
 * const hosts = [0, 1].map(
 *   (id) => new Host({ id, pes: makePes(4, 1000), ramMb: 8192, bwMbps: 10000, storageMb: 1_000_000,
 *                      vmScheduler: (pes) => new VmSchedulerTimeShared(pes) }),
 * );
 * const vms = [0, 1, 2].map((id) => new Vm({ id, mips: 1000, ramMb: 1024, bwMbps: 1000, sizeMb: 10000 }));
 * const policy = new VmAllocationPolicySimple();   // or any VmAllocationPolicy
 * for (const vm of vms) {
 *   const host = policy.allocateHostForVm(vm, hosts);   // a decision: which host (or undefined)
 *   if (host !== undefined) host.createVm(vm);          // apply it
 * }
 * // later: vm.host?.destroyVm(vm); policy.releaseHostForVm?.(vm, host)
 * ```
 */
import { ConfigError, Signal } from '../core/index.js';
import type { Cloudlet } from './cloudlet.js';
import type { CloudletScheduler } from './cloudlet-scheduler.js';
import type { Pe } from './pe.js';
import { SimpleProvisioner } from './provisioner.js';
import type { Vm } from './vm.js';
import type { VmScheduler, VmSchedulerFactory } from './vm-scheduler.js';

/** What a host is made of. RAM and storage in MB, bandwidth in Mbps. */
export interface HostOptions {
  /** Id within its datacenter. */
  id: number;
  /** The PEs (at least one). */
  pes: readonly Pe[];
  ramMb: number;
  bwMbps: number;
  storageMb: number;
  /** Builds the scheduler that shares this host's PEs among VMs. */
  vmScheduler: VmSchedulerFactory;
}

/** Why a VM does not fit a host, or `undefined` if it fits. */
export type UnfitReason = 'pes' | 'ram' | 'bw' | 'storage';

/** A physical machine hosting VMs. */
export class Host {
  readonly id: number;
  readonly pes: readonly Pe[];
  readonly ramMb: number;
  readonly bwMbps: number;
  readonly storageMb: number;
  readonly vmScheduler: VmScheduler;
  readonly ram: SimpleProvisioner;
  readonly bw: SimpleProvisioner;
  /** Id of the datacenter the host belongs to (−1 if none). Set by the datacenter. */
  datacenterId = -1;
  /** Schedulers not in a processing batch, as counted by the last {@link updateVmsProcessing}. */
  unbatchedSchedulers = 0;
  private freeStorageMb: number;
  private readonly vmList: Vm[] = [];
  /** MIPS share of each VM in `vmList` (same index), refreshed when VMs come and go. */
  private shares: (readonly number[])[] = [];
  /** Cloudlet scheduler of each VM in `vmList` (same index), to keep the update loop tight. */
  private schedulers: (CloudletScheduler | undefined)[] = [];
  /** Per scheduler (same index), the flag it keeps while settled in its batch (`keepSettledFlag`). */
  private settled = new Uint8Array(0);
  /** Called after a VM is placed here or removed (see {@link watchPlacements}). */
  private placementWatchers: Signal<Host> | undefined;

  constructor(options: HostOptions) {
    const { id, pes, ramMb, bwMbps, storageMb } = options;
    const where = `host[${id}]`;
    if (!Number.isInteger(id)) throw new ConfigError(`${where}.id`, id, 'must be an integer');
    if (!Array.isArray(pes) || pes.length === 0) {
      throw new ConfigError(`${where}.pes`, pes, 'a host needs at least one PE');
    }
    for (const [field, value] of [
      ['ramMb', ramMb],
      ['bwMbps', bwMbps],
      ['storageMb', storageMb],
    ] as const) {
      if (!(value >= 0) || !Number.isFinite(value)) {
        throw new ConfigError(`${where}.${field}`, value, 'must be a finite number >= 0');
      }
    }
    this.id = id;
    this.pes = pes;
    this.ramMb = ramMb;
    this.bwMbps = bwMbps;
    this.storageMb = storageMb;
    this.freeStorageMb = storageMb;
    this.ram = new SimpleProvisioner(ramMb);
    this.bw = new SimpleProvisioner(bwMbps);
    this.vmScheduler = options.vmScheduler(pes);
  }

  /** VMs placed on this host, in placement order. */
  get vms(): readonly Vm[] {
    return this.vmList;
  }

  /** Sum of the MIPS of all PEs. */
  get totalMips(): number {
    let total = 0;
    for (const pe of this.pes) total += pe.mips;
    return total;
  }

  /** MIPS not allocated to any VM. */
  get availableMips(): number {
    return this.vmScheduler.availableMips;
  }

  get availableRamMb(): number {
    return this.ram.available;
  }

  get availableBwMbps(): number {
    return this.bw.available;
  }

  get availableStorageMb(): number {
    return this.freeStorageMb;
  }

  /** The first resource that `vm` does not fit in, or `undefined` if the host can take it now. */
  unfitReason(vm: Vm): UnfitReason | undefined {
    if (!this.vmScheduler.canAllocate(vm, vm.requestedMips())) return 'pes';
    if (!this.ram.canAllocate(vm, vm.ramMb)) return 'ram';
    if (!this.bw.canAllocate(vm, vm.bwMbps)) return 'bw';
    if (this.freeStorageMb < vm.sizeMb) return 'storage';
    return undefined;
  }

  /** True if the host has enough free PEs/MIPS, RAM, bandwidth and storage for `vm` now. */
  isSuitableForVm(vm: Vm): boolean {
    return this.unfitReason(vm) === undefined;
  }

  /**
   * Places `vm` here: allocates its MIPS, RAM, bandwidth and storage and sets `vm.host`.
   * Returns false, changing nothing, if it does not fit or is already placed somewhere.
   */
  createVm(vm: Vm): boolean {
    if (vm.host !== undefined || !this.isSuitableForVm(vm)) return false;
    this.ram.allocate(vm, vm.ramMb);
    this.bw.allocate(vm, vm.bwMbps);
    this.vmScheduler.allocatePesForVm(vm, vm.requestedMips());
    this.freeStorageMb -= vm.sizeMb;
    this.vmList.push(vm);
    vm.host = this;
    this.refreshShares();
    return true;
  }

  /** Removes `vm` from this host and frees its resources. No effect if it is not here. */
  destroyVm(vm: Vm): void {
    const index = this.vmList.indexOf(vm);
    if (index < 0) return;
    this.vmList.splice(index, 1);
    this.ram.release(vm);
    this.bw.release(vm);
    this.vmScheduler.deallocatePesForVm(vm);
    this.freeStorageMb += vm.sizeMb;
    vm.host = undefined;
    this.refreshShares();
  }

  /**
   * Calls `watcher` after every VM placed here or removed through {@link createVm} / {@link destroyVm}
   * (the free MIPS, RAM, bandwidth and storage may then have changed). For indexes over many hosts.
   * Returns a function that removes the watcher.
   */
  watchPlacements(watcher: (host: Host) => void): () => void {
    this.placementWatchers ??= new Signal();
    return this.placementWatchers.subscribe(watcher);
  }

  /** Number of placement watchers (see {@link watchPlacements}). */
  get placementWatcherCount(): number {
    return this.placementWatchers?.size ?? 0;
  }

  private refreshShares(): void {
    this.shares = this.vmList.map((vm) => this.vmScheduler.allocatedMipsForVm(vm));
    this.schedulers = this.vmList.map((vm) => vm.cloudletScheduler);
    // All 0: a scheduler is called at the next walk, with its (possibly new) share, before it settles.
    const settled = new Uint8Array(this.schedulers.length);
    this.settled = settled;
    for (let i = 0; i < this.schedulers.length; i++) {
      this.schedulers[i]?.keepSettledFlag?.(settled, i, this.shares[i]);
    }
    this.placementWatchers?.emit(this);
  }

  /**
   * Advances the cloudlets of every VM here to `now`; returns the earliest estimated finish among them,
   * or `Number.MAX_VALUE` when no cloudlet runs (as CloudSim's Double.MAX_VALUE). Cloudlets that
   * finish are appended to `finished` in VM order (CloudSim's completion order). The estimates of
   * schedulers in a processing batch are left out (the batch reports them); {@link unbatchedSchedulers}
   * is set to how many schedulers are not batched.
   *
   * With `skipSettled`, schedulers settled in their batch (see `CloudletScheduler.keepSettledFlag`)
   * are not called: the call would change nothing. Only for a caller that has brought the batch to
   * `now` (a datacenter's batched walk). At 10^6 cloudlets most schedulers of a walked host are
   * settled, and reading each one's state was a cache miss.
   */
  updateVmsProcessing(now: number, finished: Cloudlet[], skipSettled = false): number {
    let earliest = Number.MAX_VALUE;
    let unbatched = 0;
    const schedulers = this.schedulers;
    const shares = this.shares;
    const settled = this.settled;
    for (let i = 0; i < schedulers.length; i++) {
      if (skipSettled && settled[i] === 1) continue;
      const scheduler = schedulers[i];
      if (scheduler === undefined) continue;
      const time = scheduler.updateProcessing(now, shares[i], finished);
      if (scheduler.batched === true) continue;
      unbatched++;
      if (time > 0 && time < earliest) earliest = time;
    }
    this.unbatchedSchedulers = unbatched;
    return earliest;
  }

  toString(): string {
    return `Host#${this.id}`;
  }
}
