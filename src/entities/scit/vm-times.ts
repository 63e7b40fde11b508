/**
 * What the central controller knows about time, kept for the strategies' read-only view: when each VM
 * entered its current state and when that state is scheduled to end (for an Active VM: its exposure
 * expiry), and when each host last finished a cleansing.
 *
 * The central controller is the only writer (it sets every timer, so it knows every end); the view
 * reads. Per VM the two times sit side by side in one array (one cache line per VM touched), written
 * once per transition: the paper's 30-cycle run pays a few hundred stores.
 */
import type { ScitState } from './scit-state.js';

/** Something with the current simulated time (the run's simulation). */
export interface SimClock {
  readonly now: number;
}

/** Per VM: [entered its state at, its state ends at], seconds. */
const SINCE = 0;
const UNTIL = 1;
const STRIDE = 2;

export class VmTimes {
  /** Per VM its state's start and end (`STRIDE` fields), then per host its last cleansing (one array: a run makes one). */
  private readonly vms: Float64Array;
  private readonly cleansed: number;

  /**
   * @param clock the run's clock, read by `nowSeconds`.
   */
  constructor(
    vmCount: number,
    hostCount: number,
    readonly clock: SimClock,
  ) {
    this.cleansed = vmCount * STRIDE;
    this.vms = new Float64Array(this.cleansed + hostCount);
    for (let vm = 0; vm < vmCount; vm++) this.vms[vm * STRIDE + UNTIL] = Number.POSITIVE_INFINITY;
    this.vms.fill(Number.NEGATIVE_INFINITY, this.cleansed);
  }

  /** `vm` entered a state at `sinceSeconds`, scheduled to end at `untilSeconds` (∞: no timer). */
  enter(vm: number, sinceSeconds: number, untilSeconds: number): void {
    const at = vm * STRIDE;
    this.vms[at + SINCE] = sinceSeconds;
    this.vms[at + UNTIL] = untilSeconds;
  }

  /** A VM on `host` finished cleansing at `atSeconds`. */
  cleansedOn(host: number, atSeconds: number): void {
    this.vms[this.cleansed + host] = atSeconds;
  }

  since(vm: number): number {
    return this.vms[vm * STRIDE + SINCE];
  }

  until(vm: number): number {
    return this.vms[vm * STRIDE + UNTIL];
  }

  lastCleansed(host: number): number {
    return this.vms[this.cleansed + host];
  }
}

/**
 * The time-related part of the strategies' view (see `RotationView`): all times in simulated seconds.
 */
export interface TimeView {
  /** The current simulated time (in a decision: the request's `nowSeconds`). */
  readonly nowSeconds: number;
  /** Number of VMs (ids 0 … vmCount − 1, host by host in layout order). */
  readonly vmCount: number;
  /** The VM's SCIT state. */
  stateOf(vm: number): ScitState;
  /** The VM's service while Active or Grace; −1 while offline. */
  serviceOf(vm: number): number;
  /** When the VM entered its current state (0 for the state it started the run in). */
  stateEnteredAtSeconds(vm: number): number;
  /**
   * When the VM's current state is scheduled to end: Active, its exposure expiry (in the past while it
   * waits for a spare); Grace, the end of its grace time; Cleansing, when it becomes a live spare; a live
   * spare has no timer (+∞).
   */
  stateEndsAtSeconds(vm: number): number;
  /** When a cleansing last finished on `host` (−∞ while none has finished in this run). */
  lastCleansedAtSeconds(host: number): number;
}
