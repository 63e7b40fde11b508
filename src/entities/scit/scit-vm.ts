/**
 * The SCIT side of the VMs: their states and current services. VMs only *receive* one-way commands;
 * they hold no reference to any controller and cannot send anything back. An illegal command (e.g.
 * `activate` on a VM that is not a live spare) is a bug in the controller and throws.
 *
 * States live in one {@link ScitFleet}: one 32-bit cell per VM (state and service packed) in the VM's
 * shared record ({@link VmRecords}), so a rotation over 100,000 VMs touches one cache line per VM
 * instead of one object per VM; {@link ScitVm} is the per-VM view of it.
 */
import { assertNever } from '../../core/errors.js';
import { Signal } from '../../core/signal.js';
import type { Simulation } from '../../core/simulation.js';
import {
  type InitialSlot,
  SCIT_STATES,
  type ScitCommand,
  type ScitState,
  type ScitVmPort,
} from './scit-state.js';
import { VM_HOST, VM_RECORD_STRIDE, VM_STATE_CELL, type VmRecords } from './vm-records.js';

const ACTIVE = 0;
const GRACE = 1;
const CLEANSING = 2;
const SPARE = 3;
/** A cell is `(service + 1) << 2 | state`: the low two bits hold the state, the rest the service (+1, so offline is 0). */
const STATE_BITS = 2;
const STATE_MASK = 3;

/** The state held in a fleet cell (a VM record's `VM_STATE_CELL`). */
export function cellState(cell: number): ScitState {
  return SCIT_STATES[cell & STATE_MASK];
}

/** The service held in a fleet cell: its index while Active or Grace, −1 while offline. */
export function cellService(cell: number): number {
  return (cell >> STATE_BITS) - 1;
}

/** Payload of {@link ScitFleet.stateChanged}: one VM's SCIT transition. */
export interface ScitTransition {
  readonly time: number;
  readonly vm: number;
  readonly from: ScitState;
  readonly to: ScitState;
}

/** The state and service of every SCIT VM, indexed by VM id, and their shared command mailbox. */
export class ScitFleet {
  /** Fires after every state transition of a VM. */
  readonly stateChanged = new Signal<ScitTransition>();
  /** The shared VM records; this fleet owns their `VM_STATE_CELL` field: state and service (+1), packed. */
  private readonly records: Int32Array;
  readonly size: number;

  /**
   * @param records the system's VM records (hosts filled in).
   * @param initial initial slot of each VM, by VM id.
   */
  constructor(
    private readonly sim: Simulation,
    records: VmRecords,
    initial: readonly InitialSlot[],
  ) {
    if (initial.length !== records.size)
      throw new Error(`ScitFleet: ${records.size} VM records but ${initial.length} initial slots`);
    this.records = records.data;
    this.size = records.size;
    initial.forEach((slot, vm) => {
      this.records[vm * VM_RECORD_STRIDE + VM_STATE_CELL] =
        slot.state === 'active'
          ? ((slot.service + 1) << STATE_BITS) | ACTIVE
          : slot.state === 'cleansing'
            ? CLEANSING
            : SPARE;
    });
  }

  state(vm: number): ScitState {
    return SCIT_STATES[this.records[vm * VM_RECORD_STRIDE + VM_STATE_CELL] & STATE_MASK];
  }

  /** Service of `vm` while Active or Grace; -1 while offline. */
  service(vm: number): number {
    return (this.records[vm * VM_RECORD_STRIDE + VM_STATE_CELL] >> STATE_BITS) - 1;
  }

  hostOf(vm: number): number {
    return this.records[vm * VM_RECORD_STRIDE + VM_HOST];
  }

  /** Delivers a one-way command to `vm`. */
  receive(vm: number, command: ScitCommand): void {
    const at = vm * VM_RECORD_STRIDE + VM_STATE_CELL;
    const cell = this.records[at];
    const from = cell & STATE_MASK;
    let to: number;
    switch (command.type) {
      case 'activate':
        this.expect(vm, from, SPARE, command.type);
        to = ACTIVE;
        this.records[at] = ((command.service + 1) << STATE_BITS) | ACTIVE;
        break;
      case 'enterGrace':
        this.expect(vm, from, ACTIVE, command.type);
        to = GRACE;
        this.records[at] = (cell & ~STATE_MASK) | GRACE;
        break;
      case 'startCleansing':
        this.expect(vm, from, GRACE, command.type);
        to = CLEANSING;
        this.records[at] = CLEANSING;
        break;
      case 'becomeSpare':
        this.expect(vm, from, CLEANSING, command.type);
        to = SPARE;
        this.records[at] = SPARE;
        break;
      default:
        assertNever(command);
    }
    const signal = this.stateChanged;
    if (signal.size > 0)
      signal.emit({ time: this.sim.now, vm, from: SCIT_STATES[from], to: SCIT_STATES[to] });
  }

  private expect(vm: number, actual: number, wanted: number, command: string): void {
    if (actual !== wanted)
      throw new Error(
        `SCIT VM ${vm}: command "${command}" needs state "${SCIT_STATES[wanted]}" but it is "${SCIT_STATES[actual]}"`,
      );
  }
}

/** A VM under SCIT control: a view of one VM of a {@link ScitFleet}. `vm` is the underlying cloud VM object when the system is built on hosts. */
export class ScitVm<V = unknown> implements ScitVmPort {
  constructor(
    readonly id: number,
    readonly hostId: number,
    private readonly fleet: ScitFleet,
    readonly vm?: V,
  ) {}

  get state(): ScitState {
    return this.fleet.state(this.id);
  }

  /** Service index while Active or Grace; -1 while offline. */
  get service(): number {
    return this.fleet.service(this.id);
  }

  receive(command: ScitCommand): void {
    this.fleet.receive(this.id, command);
  }
}
