/**
 * The checker's own recount of a running SCIT system, kept apart from the distribution table: it
 * follows every VM state change the kernel reports (`hooks.stateChanged`) and, after each event,
 * compares only what that event touched with the table and with the guarantees (O(1) per change, so
 * thousands of decisions per case stay cheap). Every 1024 events and at the end of a run it also
 * recounts everything from the VMs themselves, which checks the recount too.
 *
 * Properties it notes: `conservation` (every VM in one valid state; Active VMs per service stay r_s),
 * `table` (the table equals the recount), `minimum` (Active VMs of s ≥ m_s) and `redundancy`
 * (L_s ≥ T_s, when claimed).
 */
import type { ResolvedScitConfig } from '../../entities/scit/config.js';
import type { DistributionView } from '../../entities/scit/distribution-table.js';
import type { ScitFleet } from '../../entities/scit/scit-vm.js';

const ACTIVE = 0;
const GRACE = 1;
const CLEANSING = 2;
const SPARE = 3;

function stateCode(state: string): number {
  switch (state) {
    case 'active':
      return ACTIVE;
    case 'grace':
      return GRACE;
    case 'cleansing':
      return CLEANSING;
    case 'spare':
      return SPARE;
    default:
      return -1;
  }
}

/** Where a tracker reports what it finds: property and message (the first one per property counts). */
export type InvariantSink = (
  property: 'conservation' | 'table' | 'minimum' | 'redundancy',
  message: string,
) => void;

export class InvariantTracker {
  private readonly hosts: number;
  private readonly services: number;
  private readonly vmHost: Int32Array;
  private readonly vmState: Int8Array;
  private readonly vmService: Int32Array;
  private readonly active: Int32Array;
  private readonly totals: Int32Array;
  private readonly levels: Int32Array;
  private readonly cleansing: Int32Array;
  private readonly spares: Int32Array;
  private spareTotal = 0;
  private hostsWithSpares = 0;
  /** Cells (service·hosts + host) and hosts changed since the last check (the first `dirty*Count`). */
  private readonly dirtyCells: Int32Array;
  private readonly dirtyHosts: Int32Array;
  private dirtyCellCount = 0;
  private dirtyHostCount = 0;
  private readonly cellDirty: Uint8Array;
  private readonly hostDirty: Uint8Array;
  private events = 0;

  constructor(
    private readonly config: ResolvedScitConfig,
    private readonly table: DistributionView,
    private readonly fleet: ScitFleet,
    private readonly checkRedundancy: boolean,
    private readonly sink: InvariantSink,
  ) {
    this.hosts = config.hostCount;
    this.services = config.services.length;
    const vmCount = fleet.size;
    this.vmHost = new Int32Array(vmCount);
    this.vmState = new Int8Array(vmCount);
    this.vmService = new Int32Array(vmCount).fill(-1);
    this.active = new Int32Array(this.services * this.hosts);
    this.totals = new Int32Array(this.services);
    this.levels = new Int32Array(this.services);
    this.cleansing = new Int32Array(this.hosts);
    this.spares = new Int32Array(this.hosts);
    this.cellDirty = new Uint8Array(this.services * this.hosts);
    this.hostDirty = new Uint8Array(this.hosts);
    this.dirtyCells = new Int32Array(this.services * this.hosts);
    this.dirtyHosts = new Int32Array(this.hosts);
    let vm = 0;
    config.layout.forEach((slots, host) => {
      for (const slot of slots) {
        this.vmHost[vm] = host;
        if (slot.state === 'active') {
          this.vmState[vm] = ACTIVE;
          this.vmService[vm] = slot.service;
          this.addActive(slot.service, host);
        } else if (slot.state === 'cleansing') {
          this.vmState[vm] = CLEANSING;
          this.cleansing[host]++;
        } else {
          this.vmState[vm] = SPARE;
          this.addSpare(host);
        }
        vm++;
      }
    });
  }

  /** Follows one reported VM state change. */
  onStateChange(vm: number, from: string, to: string, time: number): void {
    const f = stateCode(from);
    const t = stateCode(to);
    const host = this.vmHost[vm];
    if (f !== this.vmState[vm] || t !== (f + 1) % 4) {
      this.sink(
        'conservation',
        `VM ${vm} went from "${from}" to "${to}" at t=${time}s, but it was ${['active', 'grace', 'cleansing', 'spare'][this.vmState[vm]]}`,
      );
    }
    this.vmState[vm] = t;
    switch (t) {
      case ACTIVE: {
        const service = this.fleet.service(vm);
        this.vmService[vm] = service;
        this.removeSpare(host);
        if (service >= 0 && service < this.services) this.addActive(service, host);
        else this.sink('conservation', `VM ${vm} became Active with service ${service} at t=${time}s`);
        break;
      }
      case GRACE: {
        const service = this.vmService[vm];
        if (service >= 0) this.removeActive(service, host);
        break;
      }
      case CLEANSING:
        this.vmService[vm] = -1;
        this.cleansing[host]++;
        this.markHost(host);
        break;
      case SPARE:
        this.cleansing[host]--;
        this.addSpare(host);
        break;
    }
  }

  /** After an event: compares what changed; every 1024 events (and on the first) everything. */
  afterEvent(time: number, cycle: number): void {
    if ((this.events++ & 1023) === 0) {
      this.fullCheck(time, cycle);
      return;
    }
    if (this.dirtyCellCount === 0 && this.dirtyHostCount === 0) return;
    const table = this.table;
    const hosts = this.hosts;
    let lastService = -1;
    for (let i = 0; i < this.dirtyCellCount; i++) {
      const cell = this.dirtyCells[i];
      this.cellDirty[cell] = 0;
      const service = (cell / hosts) | 0;
      const host = cell - service * hosts;
      if (table.activeCount(service, host) !== this.active[cell])
        this.sink(
          'table',
          `service ${this.name(service)} on host ${host}: table says ${table.activeCount(service, host)} Active, recount ${this.active[cell]} at t=${time}s`,
        );
      if (service !== lastService) {
        this.checkService(service, time, cycle);
        lastService = service;
      }
    }
    this.dirtyCellCount = 0;
    for (let i = 0; i < this.dirtyHostCount; i++) {
      const host = this.dirtyHosts[i];
      this.hostDirty[host] = 0;
      this.checkHost(host, time);
    }
    this.dirtyHostCount = 0;
    this.checkTotals(time);
  }

  /** Recounts everything from the VMs and compares the table and the guarantees. */
  fullCheck(time: number, cycle: number): void {
    const fleet = this.fleet;
    for (let vm = 0; vm < fleet.size; vm++) {
      const state = stateCode(fleet.state(vm));
      const service = fleet.service(vm);
      const online = state === ACTIVE || state === GRACE;
      if (online !== (service >= 0 && service < this.services))
        this.sink('conservation', `VM ${vm} is ${fleet.state(vm)} with service ${service} at t=${time}s`);
      if (state !== this.vmState[vm] || (online && service !== this.vmService[vm]))
        this.sink(
          'conservation',
          `VM ${vm} is ${fleet.state(vm)} (service ${service}) but its reported changes say otherwise at t=${time}s`,
        );
    }
    for (let cell = 0; cell < this.cellDirty.length; cell++) {
      this.cellDirty[cell] = 0;
      const service = (cell / this.hosts) | 0;
      const host = cell - service * this.hosts;
      if (this.table.activeCount(service, host) !== this.active[cell])
        this.sink(
          'table',
          `service ${this.name(service)} on host ${host}: table says ${this.table.activeCount(service, host)} Active, recount ${this.active[cell]} at t=${time}s`,
        );
    }
    for (let s = 0; s < this.services; s++) this.checkService(s, time, cycle);
    for (let h = 0; h < this.hosts; h++) {
      this.hostDirty[h] = 0;
      this.checkHost(h, time);
    }
    this.dirtyCellCount = 0;
    this.dirtyHostCount = 0;
    this.checkTotals(time);
  }

  private name(service: number): string {
    return this.config.services[service]?.name ?? String(service);
  }

  private checkService(service: number, time: number, cycle: number): void {
    const wanted = this.config.services[service];
    const total = this.totals[service];
    const level = this.levels[service];
    if (this.table.level(service) !== level)
      this.sink(
        'table',
        `service ${wanted.name}: table level ${this.table.level(service)}, recount ${level} at t=${time}s`,
      );
    if (this.table.activeTotal(service) !== total)
      this.sink(
        'table',
        `service ${wanted.name}: table total ${this.table.activeTotal(service)}, recount ${total} at t=${time}s`,
      );
    if (total !== wanted.required)
      this.sink(
        'conservation',
        `service ${wanted.name}: ${total} Active VMs, required ${wanted.required} at t=${time}s`,
      );
    if (total < wanted.minimum)
      this.sink(
        'minimum',
        `service ${wanted.name}: ${total} Active VMs < minimum ${wanted.minimum} at t=${time}s`,
      );
    if (this.checkRedundancy && level < wanted.target)
      this.sink(
        'redundancy',
        `service ${wanted.name}: level ${level} < target ${wanted.target} at t=${time}s (cycle ${cycle})`,
      );
  }

  private checkHost(host: number, time: number): void {
    const table = this.table;
    if (table.cleansingCount(host) !== this.cleansing[host] || table.spareCount(host) !== this.spares[host])
      this.sink(
        'table',
        `host ${host}: table says ${table.cleansingCount(host)} cleansing / ${table.spareCount(host)} spares, ` +
          `recount ${this.cleansing[host]} / ${this.spares[host]} at t=${time}s`,
      );
  }

  private checkTotals(time: number): void {
    if (this.table.totalSpares !== this.spareTotal)
      this.sink(
        'table',
        `spare pool holds ${this.table.totalSpares}, recount ${this.spareTotal} at t=${time}s`,
      );
    if (this.table.hostsWithSpares !== this.hostsWithSpares)
      this.sink(
        'table',
        `spare-host index holds ${this.table.hostsWithSpares} hosts, recount ${this.hostsWithSpares} at t=${time}s`,
      );
  }

  private markCell(service: number, host: number): void {
    const cell = service * this.hosts + host;
    if (this.cellDirty[cell] === 0) {
      this.cellDirty[cell] = 1;
      this.dirtyCells[this.dirtyCellCount++] = cell;
    }
  }

  private markHost(host: number): void {
    if (this.hostDirty[host] === 0) {
      this.hostDirty[host] = 1;
      this.dirtyHosts[this.dirtyHostCount++] = host;
    }
  }

  private addActive(service: number, host: number): void {
    const cell = service * this.hosts + host;
    if (this.active[cell]++ === 0) this.levels[service]++;
    this.totals[service]++;
    this.markCell(service, host);
  }

  private removeActive(service: number, host: number): void {
    const cell = service * this.hosts + host;
    if (--this.active[cell] === 0) this.levels[service]--;
    this.totals[service]--;
    this.markCell(service, host);
  }

  private addSpare(host: number): void {
    if (this.spares[host]++ === 0) this.hostsWithSpares++;
    this.spareTotal++;
    this.markHost(host);
  }

  private removeSpare(host: number): void {
    if (--this.spares[host] === 0) this.hostsWithSpares--;
    this.spareTotal--;
    this.markHost(host);
  }
}
