/**
 * A {@link ProcessingBatch} for {@link CloudletSchedulerTimeSharedFast}: schedulers whose cloudlets
 * all have the same PE count and that run at the same MIPS per PE receive the same truncated
 * increment (step 2 of the time-shared rule in `entities/cloudsim-rules.ts`) at every update, so one
 * counter per such group (`total`) replaces one per VM: the rule's counter form once more, with
 * `minKey − base` as the member's key against the group's counter. A member stores `base = ownCount − total` when it joins; its own
 * counter is `total + base` at any time. It is woken (taken out of the group, counter restored to
 * the previous update) when `minKey − (total + base)` would be under 1 MI after an advance, i.e. when
 * its first cloudlet finishes; members sit in a min-heap on `minKey − base`.
 *
 * All values are whole numbers below 2^53, so the sums are exact and the results identical to
 * visiting every VM.
 */
import type { CloudletScheduler, ProcessingBatch } from '../../entities/cloudlet-scheduler.js';
import { advancedCount, estimatedFinishAt, finishedAt } from '../../entities/cloudsim-rules.js';
import { PlainHeap } from './plain-heap.js';

/** What the batch needs from a member scheduler. */
export interface BatchMember extends CloudletScheduler {
  /**
   * The group the member is in and its key there. A heap entry (key, member) is current only if
   * both match; older entries are skipped when they reach the top (a member that left and came back
   * with the same group and key has two equal entries: the first wakes it, the other is then stale).
   */
  readonly batchGroup: ProgressGroup | undefined;
  readonly batchKey: number;
  /** Called when the batch takes the member out: its counter is `count` as of time `time`. */
  wakeFromBatch(count: number, time: number): void;
  /** Sets the batch the member may join (leaving the current one first); `undefined` = none. */
  admitTo(batch: CloudletProgressGroups | undefined): void;
}

function isMember(scheduler: CloudletScheduler): scheduler is BatchMember {
  return typeof (scheduler as Partial<BatchMember>).admitTo === 'function';
}

/** Members with the same MIPS per PE and PE count. */
export class ProgressGroup {
  /** Instructions each member's cloudlets received since the group was created. */
  total = 0;
  /** Members currently in the group (the heap may also hold stale entries). */
  live = 0;
  /** Members by key, in joining order on equal keys (`joins` numbers them). */
  readonly heap = new PlainHeap<BatchMember>();
  joins = 0;
  constructor(
    readonly mipsPerPe: number,
    readonly pes: number,
  ) {}
}

/** Groups of time-shared schedulers advanced together; one per datacenter. */
export class CloudletProgressGroups implements ProcessingBatch {
  /** Time of the last advance (NaN before the first). Members joined at this time. */
  time = Number.NaN;
  private readonly groups: ProgressGroup[] = [];
  private readonly byPes = new Map<number, Map<number, ProgressGroup>>();
  private readonly woken: BatchMember[] = [];

  admit(scheduler: CloudletScheduler): void {
    if (isMember(scheduler)) scheduler.admitTo(this);
  }

  dismiss(scheduler: CloudletScheduler): void {
    if (isMember(scheduler)) scheduler.admitTo(undefined);
  }

  /** The group for `mipsPerPe` and `pes` (created on first use). */
  groupFor(mipsPerPe: number, pes: number): ProgressGroup {
    let byMips = this.byPes.get(pes);
    if (byMips === undefined) {
      byMips = new Map();
      this.byPes.set(pes, byMips);
    }
    let group = byMips.get(mipsPerPe);
    if (group === undefined) {
      group = new ProgressGroup(mipsPerPe, pes);
      byMips.set(mipsPerPe, group);
      this.groups.push(group);
    }
    return group;
  }

  /** Puts `member` in `group` with heap key `key` (its smallest K minus its base). */
  join(group: ProgressGroup, member: BatchMember, key: number): void {
    group.heap.pushWithSequence(key, group.joins++, member);
    group.live++;
  }

  /**
   * A member of `group` has left it (its `batchGroup` is no longer `group`). When none is left, every
   * entry of the heap is stale: it is emptied (and lets go of its arrays).
   */
  leave(group: ProgressGroup): void {
    if (--group.live === 0) group.heap.clear();
  }

  advance(now: number, wake: (scheduler: CloudletScheduler) => void): void {
    const previous = this.time;
    if (previous === now) return;
    const span = now - previous;
    const woken = this.woken;
    for (const group of this.groups) {
      if (group.live === 0) continue;
      const heap = group.heap;
      const before = group.total;
      const total = advancedCount(before, group.mipsPerPe, span, group.pes);
      while (heap.size > 0) {
        const member = heap.peek() as BatchMember;
        const key = heap.peekKey();
        if (member.batchGroup !== group || member.batchKey !== key) {
          heap.pop();
          continue;
        }
        if (!finishedAt(key, total)) break;
        heap.pop();
        group.live--;
        member.wakeFromBatch(before, previous);
        woken.push(member);
      }
      if (group.live === 0) heap.clear();
      group.total = total;
    }
    this.time = now;
    for (const member of woken) wake(member);
    woken.length = 0;
  }

  earliestEstimate(now: number): number {
    let earliest = Number.MAX_VALUE;
    for (const group of this.groups) {
      if (group.live === 0) continue;
      const heap = group.heap;
      let member = heap.peek() as BatchMember;
      while (member.batchGroup !== group || member.batchKey !== heap.peekKey()) {
        heap.pop();
        member = heap.peek() as BatchMember;
      }
      const estimate = estimatedFinishAt(now, heap.peekKey(), group.total, group.mipsPerPe, group.pes);
      if (estimate < earliest) earliest = estimate;
    }
    return earliest;
  }
}
