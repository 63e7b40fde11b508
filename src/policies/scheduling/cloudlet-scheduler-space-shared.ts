/**
 * Space-shared cloudlet scheduler (CloudSim's CloudletSchedulerSpaceShared): a cloudlet runs only when
 * it can have PEs of its own; the others wait in arrival order. A running cloudlet gets the full MIPS
 * of each of its PEs (`VM MIPS / VM PEs` per PE). Progress, completion and estimates follow CloudSim's
 * rules in `entities/cloudsim-rules.ts`, as the time-shared scheduler does; a waiting cloudlet starts at the
 * update where PEs free up. A cloudlet that needs more PEs than the VM has fails at once (CloudSim
 * would leave it waiting forever).
 */
import type { Cloudlet } from '../../entities/cloudlet.js';
import type { CloudletScheduler } from '../../entities/cloudlet-scheduler.js';
import {
  advanceCloudlets,
  completeCloudlet,
  earliestFinish,
  failCloudlet,
  hasFinished,
  submissionEstimate,
} from '../../entities/cloudsim-rules.js';
import { summarizeShare } from './share.js';

/** One cloudlet per PE; the rest wait. */
export class CloudletSchedulerSpaceShared implements CloudletScheduler {
  private exec: Cloudlet[] = [];
  private waiting: Cloudlet[] = [];
  private finished: Cloudlet[] = [];
  private previousTime = 0;
  private mipsPerPe = 0;
  private vmPes = 0;
  private usedPes = 0;

  get activeCount(): number {
    return this.exec.length + this.waiting.length;
  }

  updateProcessing(now: number, mipsShare: readonly number[], finished?: Cloudlet[]): number {
    this.setShare(mipsShare);
    advanceCloudlets(this.exec, this.mipsPerPe, now - this.previousTime);
    this.previousTime = now;
    const running: Cloudlet[] = [];
    for (const cloudlet of this.exec) {
      if (hasFinished(cloudlet.instructionsLeft)) {
        this.usedPes -= cloudlet.pes;
        completeCloudlet(cloudlet, now, finished ?? this.finished);
      } else {
        running.push(cloudlet);
      }
    }
    this.exec = running;
    this.startWaiting(now);
    return this.exec.length === 0 ? 0 : earliestFinish(this.exec, now, this.mipsPerPe);
  }

  submit(cloudlet: Cloudlet, now: number, _fileTransferSeconds: number): number {
    if (cloudlet.pes > this.vmPes) {
      // It could never get enough PEs here (CloudSim would keep it waiting forever): fail it now.
      cloudlet.status = 'FAILED';
      cloudlet.execStartTime = now;
      cloudlet.finishTime = now;
      this.finished.push(cloudlet);
      return 0;
    }
    if (this.vmPes - this.usedPes >= cloudlet.pes) {
      this.start(cloudlet, now);
      return submissionEstimate(cloudlet.lengthMi, this.mipsPerPe);
    }
    cloudlet.status = 'QUEUED';
    this.waiting.push(cloudlet);
    return 0;
  }

  takeFinished(): Cloudlet[] {
    if (this.finished.length === 0) return NONE;
    const done = this.finished;
    this.finished = [];
    return done;
  }

  /** Fails the running cloudlets (in start order), then the waiting ones (in arrival order). */
  failAll(now: number, into: Cloudlet[]): number {
    const failed = this.exec.length + this.waiting.length;
    for (const cloudlet of this.exec) failCloudlet(cloudlet, now, into);
    for (const cloudlet of this.waiting) failCloudlet(cloudlet, now, into);
    this.exec = [];
    this.waiting = [];
    this.usedPes = 0;
    return failed;
  }

  private start(cloudlet: Cloudlet, now: number): void {
    cloudlet.status = 'INEXEC';
    cloudlet.execStartTime = now;
    this.usedPes += cloudlet.pes;
    this.exec.push(cloudlet);
  }

  /** Starts waiting cloudlets, in arrival order, while enough PEs are free. */
  private startWaiting(now: number): void {
    while (this.waiting.length > 0 && this.vmPes - this.usedPes >= this.waiting[0].pes) {
      this.start(this.waiting.shift() as Cloudlet, now);
    }
  }

  private setShare(mipsShare: readonly number[]): void {
    const { totalMips, activePes } = summarizeShare(mipsShare);
    this.vmPes = activePes;
    this.mipsPerPe = activePes === 0 ? 0 : totalMips / activePes;
  }
}

const NONE: Cloudlet[] = [];
