/**
 * A fixed-size tournament tree over numbers: set one value in O(log n), read the minimum in O(1).
 * Used by the datacenter to keep the earliest estimated finish over its hosts.
 */
export class MinTree {
  private readonly size: number;
  private readonly tree: Float64Array;

  /** @param count number of slots, all starting at `initial` */
  constructor(count: number, initial = Number.MAX_VALUE) {
    let size = 1;
    while (size < count) size *= 2;
    this.size = size;
    this.tree = new Float64Array(2 * size).fill(initial);
  }

  /** The smallest value. */
  get min(): number {
    return this.tree[1];
  }

  /** Sets slot `index` to `value`. */
  set(index: number, value: number): void {
    const tree = this.tree;
    let i = index + this.size;
    tree[i] = value;
    for (i >>= 1; i >= 1; i >>= 1) {
      const left = tree[2 * i];
      const right = tree[2 * i + 1];
      tree[i] = Math.min(left, right);
    }
  }

  /** Sets every slot from `values` (same order) and rebuilds in O(n). */
  setAll(values: ArrayLike<number>): void {
    const tree = this.tree;
    const size = this.size;
    for (let i = 0; i < values.length; i++) tree[size + i] = values[i];
    for (let i = size - 1; i >= 1; i--) {
      const left = tree[2 * i];
      const right = tree[2 * i + 1];
      tree[i] = Math.min(left, right);
    }
  }
}
