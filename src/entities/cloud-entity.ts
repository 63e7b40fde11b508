/**
 * Base class of CloudSim-style simulation entities (datacenters, brokers, the information service):
 * kernel entities whose messages travel through the simulation's {@link CloudEventBus}, so that they
 * are processed in CloudSim's order.
 */
import { Entity, type SimEvent, SimulationError } from '../core/index.js';
import type { CloudEventBus } from './cloud-event-bus.js';

/**
 * A simulation entity that talks through a {@link CloudEventBus}. `M` is the union of its messages.
 * It has one way to send, {@link sendTo} / {@link sendToSelf}: the kernel's `send` and `sendSelf`,
 * which would bypass CloudSim's event order, cannot be called on it (a compile error, and a throw).
 */
export abstract class CloudEntity<M> extends Entity<M> {
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

  /** Sends `message` to another CloudSim-style entity after `delay` seconds, in CloudSim's order. */
  protected sendTo<N>(target: CloudEntity<N>, delay: number, message: N): void {
    this.bus.post(this, target, delay, message);
  }

  /**
   * Sends `count` messages to `target` after `delay` seconds, as `count` calls of {@link sendTo} in a
   * row would; message `i` is made by `messageAt(i)` when it is delivered (see `CloudEventBus.postEach`).
   */
  protected sendEachTo<N>(
    target: CloudEntity<N>,
    delay: number,
    count: number,
    messageAt: (index: number) => N,
  ): void {
    this.bus.postEach(this, target, delay, count, messageAt);
  }

  /**
   * {@link sendToSelf} for one message object sent again and again (a datacenter's updates): each
   * waits as a bare queue entry, without a slot, and is delivered as `sendToSelf` would (see
   * `CloudEventBus.postRepeat`).
   */
  protected sendToSelfRepeat(delay: number, message: M): void {
    this.bus.postRepeat(this, this, delay, message);
  }

  /** Sends `message` to this entity after `delay` seconds, in CloudSim's order. */
  protected sendToSelf(delay: number, message: M): void {
    this.bus.post(this, this, delay, message);
  }

  /** @deprecated Not available on a CloudEntity: it would bypass CloudSim's event order. Use `sendTo`. */
  protected override send(_target: never, _delay: never, _message: never): never {
    throw bypassError(this, 'send', 'sendTo');
  }

  /** @deprecated Not available on a CloudEntity: it would bypass CloudSim's event order. Use `sendToSelf`. */
  protected override sendSelf(_delay: never, _message: never): never {
    throw bypassError(this, 'sendSelf', 'sendToSelf');
  }
}

function bypassError(entity: CloudEntity<unknown>, verb: string, instead: string): SimulationError {
  return new SimulationError(
    'invalid-argument',
    `${entity.name}: ${verb}() would bypass CloudSim's event order on a CloudEntity; use ${instead}()`,
  );
}
