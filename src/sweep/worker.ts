/**
 * The work of one sweep task, in a worker thread: one cell, one strategy, a range of seeds → one row of
 * metrics per seed. A worker prepares each cell once (validation, container, placement) and keeps it
 * for the cell's other tasks.
 *
 * Watchdog: every decision of the strategy is announced in the task's shared `heartbeat` before the
 * strategy is called (decision count, "inside choose", the request), and so is every construction of
 * the strategy (one per run), so the main thread can tell a strategy that never returns from a long
 * run, and name the decision (or the constructor) it hangs on.
 */
import { Container } from 'inversify';
import type { RandomStream } from '../core/random.js';
import type { ResolvedScitConfig } from '../entities/scit/config.js';
import type { DistributionView } from '../entities/scit/distribution-table.js';
import {
  ROTATION_STRATEGY,
  type RotationStrategy,
  type SpareDecision,
  type SwitchRequest,
} from '../entities/scit/rotation-strategy.js';
import type { Vm } from '../entities/vm.js';
import { strategyContainers } from '../experiments/scit/paper-experiment.js';
import { RunScope } from '../runs/container.js';
import { runMetricValues } from '../runs/metrics.js';
import { placeScit } from '../runs/placement.js';
import { runScit } from '../runs/scit-run.js';
import { validateScenario } from '../scenario/load.js';
import { scenarioPolicies, scenarioScitConfig } from '../scenario/scit.js';
import { cellDocument, gridParameters } from './grid.js';

/** What every task of one sweep shares; a worker thread receives it once (piscina's `workerData`). */
export interface SweepJob {
  readonly scenarioFile: string;
  readonly document: Record<string, unknown>;
  readonly fingerprint: string;
}

/** One task: a cell, a strategy (index in the scenario's list) and seeds first … first + count − 1. */
export interface SweepTask {
  readonly cell: number;
  readonly strategy: number;
  readonly firstSeed: number;
  readonly seeds: number;
  /** The fields that start each of the task's `runs.csv` rows: the cell's, then the strategy's. */
  readonly rowPrefix: string;
  /** Int32 slots {@link HEARTBEAT_SLOTS} then one Float64 (the decision's time); see the module doc. */
  readonly heartbeat: SharedArrayBuffer;
}

/**
 * The rows of a task: `seeds` rows of `columns` metric values, row after row, and the same rows as
 * `runs.csv` lines (the worker formats them, so the thread that writes the files stays free).
 */
export interface SweepTaskResult {
  readonly columns: number;
  readonly values: Float64Array;
  readonly lines: string;
}

/** Int32 slots of a heartbeat: decisions so far, inside the strategy ({@link INSIDE}), VM, service, host, seed. */
export const HEARTBEAT_SLOTS = { decisions: 0, inside: 1, vm: 2, service: 3, host: 4, seed: 5 } as const;
/** Values of the `inside` slot: not in the strategy's code, in `choose`, in its constructor. */
export const INSIDE = { no: 0, choose: 1, constructor: 2 } as const;
/** Bytes of a heartbeat buffer: 8 Int32 slots, then the decision's time as a Float64. */
export const HEARTBEAT_BYTES = 8 * 4 + 8;

/** The two views of a heartbeat buffer: its Int32 slots and the decision's time. */
export function heartbeatViews(buffer: SharedArrayBuffer): { beat: Int32Array; time: Float64Array } {
  return { beat: new Int32Array(buffer, 0, 8), time: new Float64Array(buffer, 32, 1) };
}

/** A prepared cell: its configuration, placement and one run scope per strategy. */
interface PreparedCell {
  readonly config: ResolvedScitConfig;
  readonly cloudVms: readonly Vm[];
  readonly scopes: readonly RunScope[];
  readonly attack: unknown;
  readonly cycles: number | undefined;
  readonly horizonSeconds: number | undefined;
}

/** Where decisions are announced: the views of the current task's heartbeat. */
class Heartbeat {
  beat: Int32Array<ArrayBufferLike> = new Int32Array(8);
  time: Float64Array<ArrayBufferLike> = new Float64Array(1);

  attach(buffer: SharedArrayBuffer): void {
    ({ beat: this.beat, time: this.time } = heartbeatViews(buffer));
  }
}

/** Wraps a strategy so that each decision is announced in the heartbeat (see the module doc). */
class WatchedStrategy implements RotationStrategy {
  constructor(
    private readonly inner: RotationStrategy,
    private readonly heartbeat: Heartbeat,
  ) {}

  get name(): string {
    return this.inner.name;
  }

  choose(request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision {
    const { beat, time } = this.heartbeat;
    beat[HEARTBEAT_SLOTS.vm] = request.vm;
    beat[HEARTBEAT_SLOTS.service] = request.service;
    beat[HEARTBEAT_SLOTS.host] = request.host;
    time[0] = request.nowSeconds;
    // Plain stores, not Atomics: only this thread writes, the watchdog only needs to see them within
    // its 250 ms tick, and aligned Int32 stores do not tear; a sequentially consistent store per
    // decision (a full fence) cost a few percent of a sweep.
    beat[HEARTBEAT_SLOTS.decisions]++;
    beat[HEARTBEAT_SLOTS.inside] = INSIDE.choose;
    const decision = this.inner.choose(request, view, random);
    beat[HEARTBEAT_SLOTS.inside] = INSIDE.no;
    return decision;
  }
}

/**
 * Runs sweep tasks, keeping the cells it has prepared (one per worker thread). Containers and run
 * scopes are made once per cell, never per task: inversify keeps a child container in its parent's
 * weak list, so the garbage collector moves each one (and the last simulation its scope holds) to
 * the old generation before it can drop it.
 */
export class SweepTaskRunner {
  private readonly cells = new Map<number, Promise<PreparedCell>>();
  private readonly heartbeat = new Heartbeat();

  constructor(private readonly job: SweepJob) {}

  /** Runs `task` and returns its rows. */
  async run(task: SweepTask): Promise<SweepTaskResult> {
    const cell = await this.prepared(task);
    const scope = cell.scopes[task.strategy];
    this.heartbeat.attach(task.heartbeat);
    const beat = this.heartbeat.beat;
    let values: Float64Array | undefined;
    let columns = 0;
    let lines = '';
    for (let i = 0; i < task.seeds; i++) {
      const seed = task.firstSeed + i;
      beat[HEARTBEAT_SLOTS.seed] = seed;
      const result = runScit(scope, cell.config, {
        seed,
        maxCycles: cell.cycles,
        horizonSeconds: cell.horizonSeconds,
        cloudVms: cell.cloudVms,
        attack: cell.attack,
        keepExtraExposures: false,
      });
      const row = runMetricValues(result, cell.config.exposureSeconds);
      if (values === undefined) {
        columns = row.length;
        values = new Float64Array(columns * task.seeds);
      }
      values.set(row, i * columns);
      // Metric values are numbers: no CSV quoting applies, so String() gives the field's bytes.
      lines += `${i === 0 ? '' : '\n'}${task.rowPrefix},${seed},${row.join(',')}`;
    }
    return { columns, values: values ?? new Float64Array(0), lines };
  }

  private prepared(task: SweepTask): Promise<PreparedCell> {
    let cell = this.cells.get(task.cell);
    if (cell === undefined) {
      if (this.cells.size >= 16) this.cells.delete(this.cells.keys().next().value as number);
      cell = prepareCell(this.job, task.cell, this.heartbeat);
      this.cells.set(task.cell, cell);
    }
    return cell;
  }
}

async function prepareCell(job: SweepJob, cellIndex: number, heartbeat: Heartbeat): Promise<PreparedCell> {
  const parameters = gridParameters(job.document.sweep as Record<string, unknown[]>);
  const scenario = validateScenario(cellDocument(job.document, parameters, cellIndex), job.scenarioFile);
  if (scenario.kind !== 'scit') throw new Error('sweep worker: not a scit scenario');
  const { container, strategies, attack } = await scenarioPolicies(scenario, job.scenarioFile);
  const placed = placeScit(container, scenarioScitConfig(scenario), { vmMips: scenario.requests.vmMips });
  return {
    config: placed.config,
    cloudVms: placed.vms,
    scopes: strategyContainers(container, strategies).map(({ container: parent }) => {
      const watched = new Container({ parent });
      watched.bind(ROTATION_STRATEGY).toDynamicValue(() => {
        // A strategy is made per run: a constructor that never returns is caught like a decision.
        const beat = heartbeat.beat;
        beat[HEARTBEAT_SLOTS.inside] = INSIDE.constructor;
        const strategy = parent.get(ROTATION_STRATEGY);
        beat[HEARTBEAT_SLOTS.inside] = INSIDE.no;
        return new WatchedStrategy(strategy, heartbeat);
      });
      return new RunScope(watched);
    }),
    attack: attack ?? undefined,
    cycles: scenario.horizonSeconds === undefined ? (scenario.cycles ?? 30) : undefined,
    horizonSeconds: scenario.horizonSeconds,
  };
}
