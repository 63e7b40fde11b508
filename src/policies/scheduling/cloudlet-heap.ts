/**
 * The running cloudlets of one VM of the fast time-shared scheduler: a binary min-heap by (key,
 * arrival order), equal keys in arrival order, as the kernel's `MinHeap` orders them — but on plain
 * arrays that grow as they are pushed, not on typed arrays. A VM holds a few dozen cloudlets, and a
 * scale run has tens of thousands of VMs: two small typed arrays per VM cost an `ArrayBuffer`, a
 * backing store outside the heap and a copy at each doubling (measured at 40,000 VMs and 10^6
 * cloudlets: ~5% of the run's time in growing them, and their bookkeeping beside the 256 bytes of data).
 */
export class CloudletHeap<T> {
  private readonly keys: number[] = [];
  private readonly orders: number[] = [];
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  /** Inserts `item` under `key` with its arrival order `order` (increasing from push to push). */
  pushWithSequence(key: number, order: number, item: T): void {
    const keys = this.keys;
    const orders = this.orders;
    const items = this.items;
    let i = items.length;
    keys.push(key);
    orders.push(order);
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentKey = keys[parent];
      if (parentKey < key || (parentKey === key && orders[parent] < order)) break;
      keys[i] = parentKey;
      orders[i] = orders[parent];
      items[i] = items[parent];
      i = parent;
    }
    keys[i] = key;
    orders[i] = order;
    items[i] = item;
  }

  /** Key of the first item, or `Infinity` when empty. */
  peekKey(): number {
    return this.items.length > 0 ? this.keys[0] : Number.POSITIVE_INFINITY;
  }

  /** Arrival order of the first item; −1 when empty. */
  peekSequence(): number {
    return this.items.length > 0 ? this.orders[0] : -1;
  }

  /** Removes and returns the first item, or `undefined` when empty. */
  pop(): T | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0];
    const key = this.keys.pop() as number;
    const order = this.orders.pop() as number;
    const item = items.pop() as T;
    if (items.length > 0) this.siftDown(key, order, item, 0);
    return top;
  }

  /**
   * Keeps only the items for which `keep(item, key, order)` is true (O(n); the order of those kept
   * is unchanged).
   */
  retain(keep: (item: T, key: number, order: number) => boolean): void {
    const { keys, orders, items } = this;
    let n = 0;
    for (let i = 0; i < items.length; i++) {
      if (!keep(items[i], keys[i], orders[i])) continue;
      keys[n] = keys[i];
      orders[n] = orders[i];
      items[n++] = items[i];
    }
    keys.length = n;
    orders.length = n;
    items.length = n;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.siftDown(keys[i], orders[i], items[i], i);
  }

  /** Moves (key, order, item) down from position `i` to where it belongs. */
  private siftDown(key: number, order: number, item: T, i: number): void {
    const keys = this.keys;
    const orders = this.orders;
    const items = this.items;
    const n = items.length;
    const half = n >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      let childKey = keys[child];
      const right = child + 1;
      if (right < n) {
        const rightKey = keys[right];
        if (rightKey < childKey || (rightKey === childKey && orders[right] < orders[child])) {
          child = right;
          childKey = rightKey;
        }
      }
      if (key < childKey || (key === childKey && order < orders[child])) break;
      keys[i] = childKey;
      orders[i] = orders[child];
      items[i] = items[child];
      i = child;
    }
    keys[i] = key;
    orders[i] = order;
    items[i] = item;
  }
}
