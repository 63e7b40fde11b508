/**
 * The kernel's own binary min-heap of event slots ordered by (time, sequence): equal times leave in
 * insertion order (FIFO). Times and sequence numbers in `Float64Array`s, slots in an `Int32Array`, so
 * that no call site in it sees more than one element kind (`MinHeap<T>` is shared with the
 * schedulers, whose items are objects). `replaceTop` pops the first entry and pushes another in one
 * sift-down: the kernel uses it when a handler schedules an event while its own is still on top.
 */
import { grown } from './min-heap.js';

export class EventHeap {
  private times: Float64Array;
  private seqs: Float64Array;
  private slots: Int32Array;
  size = 0;

  constructor(initialCapacity: number) {
    this.times = new Float64Array(initialCapacity);
    this.seqs = new Float64Array(initialCapacity);
    this.slots = new Int32Array(initialCapacity);
  }

  /** Time of the first entry (the heap must not be empty). */
  topTime(): number {
    return this.times[0];
  }
  /** Slot of the first entry (the heap must not be empty). */
  topSlot(): number {
    return this.slots[0];
  }

  push(time: number, seq: number, slot: number): void {
    if (this.size === this.times.length) this.grow();
    const times = this.times;
    const seqs = this.seqs;
    const slots = this.slots;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTime = times[parent];
      if (parentTime < time || (parentTime === time && seqs[parent] < seq)) break;
      times[i] = parentTime;
      seqs[i] = seqs[parent];
      slots[i] = slots[parent];
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    slots[i] = slot;
  }

  /** Removes the first entry (the heap must not be empty). */
  pop(): void {
    const last = --this.size;
    if (last > 0) this.siftDown(this.times[last], this.seqs[last], this.slots[last], 0);
  }

  /** Removes the first entry and inserts (time, seq, slot): the same heap as `pop` then `push`. */
  replaceTop(time: number, seq: number, slot: number): void {
    this.siftDown(time, seq, slot, 0);
  }

  /** Keeps only the slots for which `keep` is true (O(n)). */
  retain(keep: (slot: number) => boolean): void {
    const { times, seqs, slots } = this;
    let n = 0;
    for (let i = 0; i < this.size; i++) {
      if (!keep(slots[i])) continue;
      times[n] = times[i];
      seqs[n] = seqs[i];
      slots[n++] = slots[i];
    }
    this.size = n;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.siftDown(times[i], seqs[i], slots[i], i);
  }

  private siftDown(time: number, seq: number, slot: number, from: number): void {
    const times = this.times;
    const seqs = this.seqs;
    const slots = this.slots;
    const n = this.size;
    const half = n >> 1;
    let i = from;
    while (i < half) {
      let child = 2 * i + 1;
      let childTime = times[child];
      const right = child + 1;
      if (right < n) {
        const rightTime = times[right];
        if (rightTime < childTime || (rightTime === childTime && seqs[right] < seqs[child])) {
          child = right;
          childTime = rightTime;
        }
      }
      if (time < childTime || (time === childTime && seq < seqs[child])) break;
      times[i] = childTime;
      seqs[i] = seqs[child];
      slots[i] = slots[child];
      i = child;
    }
    times[i] = time;
    seqs[i] = seq;
    slots[i] = slot;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    this.times = grown(this.times, new Float64Array(capacity));
    this.seqs = grown(this.seqs, new Float64Array(capacity));
    this.slots = grown(this.slots, new Int32Array(capacity));
  }
}
