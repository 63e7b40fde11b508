/**
 * Time-shared cloudlet scheduler with CloudSim 7.0.1's numbers (CloudletSchedulerTimeShared).
 *
 * At each update the VM's capacity per PE is computed once, before any progress is added:
 * `mipsPerPe = VM MIPS / max(PEs of running cloudlets, VM PEs)`. That one value is then used for
 * everything until the next update:
 *
 * - progress: each running cloudlet gets `trunc(mipsPerPe × elapsedSeconds × its PEs × 1e6)`
 *   instructions (whole instructions, truncated);
 * - completion: a cloudlet with less than 1 MI left (whole MI rounded down = 0) finishes now;
 * - the next event: `now + remainingMi / (mipsPerPe × PEs)` for the cloudlets still running (at least
 *   `now + minTimeBetweenEvents`), the earliest one is returned;
 * - a cloudlet submitted before the next update is expected to take `length / mipsPerPe` seconds.
 *
 * These rules were checked against CloudSim 7.0.1's finish-time sums of the scale scenario (see
 * test/experiments/cloudsim/scale.test.ts). This class is the general path: O(cloudlets) per update.
 * {@link CloudletSchedulerTimeSharedFast} gives the same numbers in O(1) per update.
 */
import type { Cloudlet } from '../../entities/cloudlet.js';
import type { CloudletScheduler } from '../../entities/cloudlet-scheduler.js';
import { summarizeShare } from './share.js';

/** Runs all of a VM's cloudlets at once, sharing its MIPS equally per PE. */
export class CloudletSchedulerTimeShared implements CloudletScheduler {
  private exec: Cloudlet[] = [];
  private finished: Cloudlet[] = [];
  private previousTime = 0;
  /** MIPS per PE computed at the last update (used until the next one). */
  private mipsPerPe = 0;

  /** @param minTimeBetweenEvents lower bound of an estimated finish after `now` (CloudSim: 0.01 s) */
  constructor(private readonly minTimeBetweenEvents = 0.01) {}

  get activeCount(): number {
    return this.exec.length;
  }

  updateProcessing(now: number, mipsShare: readonly number[], finished?: Cloudlet[]): number {
    const span = now - this.previousTime;
    const mipsPerPe = capacityPerPe(mipsShare, this.pesInUse());
    this.mipsPerPe = mipsPerPe;
    for (const cloudlet of this.exec) {
      cloudlet.instructionsDone += Math.trunc(mipsPerPe * span * cloudlet.pes * 1e6);
    }
    const running: Cloudlet[] = [];
    for (const cloudlet of this.exec) {
      if (cloudlet.remainingMi === 0) this.finish(cloudlet, now, finished ?? this.finished);
      else running.push(cloudlet);
    }
    this.exec = running;
    this.previousTime = now;
    if (running.length === 0) return 0;
    let next = Number.MAX_VALUE;
    for (const cloudlet of running) {
      let estimate = now + cloudlet.remainingMi / (mipsPerPe * cloudlet.pes);
      if (estimate - now < this.minTimeBetweenEvents) estimate = now + this.minTimeBetweenEvents;
      if (estimate < next) next = estimate;
    }
    return next;
  }

  submit(cloudlet: Cloudlet, now: number, _fileTransferSeconds: number): number {
    cloudlet.status = 'INEXEC';
    cloudlet.execStartTime = now;
    this.exec.push(cloudlet);
    return cloudlet.lengthMi / this.mipsPerPe;
  }

  takeFinished(): Cloudlet[] {
    if (this.finished.length === 0) return NONE;
    const done = this.finished;
    this.finished = [];
    return done;
  }

  private finish(cloudlet: Cloudlet, now: number, into: Cloudlet[]): void {
    cloudlet.status = 'SUCCESS';
    cloudlet.finishTime = now;
    into.push(cloudlet);
  }

  private pesInUse(): number {
    let pes = 0;
    for (const cloudlet of this.exec) pes += cloudlet.pes;
    return pes;
  }
}

const NONE: Cloudlet[] = [];

/**
 * CloudSim's time-shared capacity per PE: the VM's MIPS (over PEs with MIPS > 0) divided by
 * max(PEs in use, number of those PEs).
 */
export function capacityPerPe(mipsShare: readonly number[], pesInUse: number): number {
  const { totalMips, activePes } = summarizeShare(mipsShare);
  return totalMips / Math.max(pesInUse, activePes);
}
