/** Constant-delay FIFO lanes: many pending events of one delay for the cost of one heap entry. */
import type { Entity } from './entity.js';
import type { SimEvent, TimerAction } from './events.js';
import type { Simulation } from './simulation.js';

/** The events of one lane behind its head (the head sits in the heap): a ring of slots and times. */
export class LaneRing {
  slots = new Int32Array(16);
  times = new Float64Array(16);
  head = 0;
  size = 0;
  /** Whether the lane's earliest event is in the heap. */
  headInHeap = false;

  append(slot: number, time: number): void {
    if (this.size === this.slots.length) this.grow();
    const at = (this.head + this.size) & (this.slots.length - 1);
    this.slots[at] = slot;
    this.times[at] = time;
    this.size++;
  }

  /** Removes the oldest entry; read `slots[head]` and `times[head]` first. */
  shift(): void {
    this.head = (this.head + 1) & (this.slots.length - 1);
    this.size--;
  }

  private grow(): void {
    const capacity = this.slots.length;
    const slots = new Int32Array(capacity * 2);
    const times = new Float64Array(capacity * 2);
    for (let i = 0; i < this.size; i++) {
      const from = (this.head + i) & (capacity - 1);
      slots[i] = this.slots[from];
      times[i] = this.times[from];
    }
    this.slots = slots;
    this.times = times;
    this.head = 0;
  }
}

/**
 * A FIFO lane for events that all have the same delay (e.g. every VM's exposure timer), from
 * `Simulation.lane(delaySeconds)`. Its events take their sequence numbers when sent, so they fire
 * in exactly the order `send`/`schedule` with that delay would give; since they fall due in the
 * order sent, only the lane's earliest event sits in the heap: O(1) per event instead of O(log n).
 */
export class DelayLane {
  /** @internal */
  constructor(
    private readonly sim: Simulation,
    readonly index: number,
    readonly delaySeconds: number,
  ) {}

  /** Same as `sim.send(target, delaySeconds, message, source)`. */
  send<M>(target: Entity<M>, message: M, source?: Entity<unknown>): SimEvent<M> {
    this.sim.checkTarget(target, 'lane send');
    return this.sim.enqueue(this.sim.now + this.delaySeconds, source, target, message, undefined, this);
  }

  /** Same as `sim.schedule(delaySeconds, action)`. */
  schedule(action: TimerAction): SimEvent<undefined> {
    return this.sim.enqueue(this.sim.now + this.delaySeconds, undefined, undefined, undefined, action, this);
  }
}
