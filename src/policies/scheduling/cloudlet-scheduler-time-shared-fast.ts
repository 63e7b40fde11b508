/**
 * The time-shared cloudlet scheduler in O(1) per update, with exactly the numbers of
 * {@link CloudletSchedulerTimeShared} (and so of CloudSim 7.0.1).
 *
 * Why it works: at an update, every running cloudlet with the same number of PEs receives the same
 * truncated increment (step 2 of the time-shared rule in `entities/cloudsim-rules.ts`). So one counter
 * per PE count holds the instructions every such cloudlet has received since the VM started: the
 * rule's counter form. A cloudlet that arrived when the counter read `c0` has done `counter − c0`; its
 * key is `K = finishKey(c0, its instructions)`, it finishes when `finishedAt(K, counter)` (less than
 * 1 MI left), so cloudlets leave in order of `K`: a min-heap on `K` finds the finished ones and the
 * earliest estimated finish (`estimatedFinishAt`) without scanning.
 *
 * Cloudlets of the first PE count seen live in fields of the scheduler itself (the common case, and
 * the hot loop touches one object per VM); other PE counts get extra groups.
 *
 * `Cloudlet.instructionsDone` is written when the cloudlet finishes (not at every update).
 *
 * Admitted to a datacenter's {@link CloudletProgressGroups} batch, a scheduler whose cloudlets all
 * have one PE count joins the batch after each update at the batch's time, so the datacenter need not visit it at
 * updates where none of its cloudlets finishes; any direct call takes it out first.
 */
import type { Cloudlet } from '../../entities/cloudlet.js';
import {
  advancedCount,
  completeCloudlet,
  estimatedFinishAt,
  failCloudlet,
  finishedAt,
  finishKey,
  submissionEstimate,
  timeSharedMipsPerPe,
} from '../../entities/cloudsim-rules.js';
import type { BatchMember, CloudletProgressGroups, ProgressGroup } from './cloudlet-progress-groups.js';
import { PlainHeap } from './plain-heap.js';
import { summarizeShare } from './share.js';

/**
 * Running cloudlets sit in heaps keyed by K, under their arrival order on the VM as the heap's
 * sequence number (finishing order within one update follows it, as in CloudSim). No record per
 * cloudlet: the group counter when it arrived is `K − its instructions` (exact: whole numbers below 2^53).
 */
type Running = Cloudlet;

/** Cloudlets that finish at one update, each followed by its arrival order: one array, not two. */
type Finishing = (Cloudlet | number)[];

/** Cloudlets with the same number of PEs: one progress counter, one heap keyed by K. */
class PeGroup {
  /** Instructions each cloudlet of this group has received since the VM's start. */
  count = 0;
  /** Smallest K in the heap (Infinity when empty), cached so the hot loop does not touch the heap. */
  minKey = Number.POSITIVE_INFINITY;
  readonly heap = new PlainHeap<Running>();
  constructor(public pes: number) {}
}

const NONE: Cloudlet[] = [];
const INFINITY = Number.POSITIVE_INFINITY;

/** Same results as CloudletSchedulerTimeShared, O(1) per update plus O(log n) per finishing cloudlet. */
export class CloudletSchedulerTimeSharedFast implements BatchMember {
  private previousTime = 0;
  private mipsPerPe = 0;
  private pesInUse = 0;
  private running = 0;
  private arrivals = 0;
  private share: readonly number[] | undefined;
  private shareMips = 0;
  private shareCpus = 0;
  /** The group of the first PE count seen (pes 0 until then): its fields are inlined below. */
  private mainPes = 0;
  private mainCount = 0;
  private mainMinKey = INFINITY;
  private mainHeap: PlainHeap<Running> | undefined;
  /** Groups of other PE counts, if any. */
  private extra: PeGroup[] | undefined;
  private finished: Cloudlet[] = [];
  /** The batch group this scheduler is in, if any (its `mainCount` is then `total + batchBase`). */
  batchGroup: ProgressGroup | undefined;
  /** Its key in that group's heap: smallest K minus `batchBase`. */
  batchKey = 0;
  /** In the batch with nothing running (only `previousTime` is then the batch's). */
  private idleBatched = false;
  private batchBase = 0;
  /** Batch time when it joined, and the MIPS per PE its next update would compute. */
  private batchJoinTime = 0;
  private batchMipsPerPe = 0;
  /** The batch it may join (set by the datacenter through the batch). */
  private batch: CloudletProgressGroups | undefined;
  /** The host's flag for it and the host's share for it (see {@link keepSettledFlag}), if any. */
  private settledFlags: Uint8Array | undefined;
  private settledIndex = 0;
  private settledShare: readonly number[] | undefined;

  get activeCount(): number {
    return this.running;
  }

  get batched(): boolean {
    return this.batchGroup !== undefined || this.idleBatched;
  }

  updateProcessing(now: number, mipsShare: readonly number[], finished?: Cloudlet[]): number {
    if (this.batchGroup !== undefined || this.idleBatched) {
      if (now === (this.batch as CloudletProgressGroups).time && mipsShare === this.share) {
        return this.batchedEstimate(now);
      }
      this.leaveBatch();
    }
    const next = this.update(now, mipsShare, finished);
    const batch = this.batch;
    if (batch !== undefined && now === batch.time && this.extra === undefined) this.joinBatch(batch);
    return next;
  }

  keepSettledFlag(flags: Uint8Array, index: number, share: readonly number[]): void {
    this.settledFlags = flags;
    this.settledIndex = index;
    this.settledShare = share;
  }

  /**
   * Settled: holding the host's share, and in the batch's group (its MIPS per PE is then the next
   * update's) or idle in the batch once an update has set its MIPS per PE to the next one. Called
   * after each change of these.
   */
  private publishSettled(): void {
    const flags = this.settledFlags;
    if (flags === undefined) return;
    const inBatch =
      this.batchGroup !== undefined || (this.idleBatched && this.mipsPerPe === this.batchMipsPerPe);
    flags[this.settledIndex] = inBatch && this.share === this.settledShare ? 1 : 0;
  }

  admitTo(batch: CloudletProgressGroups | undefined): void {
    this.leaveBatch();
    this.batch = batch;
  }

  private leaveBatch(): void {
    const group = this.batchGroup;
    if (group !== undefined) {
      this.mainCount = group.total + this.batchBase;
      this.batchGroup = undefined;
      (this.batch as CloudletProgressGroups).leave(group);
    } else if (!this.idleBatched) {
      return;
    }
    this.idleBatched = false;
    this.publishSettled();
    const time = (this.batch as CloudletProgressGroups).time;
    // Updates since it joined would have recomputed the MIPS per PE (read by submit).
    if (time !== this.batchJoinTime) this.mipsPerPe = this.batchMipsPerPe;
    this.previousTime = time;
  }

  wakeFromBatch(count: number, time: number): void {
    this.mainCount = count + this.batchBase;
    this.previousTime = time;
    this.batchGroup = undefined;
    this.publishSettled();
  }

  /**
   * An update at the batch's time with the same share while in the batch: nothing elapses and
   * nothing finishes, so it only recomputes the MIPS per PE and the estimate; it stays in.
   */
  private batchedEstimate(now: number): number {
    this.mipsPerPe = this.batchMipsPerPe;
    const group = this.batchGroup;
    if (group === undefined) {
      this.publishSettled();
      return 0;
    }
    const count = group.total + this.batchBase;
    return estimatedFinishAt(now, this.mainMinKey, count, this.batchMipsPerPe, this.mainPes);
  }

  private joinBatch(batch: CloudletProgressGroups): void {
    // Cloudlets that finished in this update free PEs: the next update divides among fewer.
    const mipsPerPe = timeSharedMipsPerPe(this.shareMips, this.shareCpus, this.pesInUse);
    this.batchJoinTime = batch.time;
    this.batchMipsPerPe = mipsPerPe;
    if (this.running === 0) {
      this.idleBatched = true;
      this.publishSettled();
      return;
    }
    // This update's estimate used the old MIPS per PE; the batch would report the new one: stay
    // out until the next update.
    if (mipsPerPe !== this.mipsPerPe) return;
    const group = batch.groupFor(mipsPerPe, this.mainPes);
    this.batchBase = this.mainCount - group.total;
    this.batchGroup = group;
    this.batchKey = this.mainMinKey - this.batchBase;
    batch.join(group, this, this.batchKey);
    this.publishSettled();
  }

  private update(now: number, mipsShare: readonly number[], finished?: Cloudlet[]): number {
    const span = now - this.previousTime;
    this.previousTime = now;
    if (mipsShare !== this.share) this.setShare(mipsShare);
    const mipsPerPe = timeSharedMipsPerPe(this.shareMips, this.shareCpus, this.pesInUse);
    this.mipsPerPe = mipsPerPe;
    if (this.running === 0) return 0;
    let done: Finishing | undefined;
    if (this.mainMinKey !== INFINITY) {
      const count = advancedCount(this.mainCount, mipsPerPe, span, this.mainPes);
      this.mainCount = count;
      if (finishedAt(this.mainMinKey, count)) done = this.collectMainFinished();
    }
    const extra = this.extra;
    if (extra !== undefined) {
      for (const group of extra) {
        if (group.minKey === INFINITY) continue;
        group.count = advancedCount(group.count, mipsPerPe, span, group.pes);
        if (finishedAt(group.minKey, group.count)) done = this.collectFinished(group, done);
      }
    }
    if (done !== undefined) this.finishAll(done, now, finished ?? this.finished);
    if (this.running === 0) return 0;
    let next = Number.MAX_VALUE;
    if (this.mainMinKey !== INFINITY) {
      next = estimatedFinishAt(now, this.mainMinKey, this.mainCount, mipsPerPe, this.mainPes);
    }
    if (extra !== undefined) {
      for (const group of extra) {
        if (group.minKey === INFINITY) continue;
        const estimate = estimatedFinishAt(now, group.minKey, group.count, mipsPerPe, group.pes);
        if (estimate < next) next = estimate;
      }
    }
    return next;
  }

  submit(cloudlet: Cloudlet, now: number, _fileTransferSeconds: number): number {
    if (this.batchGroup !== undefined || this.idleBatched) this.leaveBatch();
    cloudlet.status = 'INEXEC';
    cloudlet.execStartTime = now;
    if (this.mainPes === 0) this.mainPes = cloudlet.pes;
    if (cloudlet.pes === this.mainPes) {
      const key = finishKey(this.mainCount, cloudlet.totalInstructions);
      this.mainHeap ??= new PlainHeap<Running>();
      this.mainHeap.pushWithSequence(key, this.arrivals++, cloudlet);
      if (key < this.mainMinKey) this.mainMinKey = key;
    } else {
      const group = this.extraGroup(cloudlet.pes);
      const key = finishKey(group.count, cloudlet.totalInstructions);
      group.heap.pushWithSequence(key, this.arrivals++, cloudlet);
      if (key < group.minKey) group.minKey = key;
    }
    this.pesInUse += cloudlet.pes;
    this.running++;
    return submissionEstimate(cloudlet.lengthMi, this.mipsPerPe);
  }

  takeFinished(): Cloudlet[] {
    if (this.finished.length === 0) return NONE;
    const done = this.finished;
    this.finished = [];
    return done;
  }

  /**
   * Fails every running cloudlet in arrival order (each keeps the instructions of its group's counter
   * since it arrived). Leaves the batch first, like any direct call, so the counters are its own.
   */
  failAll(now: number, into: Cloudlet[]): number {
    if (this.batchGroup !== undefined || this.idleBatched) this.leaveBatch();
    if (this.running === 0) return 0;
    const failing: Finishing = [];
    const take = (heap: PlainHeap<Running> | undefined, count: number): void =>
      heap?.retain((cloudlet, key, order) => {
        cloudlet.instructionsDone = count - startCountOf(cloudlet, key);
        failing.push(cloudlet, order);
        return false;
      });
    take(this.mainHeap, this.mainCount);
    this.mainMinKey = INFINITY;
    for (const group of this.extra ?? []) {
      take(group.heap, group.count);
      group.minKey = INFINITY;
    }
    for (const cloudlet of inArrivalOrder(failing)) failCloudlet(cloudlet, now, into);
    this.running = 0;
    this.pesInUse = 0;
    return failing.length / 2;
  }

  private collectMainFinished(): Finishing {
    const done: Finishing = [];
    const heap = this.mainHeap as PlainHeap<Running>;
    this.drain(heap, this.mainCount, this.mainPes, done);
    this.mainMinKey = heap.peekKey();
    return done;
  }

  private collectFinished(group: PeGroup, into: Finishing | undefined): Finishing {
    const done = into ?? [];
    this.drain(group.heap, group.count, group.pes, done);
    group.minKey = group.heap.peekKey();
    return done;
  }

  /** Pops the cloudlets with less than 1 MI left. */
  private drain(heap: PlainHeap<Running>, count: number, pes: number, into: Finishing): void {
    while (heap.size > 0 && finishedAt(heap.peekKey(), count)) {
      const key = heap.peekKey();
      const order = heap.peekSequence();
      const cloudlet = heap.pop() as Running;
      cloudlet.instructionsDone = count - startCountOf(cloudlet, key);
      into.push(cloudlet, order);
      this.pesInUse -= pes;
      this.running--;
    }
  }

  private finishAll(done: Finishing, now: number, into: Cloudlet[]): void {
    if (done.length === 2) completeCloudlet(done[0] as Cloudlet, now, into);
    else for (const cloudlet of inArrivalOrder(done)) completeCloudlet(cloudlet, now, into);
  }

  /** Caches the total MIPS and the number of PEs with MIPS > 0 of a share (shares rarely change). */
  private setShare(mipsShare: readonly number[]): void {
    const { totalMips, activePes } = summarizeShare(mipsShare);
    this.share = mipsShare;
    this.shareMips = totalMips;
    this.shareCpus = activePes;
  }

  private extraGroup(pes: number): PeGroup {
    this.extra ??= [];
    for (const group of this.extra) if (group.pes === pes) return group;
    const group = new PeGroup(pes);
    this.extra.push(group);
    return group;
  }
}

/** The group counter when `cloudlet` arrived, from its key K (see {@link Running}). */
function startCountOf(cloudlet: Cloudlet, key: number): number {
  return key - cloudlet.totalInstructions;
}

/** The cloudlets of `done` sorted by arrival order. */
function inArrivalOrder(done: Finishing): readonly Cloudlet[] {
  const count = done.length / 2;
  const index: number[] = [];
  for (let i = 0; i < count; i++) index.push(2 * i);
  index.sort((a, b) => (done[a + 1] as number) - (done[b + 1] as number));
  return index.map((i) => done[i] as Cloudlet);
}
