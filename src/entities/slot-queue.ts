/**
 * The bus's queue: slot numbers ordered by (time, sequence), equal times first in, first out. The
 * kernel's `MinHeap` with its items in an `Int32Array` too: with a million queued messages, its
 * array of items (8 bytes each, allocated to the whole capacity) was ~16 MB, and each doubling left
 * the old one to the old generation. Sequence numbers sit in a `Uint32Array` (4 bytes an entry less
 * than doubles: ~8 MB with the 2 M messages queued at once in the 10^6 scale run) until one reaches
 * 2^32, and in a `Float64Array` from then on.
 */
import { grown } from '../core/min-heap.js';

const MAX_UINT32 = 2 ** 32 - 1;

export class SlotQueue {
  private keys: Float64Array;
  private seqs: Uint32Array | Float64Array;
  private slots: Int32Array;
  private count = 0;
  private nextSeq = 0;

  constructor(initialCapacity = 256) {
    const capacity = Math.max(16, initialCapacity | 0);
    this.keys = new Float64Array(capacity);
    this.seqs = new Uint32Array(capacity);
    this.slots = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Queues `slot` under `time` with the next sequence number. */
  push(time: number, slot: number): void {
    this.pushWithSequence(time, this.nextSeq++, slot);
  }

  /** Takes the next sequence number without queuing anything (for `pushWithSequence` later). */
  reserveSequence(): number {
    return this.nextSeq++;
  }

  /** Queues `slot` under `time` with a sequence number taken earlier from `reserveSequence`. */
  pushWithSequence(time: number, seq: number, slot: number): void {
    if (this.count === this.keys.length) this.grow();
    if (seq > MAX_UINT32 && this.seqs instanceof Uint32Array) this.seqs = Float64Array.from(this.seqs);
    let i = this.count++;
    const keys = this.keys;
    const seqs = this.seqs;
    const slots = this.slots;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentKey = keys[parent];
      if (parentKey < time || (parentKey === time && seqs[parent] < seq)) break;
      keys[i] = parentKey;
      seqs[i] = seqs[parent];
      slots[i] = slots[parent];
      i = parent;
    }
    keys[i] = time;
    seqs[i] = seq;
    slots[i] = slot;
  }

  /** Time of the first slot, or `Infinity` when empty. */
  peekKey(): number {
    return this.count > 0 ? this.keys[0] : Number.POSITIVE_INFINITY;
  }

  /** Sequence number of the first slot (meaningless when empty). */
  peekSequence(): number {
    return this.seqs[0];
  }

  /** The first slot without removing it, or −1 when empty. */
  peek(): number {
    return this.count > 0 ? this.slots[0] : -1;
  }

  /** Removes and returns the first slot, or −1 when empty. */
  pop(): number {
    if (this.count === 0) return -1;
    const top = this.slots[0];
    const last = --this.count;
    if (last > 0) this.siftDown(this.keys[last], this.seqs[last], this.slots[last]);
    return top;
  }

  /** Moves (key, seq, slot) down from the root to where it belongs. */
  private siftDown(key: number, seq: number, slot: number): void {
    const keys = this.keys;
    const seqs = this.seqs;
    const slots = this.slots;
    const n = this.count;
    const half = n >> 1;
    let i = 0;
    while (i < half) {
      let child = 2 * i + 1;
      let childKey = keys[child];
      const right = child + 1;
      if (right < n) {
        const rightKey = keys[right];
        if (rightKey < childKey || (rightKey === childKey && seqs[right] < seqs[child])) {
          child = right;
          childKey = rightKey;
        }
      }
      if (key < childKey || (key === childKey && seq < seqs[child])) break;
      keys[i] = childKey;
      seqs[i] = seqs[child];
      slots[i] = slots[child];
      i = child;
    }
    keys[i] = key;
    seqs[i] = seq;
    slots[i] = slot;
  }

  private grow(): void {
    const capacity = this.keys.length * 2;
    this.keys = grown(this.keys, new Float64Array(capacity));
    const seqs = this.seqs;
    this.seqs =
      seqs instanceof Uint32Array
        ? grown(seqs, new Uint32Array(capacity))
        : grown(seqs, new Float64Array(capacity));
    this.slots = grown(this.slots, new Int32Array(capacity));
  }
}
