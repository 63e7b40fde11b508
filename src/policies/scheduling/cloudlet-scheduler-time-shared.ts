/**
 * Time-shared cloudlet scheduler with CloudSim 7.0.1's numbers (CloudletSchedulerTimeShared).
 *
 * At each update the VM's capacity per PE is computed once, before any progress is added:
 * `mipsPerPe = VM MIPS / max(PEs of running cloudlets, VM PEs)`. That one value is then used for
 * everything until the next update: each running cloudlet's truncated progress, the finish test
 * (less than 1 MI left), the estimated finishes of those still running (the earliest is returned),
 * and the expected run time `length / mipsPerPe` of a cloudlet submitted before the next update.
 * This is the time-shared progress rule of `entities/cloudsim-rules.ts` (written there once for this
 * scheduler, its fast variant and the fast request path), in its counter form with one counter per
 * cloudlet: its instructions done, against the key of its total instructions.
 *
 * These rules were checked against CloudSim 7.0.1's finish-time sums of the scale scenario (see
 * test/experiments/cloudsim/scale.test.ts). This class is the general path: O(cloudlets) per update.
 * {@link CloudletSchedulerTimeSharedFast} gives the same numbers in O(1) per update.
 */
import type { Cloudlet } from '../../entities/cloudlet.js';
import type { CloudletScheduler } from '../../entities/cloudlet-scheduler.js';
import {
  advanceCloudlets,
  completeCloudlet,
  earliestFinish,
  failCloudlet,
  finishedAt,
  submissionEstimate,
  timeSharedMipsPerPe,
} from '../../entities/cloudsim-rules.js';
import { summarizeShare } from './share.js';

/** Runs all of a VM's cloudlets at once, sharing its MIPS equally per PE. */
export class CloudletSchedulerTimeShared implements CloudletScheduler {
  private exec: Cloudlet[] = [];
  private finished: Cloudlet[] = [];
  private previousTime = 0;
  /** MIPS per PE computed at the last update (used until the next one). */
  private mipsPerPe = 0;

  get activeCount(): number {
    return this.exec.length;
  }

  updateProcessing(now: number, mipsShare: readonly number[], finished?: Cloudlet[]): number {
    const { totalMips, activePes } = summarizeShare(mipsShare);
    const mipsPerPe = timeSharedMipsPerPe(totalMips, activePes, this.pesInUse());
    this.mipsPerPe = mipsPerPe;
    advanceCloudlets(this.exec, mipsPerPe, now - this.previousTime);
    const running: Cloudlet[] = [];
    for (const cloudlet of this.exec) {
      if (finishedAt(cloudlet.totalInstructions, cloudlet.instructionsDone)) {
        completeCloudlet(cloudlet, now, finished ?? this.finished);
      } else running.push(cloudlet);
    }
    this.exec = running;
    this.previousTime = now;
    return running.length === 0 ? 0 : earliestFinish(running, now, mipsPerPe);
  }

  submit(cloudlet: Cloudlet, now: number, _fileTransferSeconds: number): number {
    cloudlet.status = 'INEXEC';
    cloudlet.execStartTime = now;
    this.exec.push(cloudlet);
    return submissionEstimate(cloudlet.lengthMi, this.mipsPerPe);
  }

  takeFinished(): Cloudlet[] {
    if (this.finished.length === 0) return NONE;
    const done = this.finished;
    this.finished = [];
    return done;
  }

  failAll(now: number, into: Cloudlet[]): number {
    const failed = this.exec.length;
    for (const cloudlet of this.exec) failCloudlet(cloudlet, now, into);
    this.exec = [];
    return failed;
  }

  private pesInUse(): number {
    let pes = 0;
    for (const cloudlet of this.exec) pes += cloudlet.pes;
    return pes;
  }
}

const NONE: Cloudlet[] = [];
