import type { SimEvent } from './events.js';
import type { Simulation } from './simulation.js';

/**
 * A simulation entity: it receives typed messages, `M` (usually a union discriminated on `type`,
 * handled by a `switch` that ends in `default: assertNever(message)`). Ids follow creation order.
 */
export abstract class Entity<M = never> {
  readonly id: number;

  constructor(
    readonly sim: Simulation,
    readonly name: string,
  ) {
    this.id = sim.register(this);
  }

  /** Processes one message delivered to this entity. */
  abstract handle(message: M, event: SimEvent<M>): void;

  /** Called once at the start (in id order), or, for an entity created later, by an event at its creation. */
  onStart(): void {}

  /** Called once when the simulation finishes. */
  onShutdown(): void {}

  /** Sends `message` to `target`, delivered after `delay` simulated seconds; this entity is the source. */
  protected send<N>(target: Entity<N>, delay: number, message: N): SimEvent<N> {
    return this.sim.send(target, delay, message, this);
  }

  /** Sends `message` to this entity after `delay` simulated seconds. */
  protected sendSelf(delay: number, message: M): SimEvent<M> {
    return this.sim.send(this, delay, message, this);
  }

  toString(): string {
    return `${this.name}#${this.id}`;
  }
}
