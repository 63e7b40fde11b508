/**
 * The future-event queue: a binary min-heap ordered by (time, sequence).
 *
 * Layout chosen from the measurements in TOOLCHAIN.md: times and sequence numbers live in two
 * `Float64Array`s, items in a parallel plain array, and the sequence is compared only when times
 * are equal. Every operation is O(log n); equal times leave in insertion order (FIFO), which makes
 * runs deterministic. Sequence numbers are assigned by the queue and are unique per queue.
 */
export class EventQueue<T> {
  private times: Float64Array;
  private seqs: Float64Array;
  private items: (T | undefined)[];
  private count = 0;
  private nextSeq = 0;

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(16, initialCapacity | 0);
    this.times = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.items = new Array<T | undefined>(capacity);
  }

  /** Number of items in the queue. */
  get size(): number {
    return this.count;
  }

  /** The sequence number the next `push` will assign. */
  get sequence(): number {
    return this.nextSeq;
  }

  /** Inserts `item` at `time`; returns the sequence number it was given. */
  push(time: number, item: T): number {
    const seq = this.nextSeq++;
    this.pushWithSequence(time, seq, item);
    return seq;
  }

  /** Takes the next sequence number without pushing anything; pass it to `pushWithSequence` later. */
  reserveSequence(): number {
    return this.nextSeq++;
  }

  /**
   * Inserts `item` at `time` with a sequence number taken earlier from `reserveSequence` (or `push`).
   * Among equal times it goes before every item with a larger sequence number.
   */
  pushWithSequence(time: number, seq: number, item: T): void {
    if (this.count === this.times.length) this.grow();
    let i = this.count++;
    const times = this.times;
    const seqs = this.seqs;
    const items = this.items;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTime = times[parent];
      if (parentTime < time || (parentTime === time && seqs[parent] < seq)) break;
      times[i] = parentTime;
      seqs[i] = seqs[parent];
      items[i] = items[parent];
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    items[i] = item;
  }

  /** Time of the first item, or `Infinity` when empty. */
  peekTime(): number {
    return this.count > 0 ? this.times[0] : Number.POSITIVE_INFINITY;
  }

  /** The first item without removing it, or `undefined` when empty. */
  peek(): T | undefined {
    return this.count > 0 ? this.items[0] : undefined;
  }

  /** Removes and returns the first item, or `undefined` when empty. */
  pop(): T | undefined {
    const n = this.count;
    if (n === 0) return undefined;
    const items = this.items;
    const top = items[0];
    const last = n - 1;
    this.count = last;
    if (last > 0) this.siftDown(this.times[last], this.seqs[last], items[last]);
    items[last] = undefined;
    return top;
  }

  /** Removes every item. */
  clear(): void {
    this.items.fill(undefined, 0, this.count);
    this.count = 0;
  }

  /** Rebuilds the heap keeping only items for which `keep` is true (used to purge cancelled events). */
  retain(keep: (item: T) => boolean): void {
    const kept: { time: number; seq: number; item: T }[] = [];
    for (let i = 0; i < this.count; i++) {
      const item = this.items[i] as T;
      if (keep(item)) kept.push({ time: this.times[i], seq: this.seqs[i], item });
    }
    kept.sort((a, b) => a.time - b.time || a.seq - b.seq);
    this.clear();
    // A sorted array is a valid heap.
    for (let i = 0; i < kept.length; i++) {
      this.times[i] = kept[i].time;
      this.seqs[i] = kept[i].seq;
      this.items[i] = kept[i].item;
    }
    this.count = kept.length;
  }

  private siftDown(time: number, seq: number, item: T | undefined): void {
    const times = this.times;
    const seqs = this.seqs;
    const items = this.items;
    const n = this.count;
    const half = n >> 1;
    let i = 0;
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
      items[i] = items[child];
      i = child;
    }
    times[i] = time;
    seqs[i] = seq;
    items[i] = item;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    times.set(this.times);
    const seqs = new Float64Array(capacity);
    seqs.set(this.seqs);
    this.times = times;
    this.seqs = seqs;
    this.items.length = capacity;
  }
}
