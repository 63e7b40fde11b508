/**
 * The future-event list behind `Simulation`: a heap of slot ids ordered by (time, sequence), the
 * payload of each pending event in struct-of-arrays slots (freed slots are reused), the queues of
 * the constant-delay lanes, and the purge of cancelled events. An event handle that nobody keeps
 * thus costs one short-lived allocation and no cache miss later. Internal to the kernel.
 */
import type { Entity } from './entity.js';
import type { EventRecord, TimerAction } from './events.js';
import { LaneRing } from './lanes.js';
import { MinHeap } from './min-heap.js';

const FREE = 0;
const PENDING = 1;
const CANCELLED = 2;

/** Purge cancelled events from the heap once they are this many and the majority. */
const PURGE_THRESHOLD = 4096;

export class EventStore {
  private readonly heap = new MinHeap<number>();
  private state = new Uint8Array(1024);
  /** Sequence number of each slot's event. */
  seqs = new Float64Array(1024);
  /** Lane of each slot: 0 for none, else lane index + 1. */
  private laneOf = new Int32Array(1024);
  readonly targets: (Entity<unknown> | undefined)[] = [];
  readonly sources: (Entity<unknown> | undefined)[] = [];
  readonly messages: unknown[] = [];
  readonly actions: (TimerAction | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private slotCount = 0;
  private readonly lanes: LaneRing[] = [];
  /** Events queued in lanes behind their heads (not in the heap). */
  private laneQueued = 0;
  private cancelled = 0;
  /** Cancelled events in the heap that are not lane heads (what a purge can drop). */
  private cancelledPlain = 0;

  /** Live (not cancelled) pending events. */
  get pending(): number {
    return this.heap.size + this.laneQueued - this.cancelled;
  }

  /** Stores an event's payload in a free slot; returns the slot (then `push` or `pushOnLane` it). */
  fill(
    source: Entity<unknown> | undefined,
    target: Entity<unknown> | undefined,
    message: unknown,
    action: TimerAction | undefined,
  ): number {
    const slot = this.freeSlots.pop() ?? this.newSlot();
    this.state[slot] = PENDING;
    this.targets[slot] = target;
    this.sources[slot] = source;
    this.messages[slot] = message;
    this.actions[slot] = action;
    return slot;
  }

  /** Schedules the event in `slot` at `time`; returns its sequence number. */
  push(time: number, slot: number): number {
    const seq = this.heap.push(time, slot);
    this.seqs[slot] = seq;
    return seq;
  }

  /** A new lane (see `DelayLane`); returns its index. */
  addLane(): number {
    return this.lanes.push(new LaneRing()) - 1;
  }

  /** Schedules the event in `slot` on lane `index` at `time` (now + the lane's delay); returns its sequence number. */
  pushOnLane(index: number, time: number, slot: number): number {
    const lane = this.lanes[index];
    const seq = this.heap.reserveSequence();
    this.seqs[slot] = seq;
    this.laneOf[slot] = index + 1;
    if (lane.headInHeap) {
      lane.append(slot, time);
      this.laneQueued++;
    } else {
      lane.headInHeap = true;
      this.heap.pushWithSequence(time, seq, slot);
    }
    return seq;
  }

  /** Cancels a pending event; false if it already fired or was already cancelled. */
  cancel(record: EventRecord<unknown>): boolean {
    const slot = record.slot;
    if (record.cancelled || this.state[slot] !== PENDING || this.seqs[slot] !== record.seq) return false;
    record.cancelled = true;
    this.state[slot] = CANCELLED;
    this.messages[slot] = undefined;
    this.actions[slot] = undefined;
    this.cancelled++;
    if (this.laneOf[slot] === 0) {
      this.cancelledPlain++;
      if (this.cancelledPlain > PURGE_THRESHOLD && this.cancelledPlain * 2 > this.heap.size) this.purge();
    }
    return true;
  }

  /** Time of the next live event (dropping cancelled ones at the head), or `Infinity` if none. */
  nextTime(): number {
    const heap = this.heap;
    while (heap.size > 0) {
      const slot = heap.peek() as number;
      if (this.state[slot] !== CANCELLED) return heap.peekKey();
      this.take();
      if (this.laneOf[slot] === 0) this.cancelledPlain--;
      this.release(slot);
      this.cancelled--;
    }
    return Number.POSITIVE_INFINITY;
  }

  /** Removes the heap's first event and returns its slot; its payload stays readable until `release`. */
  take(): number {
    const slot = this.heap.pop() as number;
    const laneId = this.laneOf[slot];
    if (laneId !== 0) this.advanceLane(this.lanes[laneId - 1]);
    return slot;
  }

  release(slot: number): void {
    this.state[slot] = FREE;
    this.laneOf[slot] = 0;
    this.messages[slot] = undefined;
    this.actions[slot] = undefined;
    this.freeSlots.push(slot);
  }

  /** A lane's head has left the heap: its next event enters. */
  private advanceLane(lane: LaneRing): void {
    if (lane.size === 0) {
      lane.headInHeap = false;
      return;
    }
    const slot = lane.slots[lane.head];
    const time = lane.times[lane.head];
    lane.shift();
    this.laneQueued--;
    this.heap.pushWithSequence(time, this.seqs[slot], slot);
  }

  private newSlot(): number {
    const slot = this.slotCount++;
    if (slot === this.state.length) {
      this.state = grown(this.state, new Uint8Array(slot * 2));
      this.seqs = grown(this.seqs, new Float64Array(slot * 2));
      this.laneOf = grown(this.laneOf, new Int32Array(slot * 2));
    }
    this.targets.push(undefined);
    this.sources.push(undefined);
    this.messages.push(undefined);
    this.actions.push(undefined);
    return slot;
  }

  /** Drops the cancelled events that are not lane heads (a lane's next event enters only when its head leaves). */
  private purge(): void {
    const state = this.state;
    const laneOf = this.laneOf;
    this.heap.retain((slot) => state[slot] === PENDING || laneOf[slot] !== 0);
    let released = 0;
    for (let slot = 0; slot < this.slotCount; slot++) {
      if (state[slot] === CANCELLED && laneOf[slot] === 0) {
        this.release(slot);
        released++;
      }
    }
    this.cancelled -= released;
    this.cancelledPlain = 0;
  }
}

function grown<A extends Uint8Array | Float64Array | Int32Array>(from: A, to: A): A {
  to.set(from);
  return to;
}
