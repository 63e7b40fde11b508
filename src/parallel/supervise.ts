/**
 * A command's supervisor: the process's main thread runs the command on a watched worker thread
 * (see `run-watched.ts`) and stays free to watch it. It forwards the streams (the worker is told which
 * are terminals, so progress bars still show), forwards SIGINT/SIGTERM/SIGHUP to the command when it
 * listens for them and otherwise stops it (exit 130/143/129), and propagates the exit code. User code
 * that never returns ends the command with one line on stderr and exit code 1.
 *
 * It imports nothing heavy: the command's modules load in the worker.
 */

import { systemErrorReason } from '../core/errors.js';
import { type LaunchedWorker, startWatched } from './run-watched.js';
import { SIGNAL_EXIT_CODES } from './signals.js';
import { DEFAULT_DECISION_TIMEOUT_SECONDS } from './watchdog.js';
import type { WatchedWorkerData } from './watched-task.js';

/** What to run. */
export interface SupervisedCommand {
  /** Prefix of the one-line messages (`scitsim`). */
  readonly name: string;
  /** The module and export that run the command in the worker: `(args) => exit code`. */
  readonly moduleUrl: string;
  readonly exportName: string;
  readonly args: readonly string[];
  /** Seconds one load, construction or decision may take (default: `--decision-timeout` in `args`, or 10). */
  readonly decisionTimeoutSeconds?: number;
  /** The command's worker, when it was started before this module loaded (`bin/watched-launch.mjs`). */
  readonly launched?: LaunchedWorker;
  /** Which of this process's streams are terminals (default: as they are). */
  readonly tty?: WatchedWorkerData['tty'];
}

/** Which of this process's streams are terminals, for the worker (whose streams are pipes). */
export function terminalStreams(): NonNullable<WatchedWorkerData['tty']> {
  return {
    stdout: process.stdout.isTTY === true,
    stderr: process.stderr.isTTY === true,
    ...(process.stderr.columns === undefined ? {} : { columns: process.stderr.columns }),
  };
}

/**
 * The value of `--decision-timeout S` (or `--decision-timeout=S`) in `args`, if it is a valid one;
 * the command's own parser reports a bad one.
 */
export function decisionTimeoutArgument(args: readonly string[]): number | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') break;
    const text =
      arg === '--decision-timeout'
        ? args[i + 1]
        : arg.startsWith('--decision-timeout=')
          ? arg.slice(19)
          : undefined;
    if (text === undefined) continue;
    const seconds = Number(text);
    return /^\s*\d+\s*$/.test(text) && seconds >= 1 && seconds <= 3600 ? seconds : undefined;
  }
  return undefined;
}

/** A writable stream that reports a failed write with an `'error'` event (stdout, stderr). */
interface OutputStream {
  on(event: 'error', listener: (error: Error) => void): unknown;
  write(text: string): unknown;
}

/**
 * Makes a failed write to standard output (`> /dev/full`: no space left on device) end the command
 * with one line on stderr, `NAME: could not write to standard output: no space left on device`, and
 * exit code 1 (unless it already failed otherwise), instead of an unhandled `'error'` and a stack. A
 * reader that closed the pipe early (`| head`) wanted no more: the rest is dropped quietly. Listens
 * for the rest of the process's life (the error of the last write arrives after the command ends);
 * returns whether standard output failed.
 */
export function guardStandardOutput(
  name: string,
  stdout: OutputStream = process.stdout,
  stderr: OutputStream = process.stderr,
): { failed(): boolean } {
  let failed = false;
  let told = false;
  stdout.on('error', (error) => {
    if (told || (error as { code?: unknown }).code === 'EPIPE') return;
    told = true;
    failed = true;
    stderr.write(`${name}: could not write to standard output: ${systemErrorReason(error)}\n`);
    if (Number(process.exitCode ?? 0) === 0) process.exitCode = 1;
  });
  // Nothing can be said when stderr itself fails; it must not end the command with a stack either.
  stderr.on('error', () => {});
  return { failed: () => failed };
}

/** Runs the command under the watchdog; resolves with the process's exit code. */
export async function superviseCommand(command: SupervisedCommand): Promise<number> {
  const output = guardStandardOutput(command.name);
  const code = await supervise(command);
  return code === 0 && output.failed() ? 1 : code;
}

async function supervise(command: SupervisedCommand): Promise<number> {
  const tty = command.tty ?? terminalStreams();
  const budget =
    command.decisionTimeoutSeconds ??
    decisionTimeoutArgument(command.args) ??
    DEFAULT_DECISION_TIMEOUT_SECONDS;
  const run = startWatched<number>({
    moduleUrl: command.moduleUrl,
    exportName: command.exportName,
    args: [command.args],
    watchLoad: false,
    waitForExit: true,
    decisionTimeoutSeconds: budget,
    tty,
    ...(command.launched === undefined ? {} : { launched: command.launched }),
  });
  let stoppedBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    // A command that listens (a sweep tidies up) is told, unless it is stuck in user code.
    if (run.listens(signal) && !run.inUserCode()) return run.signal(signal);
    stoppedBy ??= signal;
    void run.terminate();
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, onSignal);
  try {
    const outcome = await run.outcome;
    if (stoppedBy !== undefined) return SIGNAL_EXIT_CODES[stoppedBy] ?? 1;
    switch (outcome.kind) {
      case 'result':
        return outcome.value;
      case 'exit':
        return outcome.code;
      case 'hang':
        // A progress bar may be on the terminal's line, with the cursor hidden.
        if (tty.stderr) process.stderr.write('\x1b[?25h\n');
        process.stderr.write(`${command.name}: ${outcome.error.message}; stopped.\n`);
        return 1;
      case 'error':
        // A bug (the command reports its users' mistakes itself): its stack.
        process.stderr.write(`${outcome.error.stack ?? outcome.error.message}\n`);
        return 1;
      default:
        return 1;
    }
  } finally {
    for (const signal of signals) process.off(signal, onSignal);
  }
}
