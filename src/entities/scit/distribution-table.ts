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
  /**
   * VMs placed on `host`, in any state: its slots, which a VM keeps as it rotates (hosts may differ in
   * size: a scenario's `hosts: [{ vms }]`).
   */
  vmsOn(host: number): number;
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
  /**
   * The table's counts and lists in one array (a table is made per run, and each typed array is an
   * allocation of ~200 bytes), each part from its offset: Active VMs of service s on host h at
   * `s * hostCount + h`; per service its level, Active total and target; per host (`HOST_STRIDE`
   * fields) the offset of its spare list among the host lists, its spare count, cleansing count and
   * position among the hosts with spares (−1 when none); the per-host spare lists, host after host
   * (host h owns as many slots as it has VMs); the pool of all live spares; the hosts holding one.
   */
  private readonly data: Int32Array;
  private readonly levels: number;
  private readonly totals: number;
  private readonly targets: number;
  private readonly hostRecords: number;
  private readonly hostLists: number;
  private readonly pool: number;
  private readonly spareHosts: number;
  /** The shared VM records; this table owns their pool and host-list position fields. */
  private readonly vmRecords: Int32Array;
  private poolSize = 0;
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
    const services = this.serviceCount;
    this.levels = services * hostCount;
    this.totals = this.levels + services;
    this.targets = this.totals + services;
    this.hostRecords = this.targets + services;
    this.hostLists = this.hostRecords + hostCount * HOST_STRIDE;
    this.pool = this.hostLists + vmCount;
    this.spareHosts = this.pool + vmCount;
    const data = new Int32Array(this.spareHosts + hostCount);
    this.data = data;
    for (let s = 0; s < services; s++) data[this.targets + s] = targets[s];
    this.vmRecords = records.data;
    const hostRecords = this.hostRecords;
    for (let vm = 0; vm < vmCount; vm++) {
      const host = vmHosts[vm];
      if (records.hostOf(vm) !== host)
        throw new Error(
          `DistributionTable: VM ${vm} is on host ${host} but its record says ${records.hostOf(vm)}`,
        );
      // Count VMs per host in the offset field for now; prefix sums below.
      data[hostRecords + host * HOST_STRIDE + HOST_LIST_OFFSET]++;
    }
    let offset = 0;
    for (let host = 0; host < hostCount; host++) {
      const at = hostRecords + host * HOST_STRIDE;
      const vmsOnHost = data[at + HOST_LIST_OFFSET];
      data[at + HOST_LIST_OFFSET] = offset;
      data[at + HOST_SPARE_HOST_POS] = -1;
      offset += vmsOnHost;
    }
  }

  activeCount(service: number, host: number): number {
    return this.data[service * this.hostCount + host];
  }

  activeTotal(service: number): number {
    return this.data[this.totals + service];
  }

  level(service: number): number {
    return this.data[this.levels + service];
  }

  target(service: number): number {
    return this.data[this.targets + service];
  }

  cleansingCount(host: number): number {
    return this.data[this.hostRecords + host * HOST_STRIDE + HOST_CLEANSING];
  }

  spareCount(host: number): number {
    return this.data[this.hostRecords + host * HOST_STRIDE + HOST_SPARES];
  }

  vmsOn(host: number): number {
    const at = this.hostRecords + host * HOST_STRIDE + HOST_LIST_OFFSET;
    const end = host + 1 < this.hostCount ? this.data[at + HOST_STRIDE] : this.vmCount;
    return end - this.data[at];
  }

  offlineCount(host: number): number {
    const at = this.hostRecords + host * HOST_STRIDE;
    return this.data[at + HOST_CLEANSING] + this.data[at + HOST_SPARES];
  }

  get totalSpares(): number {
    return this.poolSize;
  }

  spareAt(index: number): number {
    return this.data[this.pool + index];
  }

  sparesOn(host: number): readonly number[] {
    const at = this.hostRecords + host * HOST_STRIDE;
    const from = this.hostLists + this.data[at + HOST_LIST_OFFSET];
    return Array.from(this.data.subarray(from, from + this.data[at + HOST_SPARES]));
  }

  spareOnHostAt(host: number, index: number): number {
    return this.data[
      this.hostLists + this.data[this.hostRecords + host * HOST_STRIDE + HOST_LIST_OFFSET] + index
    ];
  }

  get hostsWithSpares(): number {
    return this.spareHostCount;
  }

  hostWithSpareAt(index: number): number {
    return this.data[this.spareHosts + index];
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
    const data = this.data;
    if (data[service * this.hostCount + host]++ === 0) data[this.levels + service]++;
    data[this.totals + service]++;
  }

  /** One Active VM of `service` on `host` fewer. */
  removeActive(service: number, host: number): void {
    const data = this.data;
    const cell = service * this.hostCount + host;
    if (data[cell] === 0) throw new Error(`no Active VM of service ${service} on host ${host}`);
    if (--data[cell] === 0) data[this.levels + service]--;
    data[this.totals + service]--;
  }

  addCleansing(host: number): void {
    this.data[this.hostRecords + host * HOST_STRIDE + HOST_CLEANSING]++;
  }

  removeCleansing(host: number): void {
    const at = this.hostRecords + host * HOST_STRIDE + HOST_CLEANSING;
    if (this.data[at] === 0) throw new Error(`no Cleansing VM on host ${host}`);
    this.data[at]--;
  }

  /** Indexes `vm` as a live spare (pool, its host's list, and the spare-host index). */
  addSpare(vm: number): void {
    const records = this.vmRecords;
    const v = vm * VM_STRIDE;
    if (records[v + VM_POOL_POS] >= 0) throw new Error(`VM ${vm} is already a live spare`);
    const data = this.data;
    records[v + VM_POOL_POS] = this.poolSize;
    data[this.pool + this.poolSize++] = vm;
    const host = records[v + VM_HOST];
    const h = this.hostRecords + host * HOST_STRIDE;
    const count = data[h + HOST_SPARES]++;
    data[this.hostLists + data[h + HOST_LIST_OFFSET] + count] = vm;
    records[v + VM_HOST_POS] = count;
    if (count === 0) {
      data[h + HOST_SPARE_HOST_POS] = this.spareHostCount;
      data[this.spareHosts + this.spareHostCount++] = host;
    }
  }

  /** Removes `vm` from the spare indexes (swap-remove, O(1)). */
  removeSpare(vm: number): void {
    const records = this.vmRecords;
    const v = vm * VM_STRIDE;
    const pos = records[v + VM_POOL_POS];
    if (pos < 0) throw new Error(`VM ${vm} is not a live spare`);
    const data = this.data;
    const pool = this.pool;
    const lastVm = data[pool + --this.poolSize];
    data[pool + pos] = lastVm;
    records[lastVm * VM_STRIDE + VM_POOL_POS] = pos;
    records[v + VM_POOL_POS] = -1;

    const host = records[v + VM_HOST];
    const hosts = this.hostRecords;
    const h = hosts + host * HOST_STRIDE;
    const list = this.hostLists + data[h + HOST_LIST_OFFSET];
    const hostPos = records[v + VM_HOST_POS];
    const count = --data[h + HOST_SPARES];
    const lastOnHost = data[list + count];
    data[list + hostPos] = lastOnHost;
    records[lastOnHost * VM_STRIDE + VM_HOST_POS] = hostPos;
    records[v + VM_HOST_POS] = -1;
    if (count === 0) {
      const at = data[h + HOST_SPARE_HOST_POS];
      const lastHost = data[this.spareHosts + --this.spareHostCount];
      data[this.spareHosts + at] = lastHost;
      data[hosts + lastHost * HOST_STRIDE + HOST_SPARE_HOST_POS] = at;
      data[h + HOST_SPARE_HOST_POS] = -1;
    }
  }

  /** Levels of all services (a copy). */
  levelsSnapshot(): number[] {
    return Array.from(this.data.subarray(this.levels, this.levels + this.serviceCount));
  }
}
