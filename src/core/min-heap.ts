/**
 * A binary min-heap of items ordered by (key, sequence): equal keys leave in insertion order (FIFO).
 * The kernel keys its future events by time; schedulers key cloudlets by instruction counts. Keys and
 * sequence numbers live in two `Float64Array`s, items in a parallel array (why: docs/kernel-queue.md).
 */
export class MinHeap<T> {
  private keys: Float64Array;
  private seqs: Float64Array;
  private items: (T | undefined)[];
  private count = 0;
  private nextSeq = 0;

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(16, initialCapacity | 0);
    this.keys = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }
  /** Inserts `item` under `key`; returns the sequence number it was given (unique per heap). */
  push(key: number, item: T): number {
    const seq = this.nextSeq++;
    this.pushWithSequence(key, seq, item);
    return seq;
  }
  /** Takes the next sequence number without pushing anything (for `pushWithSequence` later). */
  reserveSequence(): number {
    return this.nextSeq++;
  }

  /** Inserts `item` under `key` with a sequence number taken earlier from `reserveSequence` or `push`. */
  pushWithSequence(key: number, seq: number, item: T): void {
    if (this.count === this.keys.length) this.grow();
    let i = this.count++;
    const keys = this.keys;
    const seqs = this.seqs;
    const items = this.items;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentKey = keys[parent];
      if (parentKey < key || (parentKey === key && seqs[parent] < seq)) break;
      keys[i] = parentKey;
      seqs[i] = seqs[parent];
      items[i] = items[parent];
      i = parent;
    }
    keys[i] = key;
    seqs[i] = seq;
    items[i] = item;
  }

  /** Key of the first item, or `Infinity` when empty. */
  peekKey(): number {
    return this.count > 0 ? this.keys[0] : Number.POSITIVE_INFINITY;
  }
  /** Sequence number of the first item (given by `push` or to `pushWithSequence`); −1 when empty. */
  peekSequence(): number {
    return this.count > 0 ? this.seqs[0] : -1;
  }
  /** The first item without removing it, or `undefined` when empty. */
  peek(): T | undefined {
    return this.count > 0 ? this.items[0] : undefined;
  }

  /** Removes and returns the first item, or `undefined` when empty. */
  pop(): T | undefined {
    if (this.count === 0) return undefined;
    const items = this.items;
    const top = items[0];
    const last = --this.count;
    if (last > 0) this.siftDown(this.keys[last], this.seqs[last], items[last], 0);
    items[last] = undefined;
    return top;
  }

  /**
   * Keeps only the items for which `keep(item, key, seq)` is true (O(n); the order of those kept is
   * unchanged).
   */
  retain(keep: (item: T, key: number, seq: number) => boolean): void {
    const { keys, seqs, items } = this;
    let n = 0;
    for (let i = 0; i < this.count; i++) {
      if (!keep(items[i] as T, keys[i], seqs[i])) continue;
      keys[n] = keys[i];
      seqs[n] = seqs[i];
      items[n++] = items[i];
    }
    items.fill(undefined, n, this.count);
    this.count = n;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.siftDown(keys[i], seqs[i], items[i], i);
  }

  /** Moves `item` (key, seq) down from position `i` to where it belongs. */
  private siftDown(key: number, seq: number, item: T | undefined, i: number): void {
    const keys = this.keys;
    const seqs = this.seqs;
    const items = this.items;
    const n = this.count;
    const half = n >> 1;
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
      items[i] = items[child];
      i = child;
    }
    keys[i] = key;
    seqs[i] = seq;
    items[i] = item;
  }

  private grow(): void {
    const capacity = this.keys.length * 2;
    this.keys = grown(this.keys, new Float64Array(capacity));
    this.seqs = grown(this.seqs, new Float64Array(capacity));
    this.items.length = capacity;
  }
}

/** Copies `from` into the larger `to` and returns `to`. */
export function grown<A extends Uint8Array | Int32Array | Uint32Array | Float64Array>(from: A, to: A): A {
  to.set(from);
  return to;
}
