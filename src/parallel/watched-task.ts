/**
 * The worker-thread side of a watched run (started by `run-watched.ts` through
 * `bin/watched-worker.mjs`; compiled, in a clone too: scripts/sources-build.mjs): loads the module
 * (its load watched unless the host trusts it), calls the export inside `withWatch` with a heartbeat
 * writer, and posts the result.
 * Signals the host forwards reach the listeners this thread registered (`process.on('SIGINT', …)`);
 * the host is told which signals have listeners, so it can stop the thread itself for the others.
 */

import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { prepareImport } from '../core/typescript.js';
import { watchedAsync, withWatch } from '../core/watch.js';
import { HeartbeatWriter } from './heartbeat.js';
import { SIGNAL_EXIT_CODES } from './signals.js';

/** What the host sends once. */
export interface WatchedWorkerData {
  /** This module's URL (the bootstrap imports it). */
  readonly task: string;
  readonly buffer: SharedArrayBuffer;
  readonly moduleUrl: string;
  readonly exportName: string;
  readonly args: readonly unknown[];
  /** Watch the module's load (user code); false for the package's own modules. */
  readonly watchLoad: boolean;
  /**
   * Wait for the host's `go` before calling the export (the module is loaded meanwhile): a command's
   * supervisor starts this thread first and its own watchdog while this one boots.
   */
  readonly awaitGo?: boolean;
  /**
   * With `awaitGo`: an export called with `args` while this thread waits for `go` (e.g. to load the
   * modules the command needs meanwhile); its failure is ignored (the call itself meets it again).
   */
  readonly prepareExportName?: string;
  /** Which of this thread's streams stand for a terminal (they are pipes to the host's). */
  readonly tty?: { readonly stdout: boolean; readonly stderr: boolean; readonly columns?: number };
}

/** What the host sends later. */
export type WatchedHostMessage =
  | { readonly type: 'signal'; readonly signal: NodeJS.Signals }
  | { readonly type: 'go' };

/** What this thread posts. */
export type WatchedWorkerMessage =
  | { readonly type: 'result'; readonly value: unknown }
  | { readonly type: 'error'; readonly error: SerializedError }
  | { readonly type: 'listening'; readonly signals: readonly NodeJS.Signals[] };

/** An error as it crosses the thread boundary. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  /** A `ConfigError`'s field and value. */
  readonly field?: string;
  readonly value?: unknown;
}

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function serialize(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { field, value } = error as { field?: unknown; value?: unknown };
  return {
    name: error.name,
    message: error.message,
    stack: error.stack,
    ...(typeof field === 'string' ? { field, value: cloneable(value) } : {}),
  };
}

function cloneable(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return String(value);
  }
}

function showTerminal(tty: NonNullable<WatchedWorkerData['tty']>): void {
  for (const [stream, isTTY] of [
    [process.stdout, tty.stdout],
    [process.stderr, tty.stderr],
  ] as const) {
    if (!isTTY) continue;
    Object.assign(stream, { isTTY: true, ...(tty.columns === undefined ? {} : { columns: tty.columns }) });
  }
}

async function main(data: WatchedWorkerData, port: NonNullable<typeof parentPort>): Promise<void> {
  const post = (message: WatchedWorkerMessage) => port.postMessage(message);
  let go: () => void = () => {};
  const started = data.awaitGo === true ? new Promise<void>((resolve) => (go = resolve)) : undefined;
  port.on('message', (message: WatchedHostMessage) => {
    if (message.type === 'go') {
      port.unref();
      return go();
    }
    // As a real signal does: the listeners are given its name.
    if (process.listenerCount(message.signal) > 0) process.emit(message.signal as 'SIGINT', message.signal);
    else process.exit(SIGNAL_EXIT_CODES[message.signal] ?? 1);
  });
  // Listening for the host's messages must not keep this thread alive once the task is done (while
  // it waits for `go`, it must).
  if (started === undefined) port.unref();
  let told = '';
  const tell = () =>
    queueMicrotask(() => {
      const signals = SIGNALS.filter((signal) => process.listenerCount(signal) > 0);
      if (signals.join() === told) return;
      told = signals.join();
      post({ type: 'listening', signals });
    });
  process.on('newListener', (event) => SIGNALS.includes(event as NodeJS.Signals) && tell());
  process.on('removeListener', (event) => SIGNALS.includes(event as NodeJS.Signals) && tell());
  if (data.tty !== undefined) showTerminal(data.tty);

  const writer = new HeartbeatWriter(data.buffer);
  try {
    const value = await withWatch(writer, async () => {
      await prepareImport(data.moduleUrl);
      const load = () => import(data.moduleUrl) as Promise<Record<string, unknown>>;
      const module = data.watchLoad
        ? await watchedAsync('load', subjectOf(data.moduleUrl), load)
        : await load();
      const prepare = data.prepareExportName === undefined ? undefined : module[data.prepareExportName];
      if (started !== undefined && typeof prepare === 'function')
        Promise.resolve()
          .then(() => prepare(...data.args))
          .catch(() => {});
      await started;
      const exported = module[data.exportName];
      if (typeof exported !== 'function')
        throw new TypeError(`${data.moduleUrl} has no exported function "${data.exportName}"`);
      return await (exported as (...args: unknown[]) => unknown)(...data.args);
    });
    post({ type: 'result', value });
  } catch (error) {
    post({ type: 'error', error: serialize(error) });
  }
}

function subjectOf(url: string): string {
  return url.startsWith('file:') ? fileURLToPath(url) : url;
}

if (parentPort !== null && (workerData as Partial<WatchedWorkerData> | undefined)?.moduleUrl !== undefined)
  await main(workerData as WatchedWorkerData, parentPort);
