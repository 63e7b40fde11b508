/**
 * Running tasks of user code on a worker pool, each watched through its own heartbeat: at most
 * `concurrency` tasks in flight, results handed over as they come, and the first failure (a task that
 * threw, a hang the watchdog saw, a result that could not be handled, the caller's abort) stops it
 * all: the pool is told to stop (`onStop`), the running tasks are aborted, and that failure is thrown.
 * The sweep and the security study run their tasks with it.
 */
import { HeartbeatReader } from './heartbeat.js';
import { type HangReport, Watchdog } from './watchdog.js';

/** How {@link runWatchedTasks} runs the items. */
export interface WatchedTasksOptions<I, R> {
  /** Tasks in flight at once (twice the workers keeps every worker fed). */
  readonly concurrency: number;
  /** Runs one item on the pool; `signal` aborts it when the run stops. */
  run(item: I, signal: AbortSignal): Promise<R>;
  /** The item's heartbeat (`heartbeatBuffer()`), written by the worker running it. */
  heartbeat(item: I): SharedArrayBuffer;
  /** Takes an item's result (in completion order); a throw stops the run. */
  onResult(item: I, result: R): void | Promise<void>;
  /** The error a hang of `item` stops the run with. */
  hangError(report: HangReport, item: I): Error;
  /** Seconds user code may spend in one decision, construction or load. */
  readonly budgetSeconds: number;
  /** Wall clock in milliseconds, for the watchdog (the library reads no clock itself). */
  readonly clockMillis: () => number;
  /** The caller's abort (e.g. SIGINT), and the error it stops the run with. */
  readonly signal?: AbortSignal;
  interruptedError(): Error;
  /** Called once when the run stops early, before the running tasks are aborted (e.g. destroy the pool). */
  onStop?(): unknown;
}

/** Runs every item of `items` (see the module doc); resolves when all are done, or throws the first failure. */
export async function runWatchedTasks<I, R>(
  items: Iterator<I>,
  options: WatchedTasksOptions<I, R>,
): Promise<void> {
  let failure: Error | undefined;
  const abort = new AbortController();
  const stop = (error: Error) => {
    if (failure !== undefined) return;
    failure = error;
    options.onStop?.();
    abort.abort();
  };
  const interrupted = () => stop(options.interruptedError());
  if (options.signal?.aborted === true) interrupted();
  options.signal?.addEventListener('abort', interrupted);
  const watchdog = new Watchdog({
    budgetSeconds: options.budgetSeconds,
    clockMillis: options.clockMillis,
    pollMillis: 250,
  }).start();
  const launch = async (): Promise<void> => {
    while (failure === undefined) {
      const next = items.next();
      if (next.done === true) return;
      const item = next.value;
      const unwatch = watchdog.watch(new HeartbeatReader(options.heartbeat(item)), (report) =>
        stop(options.hangError(report, item)),
      );
      let result: R;
      try {
        result = await options.run(item, abort.signal);
      } catch (error) {
        if (failure === undefined) stop(error instanceof Error ? error : new Error(String(error)));
        return;
      } finally {
        unwatch();
      }
      try {
        await options.onResult(item, result);
      } catch (error) {
        stop(error instanceof Error ? error : new Error(String(error)));
        return;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, launch));
  } finally {
    watchdog.stop();
    options.signal?.removeEventListener('abort', interrupted);
  }
  if (failure !== undefined) throw failure;
}
