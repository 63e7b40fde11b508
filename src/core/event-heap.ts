/**
 * The kernel's own binary min-heap of event slots ordered by (time, sequence): equal times leave in
 * insertion order (FIFO). Times in a `Float64Array`, slots in an `Int32Array`, so that no call site in
 * it sees more than one element kind (`MinHeap<T>` is shared with the schedulers, whose items are
 * objects). The sequence numbers are not moved with the entries: they are read by slot (the event
 * store's records, see `seqAt`) and only when two times are equal, so a sift touches two arrays per
 * level, not three.
 * `replaceTop` pops the first entry and pushes another in one sift-down: the kernel uses it when a
 * handler schedules an event while its own is still on top.
 */
import { grown } from './min-heap.js';

export class EventHeap {
  private times: Float64Array;
  private slots: Int32Array;
  size = 0;
  /**
   * The event store's slot records (four int32s per slot, the sequence number second; replaced when
   * they grow), where the heap reads sequence numbers while they all fit an int32. A slot's number
   * must not change while the slot is in the heap, except for the first entry between a
   * `pop`/`replaceTop` being due and made (neither reads the first entry's number).
   */
  meta: Int32Array;
  /** Sequence numbers by slot once some are past the int32 range (then read instead of `meta`). */
  wideSeqs: Float64Array | undefined = undefined;

  constructor(initialCapacity: number, meta: Int32Array) {
    this.times = new Float64Array(initialCapacity);
    this.slots = new Int32Array(initialCapacity);
    this.meta = meta;
  }

  /** Sequence number of the event in `slot` (read only when two times are equal). */
  private seqAt(slot: number): number {
    const wide = this.wideSeqs;
    return wide === undefined ? this.meta[(slot << 2) + 1] : wide[slot];
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
    const slots = this.slots;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTime = times[parent];
      if (parentTime < time || (parentTime === time && this.seqAt(slots[parent]) < seq)) break;
      times[i] = parentTime;
      slots[i] = slots[parent];
      i = parent;
    }
    times[i] = time;
    slots[i] = slot;
  }

  /** Removes the first entry (the heap must not be empty). */
  pop(): void {
    const last = --this.size;
    if (last > 0) {
      const slot = this.slots[last];
      this.siftDown(this.times[last], this.seqAt(slot), slot, 0);
    }
  }

  /** Removes the first entry and inserts (time, seq, slot): the same heap as `pop` then `push`. */
  replaceTop(time: number, seq: number, slot: number): void {
    this.siftDown(time, seq, slot, 0);
  }

  /** Keeps only the slots for which `keep` is true (O(n)). */
  retain(keep: (slot: number) => boolean): void {
    const { times, slots } = this;
    let n = 0;
    for (let i = 0; i < this.size; i++) {
      if (!keep(slots[i])) continue;
      times[n] = times[i];
      slots[n++] = slots[i];
    }
    this.size = n;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.siftDown(times[i], this.seqAt(slots[i]), slots[i], i);
  }

  private siftDown(time: number, seq: number, slot: number, from: number): void {
    const times = this.times;
    const slots = this.slots;
    const n = this.size;
    const half = n >> 1;
    let i = from;
    while (i < half) {
      let child = 2 * i + 1;
      const right = child + 1;
      if (right < n) {
        const leftTime = times[child];
        const rightTime = times[right];
        // The smaller child, chosen by arithmetic rather than a branch: which child is smaller is a
        // coin toss at every level, so a branch here is mispredicted half the time (in a standalone
        // hold loop this made the sift-down 1.5x faster at 1e3 pending and 1.3x at 1e5). Equal
        // times, which are rare, compare sequence numbers.
        child += Number(rightTime < leftTime);
        if (rightTime === leftTime && this.seqAt(slots[right]) < this.seqAt(slots[child])) child = right;
      }
      const childTime = times[child];
      if (time < childTime || (time === childTime && seq < this.seqAt(slots[child]))) break;
      times[i] = childTime;
      slots[i] = slots[child];
      i = child;
    }
    times[i] = time;
    slots[i] = slot;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    this.times = grown(this.times, new Float64Array(capacity));
    this.slots = grown(this.slots, new Int32Array(capacity));
  }
}
