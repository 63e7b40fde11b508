/**
 * How a VM runs its cloudlets (CloudSim's CloudletScheduler). Implementations live in
 * `src/policies/scheduling` (time-shared, space-shared). Each VM has its own scheduler instance.
 *
 * Numerical contract (CloudSim 7.0.1): progress is counted in whole instructions (each update adds the
 * truncated `elapsedSeconds × mipsPerCloudlet × 1e6`), the remaining length in whole MI rounded down,
 * and a cloudlet is finished when less than 1 MI is left.
 */
import { token } from '../core/index.js';
import type { Cloudlet } from './cloudlet.js';

/** Runs the cloudlets of one VM. */
export interface CloudletScheduler {
  /**
   * Advances every running cloudlet to `now`, given the MIPS of each of the VM's virtual PEs, moves
   * the finished ones to the finished list, and returns the earliest estimated finish time of the
   * cloudlets still running, or 0 when none is running (CloudSim's convention). If `finished` is
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
  /** Cloudlets running or waiting on this VM. */
  readonly activeCount: number;
}

/** Builds the cloudlet scheduler of one VM. */
export type CloudletSchedulerFactory = () => CloudletScheduler;

/** DI token of the default cloudlet scheduler factory (bound to time-shared by `cloudSimPoliciesModule`). */
export const CLOUDLET_SCHEDULER_FACTORY = token<CloudletSchedulerFactory>(
  'entities.CloudletSchedulerFactory',
);
