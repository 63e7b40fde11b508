/**
 * The central controller's pending timers, kept by the controller itself in due order: by time, then
 * by creation (the kernel's own order among events it was given: equal times leave FIFO).
 *
 * Why not one kernel event per timer: at 100,000 VMs that is ~100,000 heap entries, and every pop walks
 * ~17 heap levels through megabytes of arrays (cache misses). Here, every timer after the initial ones
 * has one of three constant delays (exposure E, grace G, cleansing C) and timers are created at
 * non-decreasing times, so the timers of one delay fall due in creation order: one FIFO ring buffer per
 * delay holds them sorted at O(1) per timer, read and written sequentially. The initial timers
 * (arbitrary first expiries and cleansing completions) are sorted once. The next timer is the earliest
 * of four queue heads by (time, creation number).

 */

/** What a timer does when due. */
export type TimerKind = 'expire' | 'graceEnd' | 'cleansed';

const KIND_CODES: readonly TimerKind[] = ['expire', 'graceEnd', 'cleansed'];
const EXPIRE = 0;
const GRACE_END = 1;
const CLEANSED = 2;

function kindCode(kind: TimerKind): number {
  return kind === 'expire' ? EXPIRE : kind === 'graceEnd' ? GRACE_END : CLEANSED;
}

/**
 * A FIFO of (time, creation number, VM, kind) in struct-of-arrays form, power-of-two capacity.
 * `push` requires times in non-decreasing order (checked), so the FIFO is also sorted by due time.
 */
class SortedFifo {
  times = new Float64Array(16);
  orders = new Float64Array(16);
  vms = new Int32Array(16);
  kinds = new Uint8Array(16);
  head = 0;
  size = 0;

  constructor(readonly label: string) {}

  /** Due time of the first entry, or `Infinity` when empty. */
  headTime(): number {
    return this.size > 0 ? this.times[this.head] : Number.POSITIVE_INFINITY;
  }

  headOrder(): number {
    return this.orders[this.head];
  }

  push(time: number, order: number, vm: number, kind: number): void {
    const capacity = this.times.length;
    if (this.size === capacity) this.grow();
    const mask = this.times.length - 1;
    if (this.size > 0 && time < this.times[(this.head + this.size - 1) & mask])
      throw new Error(`${this.label} timer at ${time}s would be due before the previous one of that queue`);
    const at = (this.head + this.size) & mask;
    this.times[at] = time;
    this.orders[at] = order;
    this.vms[at] = vm;
    this.kinds[at] = kind;
    this.size++;
  }

  /** Drops the first entry (read it first). */
  shift(): void {
    this.head = (this.head + 1) & (this.times.length - 1);
    this.size--;
  }

  private grow(): void {
    const capacity = this.times.length;
    const next = capacity * 2;
    const times = new Float64Array(next);
    const orders = new Float64Array(next);
    const vms = new Int32Array(next);
    const kinds = new Uint8Array(next);
    for (let i = 0; i < this.size; i++) {
      const from = (this.head + i) & (capacity - 1);
      times[i] = this.times[from];
      orders[i] = this.orders[from];
      vms[i] = this.vms[from];
      kinds[i] = this.kinds[from];
    }
    this.times = times;
    this.orders = orders;
    this.vms = vms;
    this.kinds = kinds;
    this.head = 0;
  }
}

/**
 * The controller's timer queues. Usage: `addInitial` for every initial timer, then `seal()`, then `add`
 * (constant-delay timers) and `popNext` in any interleaving.
 */
export class ControllerTimers {
  private readonly initial = new SortedFifo('initial');
  private readonly byKind = [
    new SortedFifo('expire'),
    new SortedFifo('graceEnd'),
    new SortedFifo('cleansed'),
  ];
  /** Every queue, initial first (the candidates for the next timer). */
  private readonly queues = [this.initial, ...this.byKind];
  private staged: { time: number; order: number; vm: number; kind: number }[] | undefined = [];
  private created = 0;
  private pendingCount = 0;
  /** The queue holding the next timer: `null` when unknown (recomputed on demand), `undefined` when none. */
  private next: SortedFifo | undefined | null = null;
  /** VM and time of the timer `popNext` returned last (read after the call; avoids an allocation). */
  poppedVm = -1;
  poppedTime = 0;

  /** Timers not yet popped. */
  get size(): number {
    return this.pendingCount;
  }

  /** Records an initial timer of `vm` due at `time` (any order). */
  addInitial(kind: TimerKind, vm: number, time: number): void {
    if (this.staged === undefined) throw new Error('ControllerTimers: addInitial after seal');
    this.staged.push({ time, order: this.created++, vm, kind: kindCode(kind) });
    this.pendingCount++;
    this.next = null;
  }

  /** Sorts the initial timers by (time, creation); after this only `add` creates timers. */
  seal(): void {
    const staged = this.staged;
    if (staged === undefined) return;
    staged.sort((a, b) => a.time - b.time || a.order - b.order);
    for (const t of staged) this.initial.push(t.time, t.order, t.vm, t.kind);
    this.staged = undefined;
  }

  /**
   * Records a timer of `vm` due at `time`. All timers of one kind must have one constant delay and be
   * created at non-decreasing times (so they are due in creation order); a violation throws.
   */
  add(kind: TimerKind, vm: number, time: number): void {
    const code = kindCode(kind);
    const queue = this.byKind[code];
    queue.push(time, this.created++, vm, code);
    this.pendingCount++;
    // The newest timer is next only if its queue was empty and it is strictly earlier than the known
    // next one (on equal times the older one goes first).
    const next = this.next;
    if (next !== null && queue.size === 1 && (next === undefined || time < next.headTime()))
      this.next = queue;
  }

  /** Due time of the next timer, or `Infinity` when none is pending. */
  nextTime(): number {
    const queue = this.nextQueue();
    return queue === undefined ? Number.POSITIVE_INFINITY : queue.headTime();
  }

  /**
   * Removes the next timer (earliest time; among equal times the earliest created) and returns its
   * kind; its VM and time are left in `poppedVm` and `poppedTime`. Throws when none is pending.
   */
  popNext(): TimerKind {
    const queue = this.nextQueue();
    if (queue === undefined) throw new Error('ControllerTimers: no pending timer');
    const at = queue.head;
    this.poppedVm = queue.vms[at];
    this.poppedTime = queue.times[at];
    const kind = queue.kinds[at];
    queue.shift();
    this.pendingCount--;
    this.next = null;
    return KIND_CODES[kind];
  }

  private nextQueue(): SortedFifo | undefined {
    if (this.next === null) this.next = this.findNextQueue();
    return this.next;
  }

  private findNextQueue(): SortedFifo | undefined {
    let best: SortedFifo | undefined;
    let bestTime = Number.POSITIVE_INFINITY;
    let bestOrder = Number.POSITIVE_INFINITY;
    const queues = this.queues;
    for (let q = 0; q < queues.length; q++) {
      const queue = queues[q];
      if (queue.size === 0) continue;
      const time = queue.headTime();
      if (time < bestTime || (time === bestTime && queue.headOrder() < bestOrder)) {
        best = queue;
        bestTime = time;
        bestOrder = queue.headOrder();
      }
    }
    return best;
  }
}
