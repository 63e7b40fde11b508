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
 * A unit of work.
 *
 * Memory (a run may hold a million): the parts that are usually the defaults (PEs, file sizes,
 * utilization models) sit in one shared object, and the two prices in the datacenter's; each is read
 * through a getter. What changes during a run (status, times, instructions done) is a field of its own.
 */
export class Cloudlet {
  readonly id: number;
  readonly lengthMi: number;
  /** PEs it needs (its own field: schedulers read it on every submission and finish). */
  readonly pes: number;
  private readonly shape: CloudletShape;
  private prices: CloudletPrices = NO_PRICES;
  /** Owner (broker entity id), −1 until submitted. */
  userId = -1;
  /** The VM it is bound to or runs on; `undefined` while unbound. */
  vmId: number | undefined;
  status: CloudletStatus = 'CREATED';
  /** Datacenter entity id where it ran (−1 before). */
  datacenterId = -1;
  /** Time it arrived at the datacenter. */
  submissionTime = 0;
  /** Time it started executing. */
  execStartTime = 0;
  /** Time it finished (−1 while not finished). */
  finishTime = -1;
  /**
   * Instructions executed so far (an integer, counted as CloudSim does: each update adds a truncated
   * amount). Exact in a double up to 2^53 ≈ 9·10^15 instructions.
   */
  instructionsDone = 0;

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
    this.pes = pes;
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

  /** Cost per second of CPU at the datacenter where it ran (0 before). */
  get costPerSecond(): number {
    return this.prices.costPerSecond;
  }

  set costPerSecond(value: number) {
    this.prices = { costPerSecond: value, costPerBw: this.prices.costPerBw };
  }

  /** Cost per unit of bandwidth at the datacenter where it ran (0 before). */
  get costPerBw(): number {
    return this.prices.costPerBw;
  }

  set costPerBw(value: number) {
    this.prices = { costPerSecond: this.prices.costPerSecond, costPerBw: value };
  }

  /**
   * Records both prices of the datacenter it arrived at. `prices` is kept, not copied (a datacenter
   * hands every cloudlet the same object): it must not change afterwards.
   */
  chargeWith(prices: CloudletPrices): void {
    this.prices = prices;
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
 * Times and instruction counts become fractional or exceed 2^31 during a run. These fields hold any
 * value (V8's "tagged" representation) from the start, set here before their real initial values: a
 * field first seen as a small integer would be generalized by the first fraction written, and every
 * cloudlet built before it migrated to a new shape on its next access (measured: ~4 µs per cloudlet at
 * 200,000 cloudlets). Tagged rather than double: a double field is a box of its own per cloudlet from
 * the start (4 × 16 bytes), while a tagged one holds 0 and −1 in place and needs a box only once a
 * fraction or a count above 2^31 is written (measured at 10^5 cloudlets: 61 bytes less per cloudlet
 * before the run, 46 during it). Values are unchanged.
 */
function storeAsAnyValue(cloudlet: Cloudlet): void {
  const fields = cloudlet as unknown as Record<TimeField, unknown>;
  fields.submissionTime = undefined;
  fields.execStartTime = undefined;
  fields.finishTime = undefined;
  fields.instructionsDone = undefined;
  cloudlet.submissionTime = 0;
  cloudlet.execStartTime = 0;
  cloudlet.finishTime = -1;
  cloudlet.instructionsDone = 0;
}

type TimeField = 'submissionTime' | 'execStartTime' | 'finishTime' | 'instructionsDone';
