/**
 * The security study on worker threads (piscina): the study's jobs (one per strategy and cell, and per
 * strategy of the preset; see `planSecurityStudy`) are cut into tasks of a few seeds, the workers
 * return one {@link RunDigest} per run, and the thread that planned the study folds them job by job in
 * seed order — the same summaries, to the bit, as {@link runSecurityStudy} in one thread, for any
 * number of workers.
 *
 * A worker builds the study's policies itself, from plain data: the caller names a worker module
 * (whose default export runs a task, usually a {@link StudyTaskRunner}) and the data it needs (e.g. the
 * scenario file and the strategy files). Each task is watched through its heartbeat like a sweep's: a
 * strategy that never returns from a decision stops the study with a message that names it.
 */
import type { Container } from 'inversify';
import { Piscina } from 'piscina';
import { withWatch } from '../../core/watch.js';
import type { RotationStrategy } from '../../entities/scit/rotation-strategy.js';
import { HeartbeatWriter, heartbeatBuffer } from '../../parallel/heartbeat.js';
import {
  DEFAULT_DECISION_TIMEOUT_SECONDS,
  DecisionTimeoutError,
  hangMessage,
} from '../../parallel/watchdog.js';
import { runWatchedTasks } from '../../parallel/watched-tasks.js';
import type { NameOrClass } from '../../policies/registry.js';
import { RunScope } from '../../runs/container.js';
import { strategyContainers } from './paper-experiment.js';
import {
  finishSecurityStudy,
  planSecurityStudy,
  type SecurityStudyOptions,
  type SecurityStudyResult,
  type StudyJob,
} from './security-study.js';
import { forEachSeedRun, type RunDigest, runDigest, SeedSummaryAccumulator } from './seed-summary.js';

/** Seeds per task: a few hundred milliseconds of work, small enough to share a job between workers. */
const SEEDS_PER_TASK = 25;

/** One task: seeds `firstSeed` … `firstSeed + seeds − 1` of one job. */
export interface StudyTask {
  readonly job: StudyJob;
  readonly firstSeed: number;
  readonly seeds: number;
  /** The task's heartbeat (`heartbeatBuffer()`), read by the planning thread's watchdog. */
  readonly heartbeat: SharedArrayBuffer;
}

/** The policies of a study, as a worker builds them: the base container and the strategies in order. */
export interface StudyPolicies {
  readonly container: Container;
  readonly strategies: readonly NameOrClass<RotationStrategy>[];
}

/**
 * Runs study tasks in a worker thread. The policies are built once per thread (`build`), and must give
 * the strategies the planning thread has, in its order: their names are checked.
 */
export class StudyTaskRunner {
  private scopes: Promise<RunScope[]> | undefined;

  constructor(
    private readonly names: readonly string[],
    private readonly build: () => Promise<StudyPolicies>,
  ) {}

  /** The digests of the task's runs, in seed order. */
  run(task: StudyTask): Promise<RunDigest[]> {
    const writer = new HeartbeatWriter(task.heartbeat);
    writer.context(task.job.cell === -1 ? 'preset' : `point ${task.job.cell}`);
    return withWatch(writer, async () => {
      const scope = (await this.prepared())[task.job.strategy];
      const digests: RunDigest[] = [];
      forEachSeedRun(
        scope,
        task.job.config,
        { ...task.job.options, firstSeed: task.firstSeed, seeds: task.seeds },
        (r) => digests.push(runDigest(r)),
      );
      return digests;
    });
  }

  private prepared(): Promise<RunScope[]> {
    this.scopes ??= this.build().then(({ container, strategies }) => {
      const named = strategyContainers(container, strategies);
      const names = named.map((s) => s.name);
      if (names.join('\n') !== this.names.join('\n'))
        throw new Error(
          `study worker: the policies built here are ${names.join(', ')}, not ${this.names.join(', ')}`,
        );
      return named.map(({ container: child }) => new RunScope(child));
    });
    return this.scopes;
  }
}

/** How {@link runSecurityStudyOnWorkers} runs its tasks. */
export interface StudyPoolOptions {
  /** Worker threads (≥ 1). */
  readonly workers: number;
  /** The worker module (its default export runs a {@link StudyTask}), e.g. `bin/study-worker.mjs`. */
  readonly workerFile: string | URL;
  /** What every worker receives once (piscina's `workerData`), to build the policies from. */
  readonly workerData: unknown;
  /** Seconds a strategy may take over one decision before the study gives up (default 10). */
  readonly decisionTimeoutSeconds?: number;
  /** Wall clock in milliseconds, for the watchdog (the library reads no clock itself). */
  readonly clockMillis: () => number;
  /** Stops the study: running tasks are dropped. */
  readonly signal?: AbortSignal;
}

/** A study stopped by its caller's signal. */
export class StudyInterrupted extends Error {
  override readonly name = 'StudyInterrupted';
}

/**
 * {@link runSecurityStudy} on worker threads: the same result for any number of workers. `options`
 * must describe the same policies the workers build (its container and strategies plan the study, give
 * the names the workers are checked against, and solve the analytic chains).
 */
export async function runSecurityStudyOnWorkers(
  options: SecurityStudyOptions,
  pool: StudyPoolOptions,
): Promise<SecurityStudyResult> {
  const plan = planSecurityStudy(options);
  const names = plan.strategies.map((s) => s.name);
  // Each job's seeds in tasks of SEEDS_PER_TASK, and a slot per task for its digests until folded.
  const tasks: { job: number; chunk: number; task: StudyTask }[] = [];
  const pending = plan.jobs.map((job, j) => {
    const firstSeed = job.options.firstSeed ?? 1;
    const chunks = Math.ceil(job.options.seeds / SEEDS_PER_TASK);
    for (let chunk = 0; chunk < chunks; chunk++) {
      const seeds = Math.min(SEEDS_PER_TASK, job.options.seeds - chunk * SEEDS_PER_TASK);
      const task = {
        job,
        firstSeed: firstSeed + chunk * SEEDS_PER_TASK,
        seeds,
        heartbeat: heartbeatBuffer(),
      };
      tasks.push({ job: j, chunk, task });
    }
    return new Array<RunDigest[] | undefined>(chunks).fill(undefined);
  });
  const accumulators = plan.jobs.map((job) => new SeedSummaryAccumulator(job.config, true));
  const next = plan.jobs.map(() => 0);
  let done = 0;
  options.onProgress?.(0, plan.total);
  const piscina = new Piscina<StudyTask, RunDigest[]>({
    filename: pool.workerFile instanceof URL ? pool.workerFile.href : pool.workerFile,
    minThreads: pool.workers,
    maxThreads: pool.workers,
    workerData: { ...(pool.workerData as object), strategies: names },
  });
  let destroyed: Promise<void> | undefined;
  const destroy = () => {
    destroyed ??= piscina.destroy();
    return destroyed;
  };
  try {
    await runWatchedTasks(tasks.values(), {
      concurrency: pool.workers * 2,
      run: ({ task }, signal) => piscina.run(task, { signal }),
      heartbeat: ({ task }) => task.heartbeat,
      hangError: (report, { task }) =>
        new DecisionTimeoutError(hangMessage(report, { strategy: names[task.job.strategy] }), report),
      onResult: ({ job, chunk }, digests) => {
        pending[job][chunk] = digests;
        // Fold what is next in seed order; the rest waits for the chunks before it.
        const chunks = pending[job];
        while (next[job] < chunks.length && chunks[next[job]] !== undefined) {
          const ready = chunks[next[job]] as RunDigest[];
          chunks[next[job]++] = undefined;
          for (const digest of ready) accumulators[job].add(digest);
          done += ready.length;
          options.onProgress?.(done, plan.total);
        }
      },
      budgetSeconds: pool.decisionTimeoutSeconds ?? DEFAULT_DECISION_TIMEOUT_SECONDS,
      clockMillis: pool.clockMillis,
      ...(pool.signal === undefined ? {} : { signal: pool.signal }),
      interruptedError: () => new StudyInterrupted('the study was interrupted'),
      onStop: destroy,
    });
  } finally {
    await destroy();
  }
  return finishSecurityStudy(
    plan,
    accumulators.map((accumulator) => accumulator.summary()),
  );
}
