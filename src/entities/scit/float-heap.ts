/**
 * A binary min-heap of (key, value) pairs of numbers in two typed arrays: a double key and a 32-bit
 * integer value. Unlike the kernel's `MinHeap` it keeps no insertion order among equal keys, so use
 * it only where equal keys are interchangeable or sorted afterwards (the fast request path: update
 * times, and cloudlets that finish at the same update, which it sorts into arrival order itself).
 * Half the memory traffic of `MinHeap<number>` on the fast path's hottest operations.
 */
export class FloatHeap {
  private keys: Float64Array;
  private values: Int32Array;
  private count = 0;

  constructor(initialCapacity = 16) {
    const capacity = Math.max(4, initialCapacity | 0);
    this.keys = new Float64Array(capacity);
    this.values = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Smallest key, or `Infinity` when empty. */
  peekKey(): number {
    return this.count > 0 ? this.keys[0] : Number.POSITIVE_INFINITY;
  }

  /** Value of the smallest key (undefined behaviour when empty: check `size`). */
  peekValue(): number {
    return this.values[0];
  }

  push(key: number, value: number): void {
    if (this.count === this.keys.length) this.grow();
    const keys = this.keys;
    const values = this.values;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] <= key) break;
      keys[i] = keys[parent];
      values[i] = values[parent];
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }

  /** Removes the smallest key and returns its value (check `size` first). */
  pop(): number {
    const keys = this.keys;
    const values = this.values;
    const top = values[0];
    const n = --this.count;
    if (n > 0) {
      const key = keys[n];
      const value = values[n];
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && keys[child + 1] < keys[child]) child++;
        if (keys[child] >= key) break;
        keys[i] = keys[child];
        values[i] = values[child];
        i = child;
      }
      keys[i] = key;
      values[i] = value;
    }
    return top;
  }

  /** Removes everything, handing each value to `visit` (in heap order). */
  drain(visit: (value: number) => void): void {
    const n = this.count;
    this.count = 0;
    for (let i = 0; i < n; i++) visit(this.values[i]);
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
    const values = new Int32Array(this.values.length * 2);
    values.set(this.values);
    this.values = values;
  }
}
