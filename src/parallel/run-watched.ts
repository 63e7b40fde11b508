/**
 * Runs an exported function of a module in a worker thread under the watchdog: its load, the
 * strategies it constructs and every decision they take are told to a shared heartbeat, and user code
 * that stays in one of them longer than the decision budget stops the worker with a one-line
 * {@link DecisionTimeoutError}. The commands that run user code (`scitsim run`, `paper`, `security`,
 * `sweep`) run this way; {@link runWatched} offers it to scripts.
 *
 * Wall-clock reads live here and in the watchdog's caller (the library's models never read the clock).
 */
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ConfigError } from '../core/errors.js';
import { packageFileUrl, packageModuleUrl } from '../core/package-files.js';
import { MAX_DECISION_TIMEOUT_SECONDS } from './decision-timeout.js';
import { HeartbeatReader, heartbeatBuffer } from './heartbeat.js';
import {
  DEFAULT_DECISION_TIMEOUT_SECONDS,
  DecisionTimeoutError,
  type HangReport,
  hangMessage,
  Watchdog,
} from './watchdog.js';
import type {
  SerializedError,
  WatchedHostMessage,
  WatchedWorkerData,
  WatchedWorkerMessage,
} from './watched-task.js';

export { MAX_DECISION_TIMEOUT_SECONDS } from './decision-timeout.js';

/** Options of {@link runWatched}. */
export interface RunWatchedOptions {
  /** Seconds one load, construction or decision may take (default {@link DEFAULT_DECISION_TIMEOUT_SECONDS}). */
  decisionTimeoutSeconds?: number;
  /** Watch the module's own load (default true: its top level is user code). */
  watchLoad?: boolean;
  /** Wall clock in milliseconds (default `performance.now`). */
  clockMillis?: () => number;
}

/** How a watched worker ended. */
export type WatchedOutcome<T> =
  | { readonly kind: 'result'; readonly value: T }
  | { readonly kind: 'error'; readonly error: Error }
  | { readonly kind: 'hang'; readonly error: DecisionTimeoutError; readonly report: HangReport }
  /** It exited without a result (e.g. a signal it does not handle). */
  | { readonly kind: 'exit'; readonly code: number };

/** What {@link startWatched} needs beyond {@link RunWatchedOptions}. */
export interface WatchedStart extends RunWatchedOptions {
  readonly moduleUrl: string;
  readonly exportName: string;
  readonly args?: readonly unknown[];
  /** Settle only when the worker has exited (its output is all out), not on its result. */
  readonly waitForExit?: boolean;
  readonly tty?: WatchedWorkerData['tty'];
  /**
   * A worker already started (with `awaitGo`) on `buffer` by `launchWatchedWorker` in
   * `bin/watched-launch.mjs`, and how it ended if it already did; it is told to go once watched.
   */
  readonly launched?: LaunchedWorker;
}

/** A watched worker started before its host could load this module (see `bin/watched-launch.mjs`). */
export interface LaunchedWorker {
  readonly worker: Worker;
  readonly buffer: SharedArrayBuffer;
  /** How it ended before the host attached, if it did. */
  ended(): { kind: 'error'; error: Error } | { kind: 'exit'; code: number } | undefined;
}

/** A watched worker, started. */
export interface WatchedRun<T> {
  /** How it ended. Never rejects. */
  readonly outcome: Promise<WatchedOutcome<T>>;
  /** Signals the worker listens for (`process.on` in the worker); forward those with {@link signal}. */
  listens(signal: NodeJS.Signals): boolean;
  /** Whether the worker is inside user code right now (it cannot read messages then). */
  inUserCode(): boolean;
  /** Forwards `signal` to the worker's own listeners. */
  signal(signal: NodeJS.Signals): void;
  /** Stops the worker (its outcome becomes an `exit`). */
  terminate(): Promise<void>;
}

function taskUrl(): string {
  return packageModuleUrl('parallel/watched-task');
}

/** Checks a decision budget; a bad one is a `ConfigError` naming `field`. */
export function checkDecisionTimeout(seconds: number, field = 'decisionTimeoutSeconds'): number {
  if (!(seconds > 0 && seconds <= MAX_DECISION_TIMEOUT_SECONDS))
    throw new ConfigError(
      field,
      seconds,
      `must be a number of seconds > 0 and ≤ ${MAX_DECISION_TIMEOUT_SECONDS}`,
    );
  return seconds;
}

function rebuild(error: SerializedError): Error {
  let rebuilt: Error;
  if (error.name === 'ConfigError' && error.field !== undefined) {
    rebuilt = new ConfigError(error.field, error.value, '');
    rebuilt.message = error.message;
  } else {
    rebuilt = new Error(error.message);
    if (error.name !== 'Error') Object.defineProperty(rebuilt, 'name', { value: error.name });
  }
  if (error.stack !== undefined) rebuilt.stack = error.stack;
  return rebuilt;
}

/** Starts `moduleUrl`'s export `exportName` on a worker thread under the watchdog (see {@link runWatched}). */
export function startWatched<T>(start: WatchedStart): WatchedRun<T> {
  const budgetSeconds = checkDecisionTimeout(
    start.decisionTimeoutSeconds ?? DEFAULT_DECISION_TIMEOUT_SECONDS,
  );
  const buffer = start.launched?.buffer ?? heartbeatBuffer();
  const reader = new HeartbeatReader(buffer);
  const data: WatchedWorkerData = {
    task: taskUrl(),
    buffer,
    moduleUrl: start.moduleUrl,
    exportName: start.exportName,
    args: [...(start.args ?? [])],
    watchLoad: start.watchLoad ?? true,
    ...(start.tty === undefined ? {} : { tty: start.tty }),
  };
  const worker =
    start.launched?.worker ?? new Worker(packageFileUrl('bin/watched-worker.mjs'), { workerData: data });
  const clockMillis = start.clockMillis ?? (() => performance.now()); // allow-wallclock: the watchdog measures real time
  const watchdog = new Watchdog({ budgetSeconds, clockMillis });
  let listening: readonly NodeJS.Signals[] = [];

  const outcome = new Promise<WatchedOutcome<T>>((settle) => {
    let ended: WatchedOutcome<T> | undefined;
    let settled = false;
    const finish = (result: WatchedOutcome<T>, now: boolean) => {
      ended ??= result;
      if (settled || (!now && start.waitForExit === true)) return;
      settled = true;
      watchdog.stop();
      settle(ended);
    };
    watchdog.watch(reader, (report) => {
      const error = new DecisionTimeoutError(hangMessage(report), report);
      void worker.terminate();
      finish({ kind: 'hang', error, report }, true);
    });
    watchdog.start();
    worker.on('message', (message: WatchedWorkerMessage) => {
      switch (message.type) {
        case 'listening':
          listening = message.signals;
          break;
        case 'result':
          finish({ kind: 'result', value: message.value as T }, false);
          if (start.waitForExit !== true) worker.unref();
          break;
        case 'error':
          finish({ kind: 'error', error: rebuild(message.error) }, false);
          if (start.waitForExit !== true) worker.unref();
          break;
      }
    });
    worker.on('error', (error) => finish({ kind: 'error', error }, true));
    worker.on('exit', (code) => finish({ kind: 'exit', code }, true));
    if (start.launched !== undefined) {
      const ended = start.launched.ended();
      if (ended !== undefined) finish(ended, true);
      else worker.postMessage({ type: 'go' } satisfies WatchedHostMessage);
    }
  });

  return {
    outcome,
    listens: (signal) => listening.includes(signal),
    inUserCode: () => reader.pulse().phase !== 'idle',
    signal: (signal) => worker.postMessage({ type: 'signal', signal } satisfies WatchedHostMessage),
    terminate: async () => {
      await worker.terminate();
    },
  };
}

/**
 * Runs `exportName(...args)` of the module at `moduleUrl` (a URL or a path) in a worker thread under
 * the watchdog, and resolves with its result (structured-cloned). Everything the function does through
 * the library is watched: the modules `loadStrategyClass` loads, every strategy constructed and every
 * decision taken. If user code stays in one of them longer than `decisionTimeoutSeconds`, the worker
 * is stopped and the promise rejects with a {@link DecisionTimeoutError} whose message is one line
 * naming the strategy (or the file), the phase, and the decision (VM, service, host, time) and seed.
 * Other errors reject as they were thrown (a `ConfigError` stays one).
 *
 * @example
 * ```ts
 * const summary = await runWatched(new URL('./my-study.ts', import.meta.url), 'study', [100], { decisionTimeoutSeconds: 5 });
 * ```
 */
export async function runWatched<T = unknown>(
  moduleUrl: string | URL,
  exportName: string,
  args: readonly unknown[] = [],
  options: RunWatchedOptions = {},
): Promise<T> {
  const url =
    moduleUrl instanceof URL
      ? moduleUrl.href
      : /^[a-z][a-z0-9+.-]+:/i.test(moduleUrl)
        ? moduleUrl
        : pathToFileURL(moduleUrl).href;
  const outcome = await startWatched<T>({ ...options, moduleUrl: url, exportName, args }).outcome;
  switch (outcome.kind) {
    case 'result':
      return outcome.value;
    case 'error':
    case 'hang':
      throw outcome.error;
    case 'exit':
      throw new Error(
        `the watched worker of ${exportName} stopped (exit code ${outcome.code}) without a result`,
      );
  }
}
