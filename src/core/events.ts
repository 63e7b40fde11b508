/** The kernel's vocabulary: events, run states and what the observation hooks carry. */
import type { Entity } from './entity.js';
import type { Signal } from './signal.js';
import type { Simulation } from './simulation.js';

/** Lifecycle of a simulation (see `Simulation.run` and `Simulation.step`). */
export type SimulationState = 'created' | 'running' | 'paused' | 'finished';

/** Why `run()` returned. */
export type StopReason = 'until' | 'empty' | 'terminated';

/** What `run()` reports: the time it stopped (the last event's, or `until`), events so far, why. */
export type RunSummary = {
  readonly endTime: number;
  readonly eventsProcessed: number;
  readonly reason: StopReason;
};

/** A scheduled event, as seen by handlers and listeners. */
export interface SimEvent<M = unknown> {
  /** Simulated time at which it fires (seconds). */
  readonly time: number;
  /** Unique, increasing per simulation: the FIFO tie-break among equal times. */
  readonly seq: number;
  readonly source: AnyEntity;
  /** The entity it is delivered to; `undefined` for plain timers (`schedule`). */
  readonly target: Entity<M> | undefined;
  readonly message: M;
  /** A cancelled event never fires. */
  readonly cancelled: boolean;
}

/** A plain timer's body. */
export type TimerAction = (sim: Simulation) => void;
/** An event's source or target: an entity of any message type, or none. */
export type AnyEntity = Entity<unknown> | undefined;

export type ClockAdvance = { readonly from: number; readonly to: number };

/** The kernel's hooks, each fired after the change; the model's changes are signals of their own layers. */
export interface SimulationHooks {
  readonly eventProcessed: Signal<SimEvent<unknown>>;
  readonly clockAdvanced: Signal<ClockAdvance>;
  readonly finished: Signal<RunSummary>;
}

/** What `send`/`schedule` return and handlers receive; `slot` finds a pending event for `cancel` (−1 once delivered). */
export interface EventRecord<M> extends SimEvent<M> {
  cancelled: boolean;
  readonly slot: number;
}
