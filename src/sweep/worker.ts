/**
 * The work of one sweep task, in a worker thread: one cell, one strategy, a range of seeds → one row of
 * metrics per seed. A worker prepares each cell once (validation, container, placement) and keeps it
 * for the cell's other tasks.
 *
 * Watchdog: each task runs inside `withWatch` with a writer of its shared heartbeat (see
 * `src/parallel/heartbeat.ts`), so the library tells it about every module loaded, every strategy
 * constructed and every decision (and the reading of its fields): the main thread's watchdog can
 * tell a strategy that never returns from a long run, and name the decision (or the constructor) it
 * hangs on.
 */
import { withWatch } from '../core/watch.js';
import { longestExposureSeconds, type ResolvedScitConfig } from '../entities/scit/config.js';
import type { Vm } from '../entities/vm.js';
import { strategyContainers } from '../experiments/scit/paper-experiment.js';
import { HeartbeatWriter } from '../parallel/heartbeat.js';
import { RunScope } from '../runs/container.js';
import { runMetricValues, writeRunMetricValues } from '../runs/metrics.js';
import { placeScit } from '../runs/placement.js';
import { checkRunOptions, runCheckedScit } from '../runs/scit-run.js';
import { validateScenario } from '../scenario/load.js';
import { scenarioPolicies, scenarioScitConfig } from '../scenario/scit.js';
import { cellDocument, gridParameters, type SweepGrid } from './grid.js';

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
  /** The task's heartbeat (`heartbeatBuffer()`); see the module doc. */
  readonly heartbeat: SharedArrayBuffer;
  /**
   * Buffers of earlier results that the main thread is done with, moved back to be filled again (see
   * {@link SweepTaskRunner}): a result's buffers then do not have to be made anew in this thread, nor
   * collected in the main one.
   */
  readonly spare?: readonly ArrayBuffer[];
}

/**
 * The rows of a task: `seeds` rows of `columns` metric values, row after row, and the same rows as
 * `runs.csv` lines in UTF-8, each ending in a newline (the worker formats and encodes them, so the thread
 * that writes the files stays free). Both are typed arrays with buffers of their own, which a worker
 * thread transfers instead of copying (bin/sweep-worker.mjs): the main thread's heap never holds the
 * rows as strings, so its garbage collector does not copy them while a cell fills.
 */
export interface SweepTaskResult {
  readonly columns: number;
  readonly values: Float64Array;
  readonly lines: Uint8Array;
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

/**
 * Buffers of earlier results kept to be filled again (see {@link SweepTaskRunner}), at most `max`: the
 * main thread keeps those it has used until it moves them back with a task, a runner those a task
 * brought until it writes a result.
 */
export class SpareBuffers {
  private readonly buffers: ArrayBuffer[] = [];

  constructor(private readonly max: number) {}

  /** Keeps `buffer`, unless `max` are kept already. */
  give(buffer: ArrayBuffer): void {
    if (this.buffers.length < this.max) this.buffers.push(buffer);
  }

  /** The first kept buffer of at least `bytes` bytes, or a new one of exactly `bytes`. */
  take(bytes: number): ArrayBuffer {
    const buffers = this.buffers;
    for (let i = 0; i < buffers.length; i++)
      if (buffers[i].byteLength >= bytes) return buffers.splice(i, 1)[0];
    return new ArrayBuffer(bytes);
  }

  /** Up to `count` of the kept buffers, no longer kept. */
  takeSome(count: number): ArrayBuffer[] {
    return this.buffers.splice(0, count);
  }
}

/**
 * Runs sweep tasks, keeping the cells it has prepared (one per worker thread). Containers and run
 * scopes are made once per cell, never per task: inversify keeps a child container in its parent's
 * weak list, so the garbage collector moves each one (and the last simulation its scope holds) to
 * the old generation before it can drop it.
 *
 * A result's rows are written into spare buffers when a task brings some large enough
 * ({@link SweepTask.spare}; the result's arrays are then views of their first bytes), else into new
 * ones. The main thread moves a result's buffers back once it has used them: a buffer it receives but
 * never gives away counts as new memory outside the JavaScript heap until a full collection finds it
 * unused, and the ~0.8 MB a task brings made V8 run such a collection every second or two in the
 * thread that otherwise does little (~40% of its CPU time).
 */
export class SweepTaskRunner {
  private readonly cells = new Map<number, Promise<PreparedCell>>();
  private readonly encoder = new TextEncoder();
  /** Up to 8: a task uses two, the rest wait for later tasks. */
  private readonly spares = new SpareBuffers(8);

  constructor(private readonly job: SweepJob) {}

  /** Runs `task` and returns its rows, watched through its heartbeat. */
  run(task: SweepTask): Promise<SweepTaskResult> {
    for (const buffer of task.spare ?? []) this.spares.give(buffer);
    const writer = new HeartbeatWriter(task.heartbeat);
    writer.context(`cell ${task.cell}`);
    return withWatch(writer, () => this.runWatched(task));
  }

  private async runWatched(task: SweepTask): Promise<SweepTaskResult> {
    const cell = await this.prepared(task);
    const scope = cell.scopes[task.strategy];
    let values: Float64Array | undefined;
    let columns = 0;
    let lines = '';
    const exposureSeconds = longestExposureSeconds(cell.config);
    // The cell's options differ only in the seed: checked once per task, and one object whose seed
    // changes (a run reads its options, it keeps none of them).
    const options = {
      seed: task.firstSeed,
      maxCycles: cell.cycles,
      horizonSeconds: cell.horizonSeconds,
      cloudVms: cell.cloudVms,
      attack: cell.attack,
      keepExtraExposures: false,
    };
    checkRunOptions(cell.config, options);
    for (let i = 0; i < task.seeds; i++) {
      const seed = task.firstSeed + i;
      options.seed = seed;
      const result = runCheckedScit(scope, cell.config, options);
      if (values === undefined) {
        const row = runMetricValues(result, exposureSeconds);
        columns = row.length;
        values = new Float64Array(this.spares.take(8 * columns * task.seeds), 0, columns * task.seeds);
        values.set(row, 0);
      } else writeRunMetricValues(result, exposureSeconds, values, i * columns);
      // Metric values are numbers: no CSV quoting applies, so a Float64Array's join gives the fields'
      // bytes (each number as String() writes it), without a row array per run.
      lines += `${task.rowPrefix},${seed},${values.subarray(i * columns, (i + 1) * columns).join(',')}\n`;
    }
    const bytes = new Uint8Array(this.spares.take(Buffer.byteLength(lines)));
    const { written } = this.encoder.encodeInto(lines, bytes);
    return { columns, values: values ?? new Float64Array(0), lines: bytes.subarray(0, written) };
  }

  private prepared(task: SweepTask): Promise<PreparedCell> {
    let cell = this.cells.get(task.cell);
    if (cell === undefined) {
      if (this.cells.size >= 16) this.cells.delete(this.cells.keys().next().value as number);
      cell = prepareCell(this.job, task.cell);
      this.cells.set(task.cell, cell);
    }
    return cell;
  }
}

async function prepareCell(job: SweepJob, cellIndex: number): Promise<PreparedCell> {
  const parameters = gridParameters(job.document.sweep as SweepGrid); // checked by the plan;
  const scenario = validateScenario(cellDocument(job.document, parameters, cellIndex), job.scenarioFile);
  if (scenario.kind !== 'scit') throw new Error('sweep worker: not a scit scenario');
  const { container, strategies, attack } = await scenarioPolicies(scenario, job.scenarioFile);
  const placed = placeScit(container, scenarioScitConfig(scenario), { vmMips: scenario.requests.vmMips });
  return {
    config: placed.config,
    cloudVms: placed.vms,
    // A strategy is made per run (resolveRotationStrategy, watched): a constructor that never returns
    // is caught like a decision.
    scopes: strategyContainers(container, strategies).map(({ container: child }) => new RunScope(child)),
    attack: attack ?? undefined,
    cycles: scenario.horizonSeconds === undefined ? (scenario.cycles ?? 30) : undefined,
    horizonSeconds: scenario.horizonSeconds,
  };
}
