/** The kernel's vocabulary: events, run states and what the observation hooks carry. */
import type { Entity } from './entity.js';
import type { Signal } from './signal.js';
import type { Simulation } from './simulation.js';

/** Lifecycle of a simulation (see `Simulation.run` and `Simulation.step`). */
export type SimulationState = 'created' | 'running' | 'paused' | 'finished';

/** Why `run()` returned. */
export type StopReason = 'until' | 'empty' | 'terminated';

/** What `run()` reports. */
export interface RunSummary {
  /** Simulated time when the run stopped: the last event's time, or `until` when paused. */
  readonly endTime: number;
  /** Events processed since the simulation was created. */
  readonly eventsProcessed: number;
  readonly reason: StopReason;
}

/** A scheduled event, as seen by handlers and listeners. */
export interface SimEvent<M = unknown> {
  /** Simulated time at which it fires (seconds). */
  readonly time: number;
  /** Unique, increasing per simulation: the FIFO tie-break among equal times. */
  readonly seq: number;
  /** The entity that sent it, if any. */
  readonly source: Entity<unknown> | undefined;
  /** The entity it is delivered to; `undefined` for plain timers (`schedule`). */
  readonly target: Entity<M> | undefined;
  readonly message: M;
  /** True once cancelled; a cancelled event never fires. */
  readonly cancelled: boolean;
}

/** A plain timer's body. */
export type TimerAction = (sim: Simulation) => void;

/** Payload of `hooks.clockAdvanced`. */
export interface ClockAdvance {
  readonly from: number;
  readonly to: number;
}

/**
 * The kernel's typed observation hooks, each fired after the change it reports. State changes of
 * the model (VMs, cloudlets, SCIT states) are signals of the layer that owns them.
 */
export interface SimulationHooks {
  readonly eventProcessed: Signal<SimEvent<unknown>>;
  readonly clockAdvanced: Signal<ClockAdvance>;
  readonly finished: Signal<RunSummary>;
}

/**
 * What `send`/`schedule` return and what handlers receive. `slot` locates a pending event for
 * `cancel` (−1 once delivered): the kernel keeps no reference to the record itself.
 */
export class EventRecord<M> implements SimEvent<M> {
  cancelled = false;
  constructor(
    readonly time: number,
    readonly seq: number,
    readonly source: Entity<unknown> | undefined,
    readonly target: Entity<M> | undefined,
    readonly message: M,
    readonly slot: number,
  ) {}
}
