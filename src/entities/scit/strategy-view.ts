/**
 * What a rotation strategy is handed, in every run and in the spec checker alike: a frozen read-only
 * view of the distribution table and a frozen request made for that one decision.
 *
 * The view holds the table in a private (`#`) field, so no cast reaches the table's mutators or its
 * fields, and `view instanceof DistributionTable` is false everywhere: a strategy cannot change the
 * run through the view, nor tell a check from a production run. Both objects are frozen: in a module
 * (strict code) writing, adding or deleting a property throws a `TypeError`, which the tolerance
 * controller reports as the strategy's failure (one line naming the strategy); in sloppy code the
 * write is ignored. Either way the run is unchanged, and nothing written can reach a later decision
 * (every decision gets a new request).
 */
import type { DistributionTable } from './distribution-table.js';
import type { RotationView, SwitchRequest } from './rotation-strategy.js';
import type { ScitState } from './scit-state.js';
import { cellService, cellState } from './scit-vm.js';
import { VM_RECORD_STRIDE, VM_STATE_CELL, type VmRecords } from './vm-records.js';
import type { VmTimes } from './vm-times.js';

/**
 * The read-only view of one system's distribution table, its VMs' states and the controller's times
 * (one per system, frozen).
 */
export class StrategyView implements RotationView {
  readonly #table: DistributionTable;
  readonly #records: Int32Array;
  readonly #times: VmTimes;
  readonly hostCount: number;
  readonly serviceCount: number;
  readonly vmCount: number;

  /**
   * @param records the system's VM records (the table's and the fleet's), read for VM states.
   * @param times the central controller's times.
   */
  constructor(table: DistributionTable, records: VmRecords, times: VmTimes) {
    this.#table = table;
    this.#records = records.data;
    this.#times = times;
    this.hostCount = table.hostCount;
    this.serviceCount = table.serviceCount;
    this.vmCount = table.vmCount;
    Object.freeze(this);
  }

  get nowSeconds(): number {
    return this.#times.clock.now;
  }
  stateOf(vm: number): ScitState {
    this.#checkVm(vm);
    return cellState(this.#records[vm * VM_RECORD_STRIDE + VM_STATE_CELL]);
  }
  serviceOf(vm: number): number {
    this.#checkVm(vm);
    return cellService(this.#records[vm * VM_RECORD_STRIDE + VM_STATE_CELL]);
  }
  stateEnteredAtSeconds(vm: number): number {
    this.#checkVm(vm);
    return this.#times.since(vm);
  }
  stateEndsAtSeconds(vm: number): number {
    this.#checkVm(vm);
    return this.#times.until(vm);
  }
  lastCleansedAtSeconds(host: number): number {
    this.#checkHost(host);
    return this.#times.lastCleansed(host);
  }
  /** A host id out of range would read another host's record: say so instead. */
  #checkHost(host: number): void {
    if (!(Number.isInteger(host) && host >= 0 && host < this.hostCount))
      throw new RangeError(`no host ${host} (hosts are 0–${this.hostCount - 1})`);
  }
  /** A VM id out of range would read another VM's record (or undefined): say so instead. */
  #checkVm(vm: number): void {
    if (!(Number.isInteger(vm) && vm >= 0 && vm < this.vmCount))
      throw new RangeError(`no VM ${vm} (ids are 0–${this.vmCount - 1})`);
  }

  activeCount(service: number, host: number): number {
    return this.#table.activeCount(service, host);
  }
  activeTotal(service: number): number {
    return this.#table.activeTotal(service);
  }
  level(service: number): number {
    return this.#table.level(service);
  }
  target(service: number): number {
    return this.#table.target(service);
  }
  cleansingCount(host: number): number {
    return this.#table.cleansingCount(host);
  }
  spareCount(host: number): number {
    return this.#table.spareCount(host);
  }
  vmsOn(host: number): number {
    this.#checkHost(host);
    return this.#table.vmsOn(host);
  }
  offlineCount(host: number): number {
    return this.#table.offlineCount(host);
  }
  get totalSpares(): number {
    return this.#table.totalSpares;
  }
  spareAt(index: number): number {
    return this.#table.spareAt(index);
  }
  sparesOn(host: number): readonly number[] {
    return this.#table.sparesOn(host);
  }
  spareOnHostAt(host: number, index: number): number {
    return this.#table.spareOnHostAt(host, index);
  }
  get hostsWithSpares(): number {
    return this.#table.hostsWithSpares;
  }
  hostWithSpareAt(index: number): number {
    return this.#table.hostWithSpareAt(index);
  }
  hostOf(vm: number): number {
    return this.#table.hostOf(vm);
  }
  /** Whether `vm` is a live spare right now. */
  isSpare(vm: number): boolean {
    return this.#table.isSpare(vm);
  }
}

/** What a strategy gets for reaching for the table through the view: the view is read-only. */
export class ReadOnlyViewError extends TypeError {
  override name = 'TypeError';
}

/** The table's mutators: on the view, each throws {@link ReadOnlyViewError}. */
const TABLE_MUTATORS = [
  'addActive',
  'removeActive',
  'addCleansing',
  'removeCleansing',
  'addSpare',
  'removeSpare',
];
/** The table's internal fields: reading one through the view throws {@link ReadOnlyViewError}. */
const TABLE_FIELDS = [
  'active',
  'levels',
  'totals',
  'targets',
  'vmRecords',
  'hostRecords',
  'hostLists',
  'pool',
  'poolSize',
  'spareHosts',
  'spareHostCount',
];
for (const name of TABLE_MUTATORS)
  Object.defineProperty(StrategyView.prototype, name, {
    value: function readOnly(): never {
      throw new ReadOnlyViewError(
        `Cannot call ${name}: the view is read-only (only the tolerance controller changes the table)`,
      );
    },
  });
for (const name of TABLE_FIELDS)
  Object.defineProperty(StrategyView.prototype, name, {
    get(): never {
      throw new ReadOnlyViewError(
        `Cannot reach ${name}: the table's state is not part of the read-only view`,
      );
    },
  });
Object.freeze(StrategyView.prototype);

/** One decision's request: plain data properties (spread and JSON work), frozen. */
class FrozenSwitchRequest implements SwitchRequest {
  constructor(
    readonly vm: number,
    readonly service: number,
    readonly host: number,
    readonly expiredAtSeconds: number,
    readonly nowSeconds: number,
  ) {
    Object.freeze(this);
  }
}
Object.freeze(FrozenSwitchRequest.prototype);

/** A new frozen request for one decision. */
export function switchRequest(
  vm: number,
  service: number,
  host: number,
  expiredAtSeconds: number,
  nowSeconds: number,
): SwitchRequest {
  return new FrozenSwitchRequest(vm, service, host, expiredAtSeconds, nowSeconds);
}

/**
 * Whether `error` is what strict code gets for writing to a frozen object (V8's messages): a strategy
 * that tried to change the view, the request or another read-only object.
 */
export function isReadOnlyWrite(error: unknown): boolean {
  if (error instanceof ReadOnlyViewError) return true;
  return (
    error instanceof TypeError &&
    /Cannot (assign to read only property|add property|set property .* which has only a getter|delete property|define property|redefine property)|object is not extensible/.test(
      error.message,
    )
  );
}
