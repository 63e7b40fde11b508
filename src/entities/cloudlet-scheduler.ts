/**
 * How a VM runs its cloudlets (CloudSim's CloudletScheduler). Implementations live in
 * `src/policies/scheduling` (time-shared, space-shared). Each VM has its own scheduler instance.
 *
 * Numerical contract (CloudSim 7.0.1), written once in `cloudsim-rules.ts` for every scheduler to
 * call: progress is counted in whole instructions (each update adds the truncated
 * `elapsedSeconds × mipsPerCloudlet × 1e6`), the remaining length in whole MI rounded down, and a
 * cloudlet is finished when less than 1 MI is left.
 */
import { token } from '../core/index.js';
import type { Cloudlet } from './cloudlet.js';

/** Runs the cloudlets of one VM. */
export interface CloudletScheduler {
  /**
   * Advances every running cloudlet to `now`, given the MIPS of each of the VM's virtual PEs, moves
   * the finished ones to the finished list, and returns the earliest estimated finish time of the
   * cloudlets still running, or 0 when none is running (CloudSim's convention). The estimate is not
   * held to the minimum gap between events: the datacenter does that (`nextUpdateTime`). If `finished` is
   * given, the cloudlets that finish are appended to it (in CloudSim's order) instead of being kept
   * for {@link takeFinished}.
   */
  updateProcessing(now: number, mipsShare: readonly number[], finished?: Cloudlet[]): number;
  /**
   * Accepts `cloudlet` at time `now` and returns the estimated seconds until it finishes (0 if it has
   * to wait for a free PE).
   */
  submit(cloudlet: Cloudlet, now: number, fileTransferSeconds: number): number;
  /** Removes and returns the cloudlets that finished since the last call, in finishing order. */
  takeFinished(): Cloudlet[];
  /**
   * Fails every cloudlet running or waiting here at `now` — the VM is cut off (SCIT cleansing, a
   * compromised host) — and appends them to `into` (time-shared: in arrival order; space-shared:
   * the running ones in start order, then the waiting ones in arrival order), each with status FAILED and
   * finish time `now` (`failCloudlet` of `cloudsim-rules.ts`). The VM is empty afterwards. Progress
   * since the last update is not credited: bring the VM up to date first (the datacenter does) so
   * that what finishes by `now` finishes with success. Returns how many cloudlets failed.
   */
  failAll(now: number, into: Cloudlet[]): number;
  /** Cloudlets running or waiting on this VM. */
  readonly activeCount: number;
  /**
   * True while the scheduler's progress is carried by a {@link ProcessingBatch} (it is then brought
   * up to date by the batch, and its estimate is reported by the batch). Absent = never batched.
   */
  readonly batched?: boolean;
  /**
   * Optional. The host gives the scheduler a flag to keep, `flags[index]`, and the share it passes to
   * it (`share`, compared by identity). The flag is 1 exactly while the scheduler is *settled* in its
   * {@link ProcessingBatch}: its last update received `share`, and an update at the batch's time with
   * `share` would change nothing in it and finish nothing. The flag starts at 0 (the host gives new
   * ones whenever the shares may change); the scheduler sets it when it settles and clears it when it
   * leaves the batch, the batch wakes it or another caller passes another share. A batched walk of
   * the host skips settled schedulers without touching them (see `Host.updateVmsProcessing`).
   */
  keepSettledFlag?(flags: Uint8Array, index: number, share: readonly number[]): void;
}

/**
 * Advances many VMs' cloudlet schedulers at once (one datacenter's). Schedulers in the same state
 * (same MIPS per PE and PE count) receive identical truncated increments at an update, so the batch
 * keeps one counter per such group instead of visiting every VM. A scheduler joins the batch after
 * an update at the batch's current time and leaves it when called directly (submission, direct
 * update) or when the batch wakes it because a cloudlet of it finishes.
 *
 * One batch per datacenter, given in its options; the datacenter admits the schedulers of the VMs it
 * creates and dismisses them when the VMs are destroyed.
 */
export interface ProcessingBatch {
  /** Lets `scheduler` join between updates, if it is of a kind the batch can carry. */
  admit(scheduler: CloudletScheduler): void;
  /** Takes `scheduler` out (restoring its state) and keeps it out. */
  dismiss(scheduler: CloudletScheduler): void;
  /**
   * Brings the batch to `now` (not before its current time). Every scheduler with a cloudlet that
   * finishes by `now` leaves the batch, restored to its state at the previous time, and is passed to
   * `wake`; the caller must then update it at `now` as usual.
   */
  advance(now: number, wake: (scheduler: CloudletScheduler) => void): void;
  /** Earliest estimated finish among the batched schedulers at `now` (the batch's time), or `Number.MAX_VALUE`. */
  earliestEstimate(now: number): number;
}

/** Builds the cloudlet scheduler of one VM. */
export type CloudletSchedulerFactory = () => CloudletScheduler;

/** DI token of the default cloudlet scheduler factory (bound to time-shared by `cloudSimPoliciesModule`). */
export const CLOUDLET_SCHEDULER_FACTORY = token<CloudletSchedulerFactory>(
  'entities.CloudletSchedulerFactory',
);

/** Builds a datacenter's processing batch (see {@link ProcessingBatch}); `undefined` for none. */
export type ProcessingBatchFactory = () => ProcessingBatch | undefined;

/**
 * DI token of the processing-batch factory (bound by `cloudSimPoliciesModule` to the batch that goes
 * with its default cloudlet scheduler). A speed-up only: results are the same with or without a batch.
 */
export const PROCESSING_BATCH_FACTORY = token<ProcessingBatchFactory>('entities.ProcessingBatchFactory');
