/**
 * A cloudlet: a unit of work (length in MI on a number of PEs) that a broker sends to a VM. A plain
 * object; its execution state (instructions done, status, times) is updated by the VM's cloudlet
 * scheduler and read by the broker.
 */
import { ConfigError } from '../core/index.js';
import { instructionsOf, wholeMiLeft } from './cloudsim-rules.js';

/** Life cycle of a cloudlet. Final states: SUCCESS, FAILED, CANCELED. */
export type CloudletStatus =
  | 'CREATED'
  | 'READY'
  | 'QUEUED'
  | 'INEXEC'
  | 'PAUSED'
  | 'SUCCESS'
  | 'FAILED'
  | 'CANCELED';

/** Final statuses: a cloudlet in one of these never changes again. */
export const FINAL_CLOUDLET_STATUSES: readonly CloudletStatus[] = ['SUCCESS', 'FAILED', 'CANCELED'];

/** Fraction (0…1) of a resource a cloudlet uses at a given time. */
export interface UtilizationModel {
  utilization(timeSeconds: number): number;
}

/** Uses the whole resource all the time (CloudSim's UtilizationModelFull). */
export class UtilizationModelFull implements UtilizationModel {
  utilization(): number {
    return 1;
  }
}

/** The shared (stateless) full-utilization model: the default of every cloudlet. */
const FULL_UTILIZATION: UtilizationModel = Object.freeze(new UtilizationModelFull());

/** What a cloudlet is made of. */
export interface CloudletOptions {
  id: number;
  /** Length in million instructions per PE (integer > 0). */
  lengthMi: number;
  /** PEs it needs (integer ≥ 1). Default 1. */
  pes?: number;
  /** Input file size in bytes. Default 300. */
  fileSizeBytes?: number;
  /** Output size in bytes. Default 300. */
  outputSizeBytes?: number;
  utilizationCpu?: UtilizationModel;
  utilizationRam?: UtilizationModel;
  utilizationBw?: UtilizationModel;
  /** Bind to this VM id (of the same owner); unbound cloudlets are spread round-robin by the broker. */
  vmId?: number;
}

/** What a cloudlet is made of besides its id and length: shared by all cloudlets with the defaults. */
interface CloudletShape {
  readonly pes: number;
  readonly fileSizeBytes: number;
  readonly outputSizeBytes: number;
  readonly utilizationCpu: UtilizationModel;
  readonly utilizationRam: UtilizationModel;
  readonly utilizationBw: UtilizationModel;
}

/** The shape of a cloudlet built with the defaults (1 PE, 300 B in and out, full utilization). */
const DEFAULT_SHAPE: CloudletShape = Object.freeze({
  pes: 1,
  fileSizeBytes: 300,
  outputSizeBytes: 300,
  utilizationCpu: FULL_UTILIZATION,
  utilizationRam: FULL_UTILIZATION,
  utilizationBw: FULL_UTILIZATION,
});

/** A datacenter's prices as a cloudlet records them (see {@link Cloudlet.chargeWith}). */
export interface CloudletPrices {
  /** Price of one second of CPU. */
  readonly costPerSecond: number;
  /** Price per unit of bandwidth. */
  readonly costPerBw: number;
}

/** Prices of a cloudlet that has not reached a datacenter. */
const NO_PRICES: CloudletPrices = Object.freeze({ costPerSecond: 0, costPerBw: 0 });

/**
 * Where a cloudlet ran and when: the datacenter's id and prices, the submission, start and finish
 * times. Immutable (readonly fields), so that cloudlets share one: a datacenter makes one with
 * {@link CloudletTimes.arrival} per time and hands it to each cloudlet arriving then
 * ({@link Cloudlet.arrive}); those that also start then share its started twin, and those that then
 * finish at one time share one finished twin (each record remembers the last one it made). A
 * cloudlet whose fields are set otherwise gets a record of its own.
 */
export class CloudletTimes {
  /** The twin of an arrival with `execStartTime` = `submissionTime` (made by {@link arrival}). */
  private startedTwin: CloudletTimes | undefined;
  /** The last twin made by {@link finishedAt}, if this record keeps one (a datacenter's do). */
  private finishedTwin: CloudletTimes | undefined;
  private keepsTwins = false;

  constructor(
    readonly datacenterId: number,
    readonly prices: CloudletPrices,
    readonly submissionTime: number,
    readonly execStartTime: number,
    /** −1 while not finished. */
    readonly finishTime: number,
  ) {}

  /** An arrival at `time`, not started (start time 0) nor finished, with its twin that starts at `time`. */
  static arrival(datacenterId: number, prices: CloudletPrices, time: number): CloudletTimes {
    const arrival = new CloudletTimes(datacenterId, prices, time, 0, -1);
    const started = new CloudletTimes(datacenterId, prices, time, time, -1);
    arrival.startedTwin = started;
    arrival.keepsTwins = true;
    started.keepsTwins = true;
    return arrival;
  }

  /** These times with start time `time` (the shared twin when `time` is the submission time). */
  startedAt(time: number): CloudletTimes {
    if (Object.is(time, this.execStartTime)) return this;
    if (this.startedTwin !== undefined && Object.is(time, this.submissionTime)) return this.startedTwin;
    return new CloudletTimes(this.datacenterId, this.prices, this.submissionTime, time, this.finishTime);
  }

  /** These times with finish time `time` (the same object for the same `time` as the last call). */
  finishedAt(time: number): CloudletTimes {
    if (Object.is(time, this.finishTime)) return this;
    const last = this.finishedTwin;
    if (last !== undefined && Object.is(time, last.finishTime)) return last;
    const twin = new CloudletTimes(
      this.datacenterId,
      this.prices,
      this.submissionTime,
      this.execStartTime,
      time,
    );
    if (this.keepsTwins) this.finishedTwin = twin;
    return twin;
  }

  /** These times with other datacenter id, prices or submission time (a record of its own). */
  with(datacenterId: number, prices: CloudletPrices, submissionTime: number): CloudletTimes {
    return new CloudletTimes(datacenterId, prices, submissionTime, this.execStartTime, this.finishTime);
  }
}

/** The times of a cloudlet that has not reached a datacenter (shared by all: it keeps no twins). */
const NOT_ARRIVED = new CloudletTimes(-1, NO_PRICES, 0, 0, -1);

/**
 * A unit of work.
 *
 * Memory (a run may hold a million): the parts that are usually the defaults (PEs, file sizes,
 * utilization models) sit in one shared object; where it ran and when (datacenter, prices,
 * submission, start and finish times) in a {@link CloudletTimes} shared by the cloudlets that
 * arrived, started and finished together; each is read through a getter. What else changes during a
 * run (status, instructions done) is a field of its own. 8 fields and no boxed number: ~88 bytes a
 * finished cloudlet, where 13 fields and four boxed numbers were ~192.
 */
export class Cloudlet {
  readonly id: number;
  readonly lengthMi: number;
  private readonly shape: CloudletShape;
  private times: CloudletTimes = NOT_ARRIVED;
  /** Owner (broker entity id), −1 until submitted. */
  userId = -1;
  /** The VM it is bound to or runs on; `undefined` while unbound. */
  vmId: number | undefined;
  status: CloudletStatus = 'CREATED';
  /**
   * Instructions done, or, when a whole number of them is done with fewer than 2^30 left, −1 − the
   * instructions left (negative: done is never below 0): a finished cloudlet then holds a small
   * integer, not a boxed number of 8 bytes more (see {@link instructionsDone}).
   */
  private progress = 0;

  constructor(options: CloudletOptions) {
    const { id, lengthMi } = options;
    const pes = options.pes ?? 1;
    const where = `cloudlet[${id}]`;
    if (!Number.isInteger(id)) throw new ConfigError(`${where}.id`, id, 'must be an integer');
    if (!Number.isInteger(lengthMi) || lengthMi <= 0) {
      throw new ConfigError(`${where}.lengthMi`, lengthMi, 'must be an integer > 0');
    }
    if (instructionsOf(lengthMi, pes) > Number.MAX_SAFE_INTEGER) {
      throw new ConfigError(`${where}.lengthMi`, lengthMi, 'is too long to count in whole instructions');
    }
    if (!Number.isInteger(pes) || pes < 1)
      throw new ConfigError(`${where}.pes`, pes, 'must be an integer >= 1');
    const fileSizeBytes = options.fileSizeBytes ?? 300;
    const outputSizeBytes = options.outputSizeBytes ?? 300;
    if (!(fileSizeBytes >= 0)) throw new ConfigError(`${where}.fileSizeBytes`, fileSizeBytes, 'must be >= 0');
    if (!(outputSizeBytes >= 0))
      throw new ConfigError(`${where}.outputSizeBytes`, outputSizeBytes, 'must be >= 0');
    if (options.vmId !== undefined && !Number.isInteger(options.vmId)) {
      throw new ConfigError(`${where}.vmId`, options.vmId, 'must be an integer');
    }
    this.id = id;
    this.lengthMi = lengthMi;
    const full = FULL_UTILIZATION;
    const utilizationCpu = options.utilizationCpu ?? full;
    const utilizationRam = options.utilizationRam ?? full;
    const utilizationBw = options.utilizationBw ?? full;
    const usual =
      pes === 1 &&
      fileSizeBytes === 300 &&
      outputSizeBytes === 300 &&
      utilizationCpu === full &&
      utilizationRam === full &&
      utilizationBw === full;
    this.shape = usual
      ? DEFAULT_SHAPE
      : Object.freeze({ pes, fileSizeBytes, outputSizeBytes, utilizationCpu, utilizationRam, utilizationBw });
    this.vmId = options.vmId;
    storeAsAnyValue(this);
  }

  /** PEs it needs. */
  get pes(): number {
    return this.shape.pes;
  }

  /** Input file size in bytes. */
  get fileSizeBytes(): number {
    return this.shape.fileSizeBytes;
  }

  /** Output size in bytes. */
  get outputSizeBytes(): number {
    return this.shape.outputSizeBytes;
  }

  get utilizationCpu(): UtilizationModel {
    return this.shape.utilizationCpu;
  }

  get utilizationRam(): UtilizationModel {
    return this.shape.utilizationRam;
  }

  get utilizationBw(): UtilizationModel {
    return this.shape.utilizationBw;
  }

  /** Datacenter entity id where it ran (−1 before). */
  get datacenterId(): number {
    return this.times.datacenterId;
  }

  set datacenterId(value: number) {
    const t = this.times;
    this.times = t.with(value, t.prices, t.submissionTime);
  }

  /** Time it arrived at the datacenter. */
  get submissionTime(): number {
    return this.times.submissionTime;
  }

  set submissionTime(value: number) {
    const t = this.times;
    this.times = t.with(t.datacenterId, t.prices, value);
  }

  /** Time it started executing. */
  get execStartTime(): number {
    return this.times.execStartTime;
  }

  set execStartTime(value: number) {
    this.times = this.times.startedAt(value);
  }

  /** Time it finished (−1 while not finished). */
  get finishTime(): number {
    return this.times.finishTime;
  }

  set finishTime(value: number) {
    this.times = this.times.finishedAt(value);
  }

  /**
   * Instructions executed so far (an integer, counted as CloudSim does: each update adds a truncated
   * amount; never below 0). Exact in a double up to 2^53 ≈ 9·10^15 instructions.
   */
  get instructionsDone(): number {
    const progress = this.progress;
    // total + 1 + (−1 − left) = total − left: whole numbers up to 2^53, exact.
    return progress < 0 ? this.totalInstructions + 1 + progress : progress;
  }

  set instructionsDone(value: number) {
    if (value < 0) throw new ConfigError(`cloudlet[${this.id}].instructionsDone`, value, 'must be >= 0');
    const left = this.totalInstructions - value;
    this.progress = Number.isInteger(value) && left >= 0 && left < 2 ** 30 ? -1 - left : value;
  }

  /** Cost per second of CPU at the datacenter where it ran (0 before). */
  get costPerSecond(): number {
    return this.times.prices.costPerSecond;
  }

  set costPerSecond(value: number) {
    this.chargeWith({ costPerSecond: value, costPerBw: this.times.prices.costPerBw });
  }

  /** Cost per unit of bandwidth at the datacenter where it ran (0 before). */
  get costPerBw(): number {
    return this.times.prices.costPerBw;
  }

  set costPerBw(value: number) {
    this.chargeWith({ costPerSecond: this.times.prices.costPerSecond, costPerBw: value });
  }

  /**
   * Records both prices of the datacenter it arrived at. `prices` is kept, not copied (a datacenter
   * hands every cloudlet the same object): it must not change afterwards.
   */
  chargeWith(prices: CloudletPrices): void {
    const t = this.times;
    this.times = t.with(t.datacenterId, prices, t.submissionTime);
  }

  /**
   * Records its arrival at a datacenter (id, prices, submission time) in one step, sharing `arrival`
   * (made by {@link CloudletTimes.arrival}); a start or finish time already set is kept.
   */
  arrive(arrival: CloudletTimes): void {
    const { execStartTime, finishTime } = this.times;
    this.times = arrival.startedAt(execStartTime).finishedAt(finishTime);
  }

  /** Length over all PEs, in MI. */
  get totalLengthMi(): number {
    return this.lengthMi * this.pes;
  }

  /** Length over all PEs, in instructions. */
  get totalInstructions(): number {
    return instructionsOf(this.lengthMi, this.pes);
  }

  /** Instructions not yet executed (over all PEs). */
  get instructionsLeft(): number {
    return this.totalInstructions - this.instructionsDone;
  }

  /** Whole MI left, rounded down (CloudSim's remaining length): 0 means finished. */
  get remainingMi(): number {
    return wholeMiLeft(this.instructionsLeft);
  }

  /** True once in a final state (SUCCESS, FAILED or CANCELED). */
  get isFinal(): boolean {
    return FINAL_CLOUDLET_STATUSES.includes(this.status);
  }

  /** CPU time as CloudSim reports it: finish − start (0 before it finishes). */
  get actualCpuTime(): number {
    return this.finishTime < 0 ? 0 : this.finishTime - this.execStartTime;
  }

  /** Processing cost as CloudSim 7.0.1 computes it: cost per bandwidth × (file size + output size). */
  get processingCost(): number {
    return this.costPerBw * (this.fileSizeBytes + this.outputSizeBytes);
  }

  toString(): string {
    return `Cloudlet#${this.id}`;
  }
}

/**
 * The progress exceeds 2^31 during a run. The field holds any value (V8's "tagged" representation)
 * from the start, set here before its real initial value: a field first seen as a small integer would
 * be generalized by the first larger number written, and every cloudlet built before it migrated to a
 * new shape on its next access (measured: ~4 µs per cloudlet at 200,000 cloudlets). Tagged rather than
 * double: a double field is a box of its own per cloudlet from the start (16 bytes), while a tagged
 * one holds small integers in place and needs a box only for a number above 2^31 (the progress of a
 * cloudlet still running). Values are unchanged.
 */
function storeAsAnyValue(cloudlet: Cloudlet): void {
  const fields = cloudlet as unknown as Record<'progress', unknown>;
  fields.progress = undefined;
  fields.progress = 0;
}
