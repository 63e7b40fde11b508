/**
 * Running a sweep: every cell × strategy × seed of the plan (or of one shard of it), on a pool of
 * worker threads (piscina). Tasks are a cell, a strategy and a range of seeds; results are written in
 * plan order whatever order the workers finish in, so the bytes of every file are the same for any
 * number of workers and any sharding. Memory stays flat: a cell's rows go to its file as they come.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { ConfigError } from '../core/errors.js';
import { packageFileUrl } from '../core/package-files.js';
import { heartbeatBuffer } from '../parallel/heartbeat.js';
import { DEFAULT_DECISION_TIMEOUT_SECONDS, DecisionTimeoutError, hangMessage } from '../parallel/watchdog.js';
import { runWatchedTasks } from '../parallel/watched-tasks.js';
import { csvField } from '../report/csv.js';
import { sweepWorkersLimit } from './limits.js';
import { lockDir } from './lock.js';
import {
  cellPrefix,
  cellsPresent,
  readManifest,
  StrategyCellSummary,
  scanCells,
  shapeOf,
  writeCellFile,
  writeManifest,
  writeSweepResults,
} from './output.js';
import { type Shard, type SweepPlan, shardCells } from './plan.js';
import {
  SpareBuffers,
  type SweepJob,
  type SweepTask,
  type SweepTaskResult,
  SweepTaskRunner,
} from './worker.js';

/** Options of {@link runSweep}. */
export interface SweepRunOptions {
  /** Output directory. */
  outDir: string;
  /** Worker threads (default: the machine's cores); 0 runs in this thread (no watchdog: for tests). */
  workers?: number;
  /** Run only this shard (then `merge` combines the shards' directories). */
  shard?: Shard;
  /** Keep the complete cells already in `outDir` (of the same sweep) and run only the others. */
  resume?: boolean;
  /** Metric of the figure (default: the first service's share of cycles below target). */
  metric?: string;
  /** Seconds a strategy may take over one decision before the sweep gives up on it (default 10). */
  decisionTimeoutSeconds?: number;
  /**
   * Told what the sweep did on its own that the user should know: a stale lock taken over, a cell file
   * that failed its check and runs again (default: nothing is said).
   */
  onWarning?: (message: string) => void;
  /** Runs done so far and in all (for a progress bar). */
  onProgress?: (done: number, total: number) => void;
  /** Aborts the sweep (e.g. on SIGINT): running tasks are dropped, complete cells stay. */
  signal?: AbortSignal;
  /**
   * Wall clock in milliseconds, for the watchdog and to size the tasks by the speed the sweep reaches
   * (the library reads no clock itself; with a clock that stands still, tasks hold 100 seeds).
   */
  clockMillis: () => number;
}

/** What a sweep did. */
export interface SweepOutcome {
  /** Cells run now, and cells kept from an earlier run (`resume`). */
  readonly ran: number;
  readonly kept: number;
  readonly runs: number;
  /** Whether the final files (runs.csv, summary.csv, figure) were written (not for a shard). */
  readonly finished: boolean;
  readonly metric: string;
}

/** Seconds of a worker's time a task aims at, once the sweep's speed is known (see {@link seedsPerTask}). */
const TASK_SECONDS = 0.2;

/** The span of recent task ends the sweep's speed is measured over. */
const SPEED_WINDOW_MILLIS = 1000;

/**
 * Seeds per task: about {@link TASK_SECONDS} of a worker's work at the speed the sweep has reached
 * (`runsPerWorkerSecond`; 100 seeds while it is not known yet), from 100 to 2,000 seeds, and small enough
 * that every worker still gets at least 16 tasks.
 * - Larger tasks: a task costs the main thread 0.3-0.9 ms whatever its size (piscina's messages, the
 *   watchdog's bookkeeping, code that runs too seldom to be optimized). With 400 seeds per task that was
 *   1-2 µs of the 3-4 µs per run the main thread spent, against ~45 µs a run takes a worker, on cores it
 *   shares with the workers.
 * - Not larger: the progress is counted task by task, and the last tasks of a sweep may leave the other
 *   workers idle. A fifth of a second keeps both short whatever a run costs (2,000 seeds of a 50 ms run
 *   would be 100 s), and 16 tasks per worker bound the idle tail to a thirty-second of a worker's share.
 * The rows do not depend on it: they are written in seed order.
 */
export function seedsPerTask(runs: number, workers: number, runsPerWorkerSecond?: number): number {
  const byCount = Math.floor(runs / (16 * Math.max(1, workers)));
  const byTime = runsPerWorkerSecond === undefined ? 0 : Math.floor(runsPerWorkerSecond * TASK_SECONDS);
  return Math.min(2000, Math.max(100, Math.min(byCount, byTime)));
}

/** The worker bootstrap (loads the compiled task module: dist/, or a clone's build of its sources). */
const WORKER_FILE = fileURLToPath(packageFileUrl('bin/sweep-worker.mjs'));

export { sweepWorkersLimit } from './limits.js';

/** The default figure metric of a plan. */
export function defaultMetric(plan: SweepPlan): string {
  return plan.metrics.find((m) => m.endsWith('.degradedCycleShare')) ?? plan.metrics[0];
}

/** Runs the plan (or its shard) into `options.outDir`. */
export async function runSweep(plan: SweepPlan, options: SweepRunOptions): Promise<SweepOutcome> {
  const metric = options.metric ?? defaultMetric(plan);
  if (!plan.metrics.includes(metric))
    throw new ConfigError('--metric', metric, `unknown metric; valid values are: ${plan.metrics.join(', ')}`);
  const workers = options.workers ?? availableParallelism();
  const workersLimit = sweepWorkersLimit();
  if (!Number.isInteger(workers) || workers < 0 || workers > workersLimit.max)
    throw new ConfigError(
      'workers',
      workers,
      `must be a whole number from 0 to ${workersLimit.max} (${workersLimit.why})`,
    );
  if (options.signal?.aborted === true) throw new SweepInterrupted('the sweep was interrupted');
  const budget = options.decisionTimeoutSeconds ?? DEFAULT_DECISION_TIMEOUT_SECONDS;
  const { outDir } = options;
  const lock = await lockDir(outDir, '--out', 'sweep', options.onWarning);
  try {
    return await runLocked(plan, options, metric, workers, budget);
  } finally {
    await lock.release();
  }
}

/** {@link runSweep} once `options.outDir` is locked. */
async function runLocked(
  plan: SweepPlan,
  options: SweepRunOptions,
  metric: string,
  workers: number,
  budget: number,
): Promise<SweepOutcome> {
  const { outDir } = options;
  const existing = await readManifest(outDir);
  if (existing !== undefined && existing.fingerprint !== plan.fingerprint)
    throw new ConfigError(
      '--out',
      outDir,
      'holds the results of another sweep (a different scenario or files): use another directory',
    );
  const wanted = shardCells(plan, options.shard);
  const kept = new Set<number>();
  if (options.resume) {
    const scan = await scanCells(outDir, plan);
    for (const cell of scan.present) kept.add(cell);
    const isWanted = new Set(wanted);
    for (const { cell, file, reason } of scan.invalid)
      if (isWanted.has(cell)) options.onWarning?.(`${file} ${reason}; running cell ${cell} again`);
  }
  const todo = wanted.filter((cell) => !kept.has(cell));
  const total = todo.length * plan.strategies.length * plan.seeds;
  let done = 0;
  options.onProgress?.(0, total);

  const progress = (runs: number) => {
    done += runs;
    options.onProgress?.(done, total);
    return done;
  };
  if (todo.length > 0 && workers === 0) {
    // In this thread: same tasks, same order, same bytes; no watchdog (a hang cannot be interrupted).
    const runner = new SweepTaskRunner(sweepJob(plan));
    await runCells(plan, todo, { run: (task) => runner.run(task) }, 1, budget, options, progress);
  } else if (todo.length > 0) {
    const pool = new Piscina<SweepTask, SweepTaskResult>({
      filename: WORKER_FILE,
      minThreads: workers,
      maxThreads: workers,
      workerData: sweepJob(plan),
    });
    // Destroyed as soon as the sweep stops (interrupted, a hang, a full disk), before its running tasks
    // are aborted: an aborted task's worker is otherwise replaced by a new one, which would boot only to
    // be terminated and keep the process alive meanwhile.
    let destroyed: Promise<void> | undefined;
    const destroy = () => {
      destroyed ??= pool.destroy();
      return destroyed;
    };
    try {
      await runCells(plan, todo, pool, workers, budget, options, progress, destroy);
    } finally {
      await destroy();
    }
  }
  const present = await cellsPresent(outDir, plan);
  const shard = options.shard === undefined || options.shard.count === 1 ? null : options.shard;
  const finished = shard === null;
  if (finished) await writeSweepResults(plan, outDir, [outDir], metric);
  await writeManifest(outDir, {
    fingerprint: plan.fingerprint,
    shape: shapeOf(plan),
    shard,
    cellsPresent: present,
    metric,
  });
  return { ran: todo.length, kept: wanted.length - todo.length, runs: total, finished, metric };
}

function sweepJob(plan: SweepPlan): SweepJob {
  return { scenarioFile: plan.scenarioFile, document: plan.document, fingerprint: plan.fingerprint };
}

/** One cell being run: its tasks' results, flushed in order into rows and accumulators. */
interface CellState {
  readonly cell: number;
  readonly tasks: SweepTask[];
  readonly results: (SweepTaskResult | undefined)[];
  next: number;
  /** Set once the cell's file is being written (several task completions may see it whole). */
  written: boolean;
  /** The cell's `runs.csv` rows so far, one UTF-8 block of lines per task. */
  readonly runs: Uint8Array[];
  readonly summaries: StrategyCellSummary[];
}

async function runCells(
  plan: SweepPlan,
  cells: readonly number[],
  pool: {
    run(
      task: SweepTask,
      options?: { signal?: AbortSignal; transferList?: ArrayBuffer[] },
    ): Promise<SweepTaskResult>;
  },
  workers: number,
  budgetSeconds: number,
  options: SweepRunOptions,
  /** Counts runs done; returns the runs done so far in the sweep. */
  progress: (runs: number) => number,
  /** Stops the pool's threads (called once, when the sweep stops, before its tasks are aborted). */
  stopPool?: () => unknown,
): Promise<void> {
  // Tasks are made cell by cell as the workers need them: memory holds only the cells in flight. Each
  // cell's tasks are sized from the runs done per worker-second over the last second or so (from the
  // first task's end at first: the workers' start-up left out). The clock is the watchdog's.
  const runs = cells.length * plan.strategies.length * plan.seeds;
  // Buffers of results already used (summed, written), up to 16 (two a task), moved back to a worker
  // with its next task (see SweepTask.spare).
  const spares = new SpareBuffers(16);
  /** (time, runs done) at each task's end, back to the last one at least a second before the newest. */
  const ends: { millis: number; done: number }[] = [];
  const counted = (count: number) => {
    const millis = options.clockMillis();
    ends.push({ millis, done: progress(count) });
    while (ends.length > 2 && millis - ends[1].millis >= SPEED_WINDOW_MILLIS) ends.shift();
  };
  function* tasks() {
    for (const cell of cells) {
      const [oldest, newest] = [ends[0], ends[ends.length - 1]];
      const speed =
        oldest !== undefined && newest.millis > oldest.millis
          ? (newest.done - oldest.done) / ((newest.millis - oldest.millis) / 1000) / workers
          : undefined;
      const state = cellState(plan, cell, seedsPerTask(runs, workers, speed));
      for (let index = 0; index < state.tasks.length; index++)
        yield { state, task: state.tasks[index], index };
    }
  }
  await runWatchedTasks(tasks(), {
    concurrency: workers * 2,
    run: ({ task }, signal) => {
      const transferList = spares.takeSome(4);
      return pool.run(transferList.length > 0 ? { ...task, spare: transferList } : task, {
        signal,
        transferList,
      });
    },
    heartbeat: ({ task }) => task.heartbeat,
    hangError: (report, { task }) =>
      new DecisionTimeoutError(
        `${hangMessage(report, { strategy: plan.strategies[task.strategy] })}; the sweep stopped`,
        report,
      ),
    onResult: ({ state, index }, result) => {
      state.results[index] = result;
      // A cell that cannot be written (a full disk) stops the sweep; the cells written stay.
      return flush(plan, state, options.outDir, counted, spares);
    },
    budgetSeconds,
    clockMillis: options.clockMillis,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    interruptedError: () => new SweepInterrupted('the sweep was interrupted'),
    ...(stopPool === undefined ? {} : { onStop: stopPool }),
  });
}

function cellState(plan: SweepPlan, cell: number, perTask: number): CellState {
  const tasks: SweepTask[] = [];
  const prefix = cellPrefix(plan, cell);
  for (let strategy = 0; strategy < plan.strategies.length; strategy++)
    for (let offset = 0; offset < plan.seeds; offset += perTask)
      tasks.push({
        cell,
        strategy,
        firstSeed: plan.firstSeed + offset,
        seeds: Math.min(perTask, plan.seeds - offset),
        rowPrefix: `${prefix},${csvField(plan.strategies[strategy])}`,
        heartbeat: heartbeatBuffer(),
      });
  return {
    cell,
    tasks,
    results: tasks.map(() => undefined),
    next: 0,
    written: false,
    runs: [],
    summaries: plan.strategies.map(() => new StrategyCellSummary(plan.metrics)),
  };
}

/**
 * Moves the cell's results that are next in order into its rows; writes the cell when it is whole.
 * Each result's buffers go to `spares` once used: its values once summed, its rows once written.
 */
async function flush(
  plan: SweepPlan,
  state: CellState,
  outDir: string,
  progress: (runs: number) => void,
  spares: SpareBuffers,
) {
  while (state.next < state.tasks.length && state.results[state.next] !== undefined) {
    const task = state.tasks[state.next];
    const result = state.results[state.next] as SweepTaskResult;
    state.results[state.next] = undefined;
    state.next++;
    const summary = state.summaries[task.strategy];
    const { values, columns } = result;
    for (let i = 0; i < task.seeds; i++) summary.add(values, i * columns);
    spares.give(values.buffer as ArrayBuffer);
    state.runs.push(result.lines);
    progress(task.seeds);
  }
  if (state.next === state.tasks.length && !state.written) {
    state.written = true;
    const summary = state.summaries.map((s, strategy) => s.row(plan, state.cell, strategy));
    await writeCellFile(outDir, plan, state.cell, state.runs, summary);
    for (const lines of state.runs) spares.give(lines.buffer as ArrayBuffer);
    state.runs.length = 0;
  }
}

/** An interrupted sweep (SIGINT, SIGTERM): complete cells stay, the rest is dropped. */
export class SweepInterrupted extends Error {
  override readonly name = 'SweepInterrupted';
}
