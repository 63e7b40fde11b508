/**
 * A binary min-heap by (key, order), equal keys in increasing order, as the kernel's `MinHeap` orders
 * them — but on plain arrays that grow as they are pushed, and that it lets go of when it empties.
 * For the heaps of the fast time-shared scheduler: the running cloudlets of each VM (a few dozen, on
 * tens of thousands of VMs: two small typed arrays each cost an `ArrayBuffer`, a backing store outside
 * the heap and a copy at each doubling — ~5% of the 10^6 scale run's time) and the members of each
 * progress group (up to one per VM during a broker's submissions, none at the end of the run: a
 * typed-array heap kept its largest arrays, ~38 MB at 40,000 VMs, resident until the end).
 */
export class PlainHeap<T> {
  private keys: number[] = [];
  private orders: number[] = [];
  private items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  /** Inserts `item` under `key` with order `order` (increasing from push to push). */
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

  /** The first item without removing it, or `undefined` when empty. */
  peek(): T | undefined {
    return this.items.length > 0 ? this.items[0] : undefined;
  }

  /** Order of the first item; −1 when empty. */
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
    else this.clear();
    return top;
  }

  /** Removes every item and lets go of the arrays (popping alone keeps their capacity). */
  clear(): void {
    this.keys = [];
    this.orders = [];
    this.items = [];
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
    if (n === 0) {
      this.clear();
      return;
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
