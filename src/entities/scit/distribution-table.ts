/**
 * The service distribution table of the tolerance controller (the paper's Table 1), kept up to date
 * incrementally: every change costs O(1).
 *
 * It holds, per service s and host h, the number of Active VMs of s on h; per host, the number of
 * Cleansing VMs and the live spares; per service, the redundancy level L_s (distinct hosts with at
 * least one Active VM of s) and the Active total. Live spares are indexed twice — in one pool (for
 * uniform choice in O(1)) and per host (for host-local choice) — and the hosts that hold a spare are
 * themselves indexed, so a strategy never has to scan all VMs.
 *
 * Memory layout (it decides the speed at 100,000 VMs, where every random access is a cache miss): what
 * a change reads about one VM (host, pool position, position in its host's list) sits in the VM's
 * shared record ({@link VmRecords}, beside the VM's state), likewise per host (list offset, spare
 * count, cleansing count, position among the hosts with spares), and the per-host spare lists are
 * slices of one flat array.
 */
import { VM_HOST, VM_HOST_POS, VM_POOL_POS, VM_RECORD_STRIDE as VM_STRIDE, VmRecords } from './vm-records.js';

/** Read-only view of the table given to rotation strategies. */
export interface DistributionView {
  readonly hostCount: number;
  readonly serviceCount: number;
  /** Active VMs of `service` on `host`. */
  activeCount(service: number, host: number): number;
  /** Active VMs of `service` over all hosts. */
  activeTotal(service: number): number;
  /** Redundancy level L_s: hosts with at least one Active VM of `service`. */
  level(service: number): number;
  /** Target level T_s of `service`. */
  target(service: number): number;
  /** Cleansing VMs on `host`. */
  cleansingCount(host: number): number;
  /** Live spares on `host`. */
  spareCount(host: number): number;
  /** Offline VMs (Cleansing + LiveSpare) on `host`. */
  offlineCount(host: number): number;
  /** Live spares in the whole system. */
  readonly totalSpares: number;
  /** The `index`-th live spare of the pool (0 ≤ index < totalSpares). Order is arbitrary but deterministic. */
  spareAt(index: number): number;
  /** Live spares on `host`, as a new array (for iteration without allocating, use `spareOnHostAt`). */
  sparesOn(host: number): readonly number[];
  /** The `index`-th live spare on `host` (0 ≤ index < spareCount(host)), in the order of `sparesOn`. */
  spareOnHostAt(host: number, index: number): number;
  /** Number of hosts that hold at least one live spare. */
  readonly hostsWithSpares: number;
  /** The `index`-th host that holds a live spare. */
  hostWithSpareAt(index: number): number;
  /** Host of a VM. */
  hostOf(vm: number): number;
  /** Whether `vm` is a live spare right now. */
  isSpare(vm: number): boolean;
}

/** Per-host record fields (stride {@link HOST_STRIDE}). */
const HOST_LIST_OFFSET = 0;
const HOST_SPARES = 1;
const HOST_CLEANSING = 2;
const HOST_SPARE_HOST_POS = 3;
const HOST_STRIDE = 4;

/** The mutable table. Only the tolerance controller changes it. */
export class DistributionTable implements DistributionView {
  readonly serviceCount: number;
  readonly vmCount: number;
  private readonly active: Int32Array;
  private readonly levels: Int32Array;
  private readonly totals: Int32Array;
  private readonly targets: Int32Array;
  /** The shared VM records; this table owns their pool and host-list position fields. */
  private readonly vmRecords: Int32Array;
  /** Per host: offset of its spare list in `hostLists`, spare count, cleansing count, position in `spareHosts` (-1 when none). */
  private readonly hostRecords: Int32Array;
  /** The per-host spare lists, host after host (host h owns as many slots as it has VMs). */
  private readonly hostLists: Int32Array;
  /** Pool of all live spares. */
  private readonly pool: Int32Array;
  private poolSize = 0;
  /** Hosts holding at least one spare. */
  private readonly spareHosts: Int32Array;
  private spareHostCount = 0;

  /**
   * @param vmHosts host of each VM, indexed by VM id.
   * @param targets target level of each service, indexed by service.
   * @param records the system's VM records to keep the per-VM fields in (made here when omitted; when
   *   given, their hosts must be `vmHosts` and no VM may be a spare yet).
   */
  constructor(
    readonly hostCount: number,
    vmHosts: ArrayLike<number>,
    targets: ArrayLike<number>,
    records: VmRecords = new VmRecords(vmHosts),
  ) {
    this.serviceCount = targets.length;
    const vmCount = vmHosts.length;
    this.vmCount = vmCount;
    if (records.size !== vmCount)
      throw new Error(`DistributionTable: ${vmCount} VM hosts but ${records.size} VM records`);
    this.targets = Int32Array.from(targets);
    this.active = new Int32Array(this.serviceCount * hostCount);
    this.levels = new Int32Array(this.serviceCount);
    this.totals = new Int32Array(this.serviceCount);
    this.vmRecords = records.data;
    this.hostRecords = new Int32Array(hostCount * HOST_STRIDE);
    for (let vm = 0; vm < vmCount; vm++) {
      const host = vmHosts[vm];
      if (records.hostOf(vm) !== host)
        throw new Error(
          `DistributionTable: VM ${vm} is on host ${host} but its record says ${records.hostOf(vm)}`,
        );
      // Count VMs per host in the offset field for now; prefix sums below.
      this.hostRecords[host * HOST_STRIDE + HOST_LIST_OFFSET]++;
    }
    let offset = 0;
    for (let host = 0; host < hostCount; host++) {
      const at = host * HOST_STRIDE;
      const vmsOnHost = this.hostRecords[at + HOST_LIST_OFFSET];
      this.hostRecords[at + HOST_LIST_OFFSET] = offset;
      this.hostRecords[at + HOST_SPARE_HOST_POS] = -1;
      offset += vmsOnHost;
    }
    this.hostLists = new Int32Array(vmCount);
    this.pool = new Int32Array(vmCount);
    this.spareHosts = new Int32Array(hostCount);
  }

  activeCount(service: number, host: number): number {
    return this.active[service * this.hostCount + host];
  }

  activeTotal(service: number): number {
    return this.totals[service];
  }

  level(service: number): number {
    return this.levels[service];
  }

  target(service: number): number {
    return this.targets[service];
  }

  cleansingCount(host: number): number {
    return this.hostRecords[host * HOST_STRIDE + HOST_CLEANSING];
  }

  spareCount(host: number): number {
    return this.hostRecords[host * HOST_STRIDE + HOST_SPARES];
  }

  offlineCount(host: number): number {
    const at = host * HOST_STRIDE;
    return this.hostRecords[at + HOST_CLEANSING] + this.hostRecords[at + HOST_SPARES];
  }

  get totalSpares(): number {
    return this.poolSize;
  }

  spareAt(index: number): number {
    return this.pool[index];
  }

  sparesOn(host: number): readonly number[] {
    const at = host * HOST_STRIDE;
    const offset = this.hostRecords[at + HOST_LIST_OFFSET];
    return Array.from(this.hostLists.subarray(offset, offset + this.hostRecords[at + HOST_SPARES]));
  }

  spareOnHostAt(host: number, index: number): number {
    return this.hostLists[this.hostRecords[host * HOST_STRIDE + HOST_LIST_OFFSET] + index];
  }

  get hostsWithSpares(): number {
    return this.spareHostCount;
  }

  hostWithSpareAt(index: number): number {
    return this.spareHosts[index];
  }

  hostOf(vm: number): number {
    return this.vmRecords[vm * VM_STRIDE + VM_HOST];
  }

  /** Whether `vm` is currently indexed as a live spare. */
  isSpare(vm: number): boolean {
    return this.vmRecords[vm * VM_STRIDE + VM_POOL_POS] >= 0;
  }

  /** One more Active VM of `service` on `host`. */
  addActive(service: number, host: number): void {
    const cell = service * this.hostCount + host;
    if (this.active[cell]++ === 0) this.levels[service]++;
    this.totals[service]++;
  }

  /** One Active VM of `service` on `host` fewer. */
  removeActive(service: number, host: number): void {
    const cell = service * this.hostCount + host;
    if (this.active[cell] === 0) throw new Error(`no Active VM of service ${service} on host ${host}`);
    if (--this.active[cell] === 0) this.levels[service]--;
    this.totals[service]--;
  }

  addCleansing(host: number): void {
    this.hostRecords[host * HOST_STRIDE + HOST_CLEANSING]++;
  }

  removeCleansing(host: number): void {
    const at = host * HOST_STRIDE + HOST_CLEANSING;
    if (this.hostRecords[at] === 0) throw new Error(`no Cleansing VM on host ${host}`);
    this.hostRecords[at]--;
  }

  /** Indexes `vm` as a live spare (pool, its host's list, and the spare-host index). */
  addSpare(vm: number): void {
    const records = this.vmRecords;
    const v = vm * VM_STRIDE;
    if (records[v + VM_POOL_POS] >= 0) throw new Error(`VM ${vm} is already a live spare`);
    records[v + VM_POOL_POS] = this.poolSize;
    this.pool[this.poolSize++] = vm;
    const host = records[v + VM_HOST];
    const h = host * HOST_STRIDE;
    const hosts = this.hostRecords;
    const count = hosts[h + HOST_SPARES]++;
    this.hostLists[hosts[h + HOST_LIST_OFFSET] + count] = vm;
    records[v + VM_HOST_POS] = count;
    if (count === 0) {
      hosts[h + HOST_SPARE_HOST_POS] = this.spareHostCount;
      this.spareHosts[this.spareHostCount++] = host;
    }
  }

  /** Removes `vm` from the spare indexes (swap-remove, O(1)). */
  removeSpare(vm: number): void {
    const records = this.vmRecords;
    const v = vm * VM_STRIDE;
    const pos = records[v + VM_POOL_POS];
    if (pos < 0) throw new Error(`VM ${vm} is not a live spare`);
    const lastVm = this.pool[--this.poolSize];
    this.pool[pos] = lastVm;
    records[lastVm * VM_STRIDE + VM_POOL_POS] = pos;
    records[v + VM_POOL_POS] = -1;

    const host = records[v + VM_HOST];
    const h = host * HOST_STRIDE;
    const hosts = this.hostRecords;
    const offset = hosts[h + HOST_LIST_OFFSET];
    const hostPos = records[v + VM_HOST_POS];
    const count = --hosts[h + HOST_SPARES];
    const lastOnHost = this.hostLists[offset + count];
    this.hostLists[offset + hostPos] = lastOnHost;
    records[lastOnHost * VM_STRIDE + VM_HOST_POS] = hostPos;
    records[v + VM_HOST_POS] = -1;
    if (count === 0) {
      const at = hosts[h + HOST_SPARE_HOST_POS];
      const lastHost = this.spareHosts[--this.spareHostCount];
      this.spareHosts[at] = lastHost;
      hosts[lastHost * HOST_STRIDE + HOST_SPARE_HOST_POS] = at;
      hosts[h + HOST_SPARE_HOST_POS] = -1;
    }
  }

  /** Levels of all services (a copy). */
  levelsSnapshot(): number[] {
    return Array.from(this.levels);
  }
}
