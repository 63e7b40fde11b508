/**
 * The future events behind `Simulation` (internal): a heap of slot ids ordered by (time, sequence),
 * each pending event in a slot (reused when freed): a 16-byte int32 record (state and lane, sequence
 * number, target and source entity ids) and one payload entry (the message, or a timer's action), so
 * that dispatching an event whose slot has left the cache reads two cache lines (docs/kernel-queue.md);
 * also the lanes' queues and the purge of cancelled events. An event handle nobody keeps costs one
 * short-lived allocation.
 */

import { EventHeap } from './event-heap.js';
import type { AnyEntity, EventRecord } from './events.js';
import { grown } from './min-heap.js';

const FREE = 0;
const PENDING = 1;
const CANCELLED = 2;
/**
 * A slot's four int32s in `meta` (16 bytes, one cache line): its state and lane (state | lane << 2,
 * lane 0 for none, else lane index + 1), its target's entity id and its source's (−1 for none), and
 * its sequence number while every number fits an int32 (see `seqOf`).
 */
const INFO = 0;
const SEQ = 1;
const TARGET = 2;
const SOURCE = 3;
/** The low two bits of a slot's `INFO`: FREE, PENDING or CANCELLED; the rest is its lane. */
const STATE_BITS = 3;
/**
 * Sequence numbers below this are kept only in the slot's `meta` record (an int32); from the first one
 * at or past it, all are also kept as doubles (`EventHeap.wideSeqs`).
 */
const INT32_SEQS = 2 ** 31;
/** Purge cancelled events from the heap once they are this many and the majority. */
const PURGE_THRESHOLD = 4096;
/**
 * Slots (and heap entries) a new simulation starts with; they double when full. Small, because most
 * runs keep few events pending and a sweep builds a simulation per run: large typed arrays allocated
 * per run cost zeroing and off-heap bookkeeping, shared by every worker thread of the process.
 */
const INITIAL_SLOTS = 64;

export class EventStore {
  private nextSeq = 0;
  /**
   * Whether the heap's first entry is the event being dispatched, already taken: it leaves the heap
   * when the handler schedules its first event (which replaces it: one sift-down instead of a pop and
   * a push) or, failing that, before the heap is next read (`settle`).
   */
  private topTaken = false;
  /** Per slot: state and lane, sequence number, target id, source id (see `INFO`…`SOURCE`). */
  meta = new Int32Array(INITIAL_SLOTS * 4);
  private readonly heap = new EventHeap(INITIAL_SLOTS, this.meta);
  /** Per slot: the message of an event with a target, the action of a timer (target id −1). */
  readonly payloads: unknown[] = [];
  /** Sources that belong to another simulation, by slot (their id is no index into this one's entities). */
  readonly foreignSources = new Map<number, AnyEntity>();
  private readonly freeSlots: number[] = [];
  private slotCount = 0;
  private readonly lanes: LaneRing[] = [];
  /** Events queued in lanes behind their heads (not in the heap). */
  private laneQueued = 0;
  private cancelled = 0;
  /** Cancelled events in the heap that are not lane heads (what a purge can drop). */
  private cancelledPlain = 0;

  /** Live (not cancelled) events. */
  get pending(): number {
    return this.heap.size - (this.topTaken ? 1 : 0) + this.laneQueued - this.cancelled;
  }

  /**
   * Stores an event in a free slot: its target's and source's entity ids (−1 for none) and its
   * payload (the message, or a timer's action); returns the slot (then `push` or `pushOnLane` it).
   */
  fill(sourceId: number, targetId: number, payload: unknown): number {
    const slot = this.freeSlots.pop() ?? this.newSlot();
    const at = slot << 2;
    const meta = this.meta;
    meta[at + INFO] = PENDING;
    meta[at + TARGET] = targetId;
    meta[at + SOURCE] = sourceId;
    this.payloads[slot] = payload;
    return slot;
  }

  /** Schedules the event in `slot` at `time`; returns its sequence number. */
  push(time: number, slot: number): number {
    const seq = this.numbered(slot);
    this.insert(time, seq, slot);
    return seq;
  }

  /**
   * Gives the event in `slot` the next sequence number, kept in its `meta` record while every number
   * fits an int32: no other array is written per event, so an event touches one slot line fewer
   * (docs/kernel-queue.md). The first number past that range starts the heap's `wideSeqs`.
   */
  private numbered(slot: number): number {
    const seq = this.nextSeq++;
    this.meta[(slot << 2) + SEQ] = seq;
    if (seq >= INT32_SEQS) this.widen()[slot] = seq;
    return seq;
  }

  /** The sequence numbers as doubles, made from the int32 ones the first time a number needs it. */
  private widen(): Float64Array {
    let wide = this.heap.wideSeqs;
    if (wide === undefined) {
      wide = new Float64Array(this.meta.length >> 2);
      for (let slot = 0; slot < this.slotCount; slot++) wide[slot] = this.meta[(slot << 2) + SEQ];
      this.heap.wideSeqs = wide;
    }
    return wide;
  }

  /** Puts (time, seq, slot) in the heap, in place of the taken event if there is one. */
  private insert(time: number, seq: number, slot: number): void {
    if (this.topTaken) {
      this.topTaken = false;
      this.heap.replaceTop(time, seq, slot);
    } else this.heap.push(time, seq, slot);
  }

  /** Removes the taken event from the heap, if it is still there. */
  private settle(): void {
    if (this.topTaken) {
      this.topTaken = false;
      this.heap.pop();
    }
  }
  /** A new lane (see `DelayLane`); returns its index. */
  addLane(): number {
    return this.lanes.push(new LaneRing()) - 1;
  }

  /** Schedules the event in `slot` on lane `index` at `time` (now + its delay); returns its sequence number. */
  pushOnLane(index: number, time: number, slot: number): number {
    const lane = this.lanes[index];
    const seq = this.numbered(slot);
    this.meta[(slot << 2) + INFO] = PENDING | ((index + 1) << 2);
    if (lane.headInHeap) {
      lane.append(slot, time);
      this.laneQueued++;
    } else {
      lane.headInHeap = true;
      this.insert(time, seq, slot);
    }
    return seq;
  }

  /** Cancels a pending event; false if it already fired or was already cancelled. */
  cancel(record: EventRecord<unknown>): boolean {
    const slot = record.slot;
    const at = slot << 2;
    const meta = this.meta;
    const info = meta[at + INFO];
    if (record.cancelled || (info & STATE_BITS) !== PENDING || this.seqOf(slot) !== record.seq) return false;
    record.cancelled = true;
    meta[at + INFO] = info - PENDING + CANCELLED;
    this.payloads[slot] = undefined;
    this.cancelled++;
    if (info >> 2 === 0 && ++this.cancelledPlain > PURGE_THRESHOLD) {
      if (this.cancelledPlain * 2 > this.heap.size - (this.topTaken ? 1 : 0)) this.purge();
    }
    return true;
  }

  /** Time of the next live event (dropping the cancelled ones before it), or `Infinity` if none. */
  nextTime(): number {
    this.settle();
    const heap = this.heap;
    while (heap.size > 0) {
      const slot = heap.topSlot();
      const info = this.meta[(slot << 2) + INFO];
      if ((info & STATE_BITS) !== CANCELLED) return heap.topTime();
      this.take();
      this.settle();
      if (info >> 2 === 0) this.cancelledPlain--;
      this.release(slot);
      this.cancelled--;
    }
    return Number.POSITIVE_INFINITY;
  }

  /**
   * Takes the heap's first event (call `nextTime` first: the heap must not be empty) and returns its
   * slot; its payload stays readable until `release`. It leaves the heap lazily (see `topTaken`).
   */
  take(): number {
    const slot = this.heap.topSlot();
    this.topTaken = true;
    const laneId = this.meta[(slot << 2) + INFO] >> 2;
    if (laneId !== 0) this.advanceLane(this.lanes[laneId - 1]);
    return slot;
  }

  /** Sequence number of the event in `slot` (read from its `meta` record while all fit an int32). */
  seqOf(slot: number): number {
    const wide = this.heap.wideSeqs;
    return wide === undefined ? this.meta[(slot << 2) + SEQ] : wide[slot];
  }
  /** Entity id of the event's target in `slot` (−1 for a timer). */
  targetOf(slot: number): number {
    return this.meta[(slot << 2) + TARGET];
  }
  /** Entity id of the event's source in `slot` (−1 for none). */
  sourceOf(slot: number): number {
    return this.meta[(slot << 2) + SOURCE];
  }

  release(slot: number): void {
    this.meta[(slot << 2) + INFO] = FREE;
    this.payloads[slot] = undefined;
    if (this.foreignSources.size > 0) this.foreignSources.delete(slot);
    this.freeSlots.push(slot);
  }

  /** A lane's head has left the heap: its next event enters. */
  private advanceLane(lane: LaneRing): void {
    lane.headInHeap = lane.size > 0;
    if (!lane.headInHeap) return;
    const slot = lane.slots[lane.head];
    const time = lane.times[lane.head];
    lane.shift();
    this.laneQueued--;
    this.insert(time, this.seqOf(slot), slot);
  }

  private newSlot(): number {
    const slot = this.slotCount++;
    if (slot << 2 === this.meta.length) {
      this.meta = grown(this.meta, new Int32Array(slot * 8));
      this.heap.meta = this.meta;
      const wide = this.heap.wideSeqs;
      if (wide !== undefined) this.heap.wideSeqs = grown(wide, new Float64Array(slot * 2));
    }
    this.payloads.push(undefined);
    return slot;
  }

  /** Drops cancelled events but lane heads (a lane's next event enters the heap only when its head leaves). */
  private purge(): void {
    const meta = this.meta;
    this.settle();
    // Kept: pending events and lane heads (any state with a lane).
    this.heap.retain((slot) => meta[(slot << 2) + INFO] !== CANCELLED);
    for (let slot = 0; slot < this.slotCount; slot++) {
      if (meta[(slot << 2) + INFO] !== CANCELLED) continue;
      this.release(slot);
      this.cancelled--;
    }
    this.cancelledPlain = 0;
  }
}

/** A lane's events behind its head (which sits in the heap): a ring of slots and times. */
class LaneRing {
  slots = new Int32Array(16);
  times = new Float64Array(16);
  head = 0;
  size = 0;
  /** Whether the lane's earliest event is in the heap. */
  headInHeap = false;

  append(slot: number, time: number): void {
    if (this.size === this.slots.length) this.grow();
    const at = (this.head + this.size++) & (this.slots.length - 1);
    this.slots[at] = slot;
    this.times[at] = time;
  }

  /** Removes the oldest entry (read `slots[head]` and `times[head]` first). */
  shift(): void {
    this.head = (this.head + 1) & (this.slots.length - 1);
    this.size--;
  }

  /** Doubles the capacity of a full ring, its oldest entry first. */
  private grow(): void {
    this.slots = unwrapped(this.slots, new Int32Array(this.size * 2), this.head);
    this.times = unwrapped(this.times, new Float64Array(this.size * 2), this.head);
    this.head = 0;
  }
}

function unwrapped<A extends Int32Array | Float64Array>(ring: A, to: A, head: number): A {
  to.set(ring.subarray(head));
  to.set(ring.subarray(0, head), ring.length - head);
  return to;
}
