/**
 * Base class of CloudSim-style simulation entities (datacenters, brokers, the information service):
 * kernel entities whose messages travel through the simulation's {@link CloudEventBus}, so that they
 * are processed in CloudSim's order.
 */
import { Entity, type SimEvent } from '../core/index.js';
import type { BusEntity, CloudEventBus } from './cloud-event-bus.js';

/** A simulation entity that talks through a {@link CloudEventBus}. `M` is the union of its messages. */
export abstract class CloudEntity<M> extends Entity<M> implements BusEntity<M> {
  private readonly createdWhileRunning: boolean;

  constructor(
    readonly bus: CloudEventBus,
    name: string,
  ) {
    super(bus.sim, name);
    this.createdWhileRunning = bus.sim.state !== 'created';
    if (this.createdWhileRunning) bus.announce(this);
  }

  /** Processes one message (called by the bus in CloudSim's order). */
  abstract override handle(message: M, event: SimEvent<M>): void;

  /** CloudSim's startEntity: send the first messages. Default: nothing. */
  startEntity(): void {}

  /** Kernel start hook: entities present at start begin here; later ones begin through the bus. */
  override onStart(): void {
    if (!this.createdWhileRunning) this.startEntity();
  }

  /** Sends `message` to another CloudSim-style entity after `delay` seconds. */
  protected sendTo<N>(target: BusEntity<N>, delay: number, message: N): void {
    this.bus.send(this, target, delay, message);
  }

  /** Sends `message` to this entity after `delay` seconds. */
  protected sendToSelf(delay: number, message: M): void {
    this.bus.send(this, this, delay, message);
  }
}
