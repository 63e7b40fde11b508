/**
 * Vocabulary of the SCIT model (self-cleansing intrusion tolerance with service redundancy).
 *
 * A SCIT VM cycles Active → Grace → Cleansing → LiveSpare → Active … . Active and Grace are *online*,
 * Cleansing and LiveSpare are *offline*. Every transition is ordered by the central controller with a
 * one-way {@link ScitCommand}; a VM never holds a reference to a controller and has no way to answer.
 */

/** The four SCIT states of a VM. */
export type ScitState = 'active' | 'grace' | 'cleansing' | 'spare';

/** All states, in lifecycle order. */
export const SCIT_STATES: readonly ScitState[] = ['active', 'grace', 'cleansing', 'spare'];

/**
 * A one-way command from the central controller to a VM. Commands carry no reply channel: the
 * controller keeps its own timers (it knows E, G and C) and never waits for an answer.
 */
export type ScitCommand =
  | { readonly type: 'activate'; readonly service: number }
  | { readonly type: 'enterGrace' }
  | { readonly type: 'startCleansing' }
  | { readonly type: 'becomeSpare' };

/**
 * What the controller can see of a VM: its identity and a mailbox that accepts commands and returns
 * nothing. (The VM side of the one-way channel.)
 */
export interface ScitVmPort {
  readonly id: number;
  readonly hostId: number;
  receive(command: ScitCommand): void;
}

/** A service with its guarantees, after validation (numbers resolved, target filled in). */
export interface ResolvedService {
  readonly name: string;
  /** Required service guarantee r_s: VMs of s online at all times. */
  readonly required: number;
  /** Minimum service guarantee m_s: Active VMs of s must never fall below it. */
  readonly minimum: number;
  /** Target redundancy level T_s (distinct hosts with an Active VM of s). */
  readonly target: number;
  /** Exposure time E_s: how long a VM of s stays Active before it expires (the system's E by default). */
  readonly exposureSeconds: number;
}

/** Initial state of one VM slot in a layout: a service index (Active), or an offline state. */
export type InitialSlot =
  | { readonly state: 'active'; readonly service: number }
  | { readonly state: 'cleansing' }
  | { readonly state: 'spare' };
