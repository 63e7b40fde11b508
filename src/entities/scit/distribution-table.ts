/**
 * The service distribution table of the tolerance controller (the paper's Table 1), kept up to date
 * incrementally: every change costs O(1).
 *
 * It holds, per service s and host h, the number of Active VMs of s on h; per host, the number of
 * Cleansing VMs and the live spares; per service, the redundancy level L_s (distinct hosts with at
 * least one Active VM of s) and the Active total. Live spares are indexed twice — in one pool (for
 * uniform choice in O(1)) and per host (for host-local choice) — and the hosts that hold a spare are
 * themselves indexed, so a strategy never has to scan all VMs.
 */

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
  /** Live spares on `host` (do not keep the array: it changes with the table). */
  sparesOn(host: number): readonly number[];
  /** Number of hosts that hold at least one live spare. */
  readonly hostsWithSpares: number;
  /** The `index`-th host that holds a live spare. */
  hostWithSpareAt(index: number): number;
  /** Host of a VM. */
  hostOf(vm: number): number;
}

/** The mutable table. Only the tolerance controller changes it. */
export class DistributionTable implements DistributionView {
  private readonly active: Int32Array;
  private readonly levels: Int32Array;
  private readonly totals: Int32Array;
  private readonly cleansing: Int32Array;
  private readonly targets: Int32Array;
  private readonly vmHost: Int32Array;
  /** Pool of all live spares, with each VM's position in it (-1 when not a spare). */
  private readonly pool: Int32Array;
  private readonly poolPos: Int32Array;
  private poolSize = 0;
  /** Live spares per host, with each VM's position in its host's list. */
  private readonly hostSpares: number[][];
  private readonly hostSparePos: Int32Array;
  /** Hosts holding at least one spare, with each host's position (-1 when none). */
  private readonly spareHosts: Int32Array;
  private readonly spareHostPos: Int32Array;
  private spareHostCount = 0;

  /**
   * @param vmHosts host of each VM, indexed by VM id.
   * @param targets target level of each service, indexed by service.
   */
  constructor(
    readonly hostCount: number,
    vmHosts: ArrayLike<number>,
    targets: ArrayLike<number>,
  ) {
    this.serviceCount = targets.length;
    const vmCount = vmHosts.length;
    this.vmHost = Int32Array.from(vmHosts);
    this.targets = Int32Array.from(targets);
    this.active = new Int32Array(this.serviceCount * hostCount);
    this.levels = new Int32Array(this.serviceCount);
    this.totals = new Int32Array(this.serviceCount);
    this.cleansing = new Int32Array(hostCount);
    this.pool = new Int32Array(vmCount);
    this.poolPos = new Int32Array(vmCount).fill(-1);
    this.hostSpares = Array.from({ length: hostCount }, () => []);
    this.hostSparePos = new Int32Array(vmCount).fill(-1);
    this.spareHosts = new Int32Array(hostCount);
    this.spareHostPos = new Int32Array(hostCount).fill(-1);
  }

  readonly serviceCount: number;

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
    return this.cleansing[host];
  }

  spareCount(host: number): number {
    return this.hostSpares[host].length;
  }

  offlineCount(host: number): number {
    return this.cleansing[host] + this.hostSpares[host].length;
  }

  get totalSpares(): number {
    return this.poolSize;
  }

  spareAt(index: number): number {
    return this.pool[index];
  }

  sparesOn(host: number): readonly number[] {
    return this.hostSpares[host];
  }

  get hostsWithSpares(): number {
    return this.spareHostCount;
  }

  hostWithSpareAt(index: number): number {
    return this.spareHosts[index];
  }

  hostOf(vm: number): number {
    return this.vmHost[vm];
  }

  /** Whether `vm` is currently indexed as a live spare. */
  isSpare(vm: number): boolean {
    return this.poolPos[vm] >= 0;
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
    this.cleansing[host]++;
  }

  removeCleansing(host: number): void {
    if (this.cleansing[host] === 0) throw new Error(`no Cleansing VM on host ${host}`);
    this.cleansing[host]--;
  }

  /** Indexes `vm` as a live spare (pool, its host's list, and the spare-host index). */
  addSpare(vm: number): void {
    if (this.poolPos[vm] >= 0) throw new Error(`VM ${vm} is already a live spare`);
    this.poolPos[vm] = this.poolSize;
    this.pool[this.poolSize++] = vm;
    const host = this.vmHost[vm];
    const list = this.hostSpares[host];
    this.hostSparePos[vm] = list.length;
    list.push(vm);
    if (list.length === 1) {
      this.spareHostPos[host] = this.spareHostCount;
      this.spareHosts[this.spareHostCount++] = host;
    }
  }

  /** Removes `vm` from the spare indexes (swap-remove, O(1)). */
  removeSpare(vm: number): void {
    const pos = this.poolPos[vm];
    if (pos < 0) throw new Error(`VM ${vm} is not a live spare`);
    const lastVm = this.pool[--this.poolSize];
    this.pool[pos] = lastVm;
    this.poolPos[lastVm] = pos;
    this.poolPos[vm] = -1;

    const host = this.vmHost[vm];
    const list = this.hostSpares[host];
    const hostPos = this.hostSparePos[vm];
    const lastOnHost = list[list.length - 1];
    list[hostPos] = lastOnHost;
    this.hostSparePos[lastOnHost] = hostPos;
    list.pop();
    this.hostSparePos[vm] = -1;
    if (list.length === 0) {
      const at = this.spareHostPos[host];
      const lastHost = this.spareHosts[--this.spareHostCount];
      this.spareHosts[at] = lastHost;
      this.spareHostPos[lastHost] = at;
      this.spareHostPos[host] = -1;
    }
  }

  /** Levels of all services (a copy). */
  levelsSnapshot(): number[] {
    return Array.from(this.levels);
  }
}
