#!/usr/bin/env node
// The `scitsim` command. In a clone the TypeScript sources run directly, with tsx (a runtime
// dependency) registered with this package's own tsconfig.runtime.json, whatever the working directory.
// An installed package runs its compiled dist/ and registers tsx the same way only when a researcher's
// TypeScript file is loaded (`scitsim check my-strategy.ts`, `--strategy-file`: src/core/typescript.ts),
// so that the commands start fast (tsx alone takes ~0.3 s).
// `scitsim sweep` and `scitsim scale` first relaunch Node with the flags of bin/sweep-process.mjs (the
// relaunched process stops when this launcher dies). The commands that run a researcher's code run on a worker thread under a
// watchdog (src/parallel/supervise.ts): this thread only supervises, so user code that never returns
// is reported, not waited for.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { needsNodeFlags, nodeFlagsFor } from './sweep-process.mjs';

/** Commands that run user code: they run under the watchdog. */
const WATCHED = new Set(['run', 'paper', 'security', 'sweep']);

const root = new URL('../', import.meta.url);
/** The module at `path` under src/ (in a clone) or its compiled twin under dist/. */
const fromSources = existsSync(fileURLToPath(new URL('src/cli/entry.ts', root)));
const moduleUrl = (path) =>
  fromSources ? new URL(`src/${path}.ts`, root).href : new URL(`dist/${path}.js`, root).href;

if (needsNodeFlags(process.argv[2])) {
  // An IPC channel beside the inherited streams: the sweep's process sees it close when this one dies,
  // however it dies (kill -9 included), and stops instead of running on as an orphan.
  const child = spawn(
    process.execPath,
    [...process.execArgv, ...nodeFlagsFor(process.argv[2]), ...process.argv.slice(1)],
    { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] },
  );
  // Signals sent to this process (Ctrl-C, kill, Slurm) reach the sweep, which stops cleanly.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal === null) process.exit(code ?? 1);
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  });
} else {
  if (typeof process.send === 'function') {
    // Started by a launcher with an IPC channel (the relaunch above): when the launcher is gone, stop
    // as on SIGHUP (a sweep keeps its complete cells and writes nothing claiming to be whole). The
    // channel itself must not keep this process alive.
    const launcherGone = () => process.kill(process.pid, 'SIGHUP');
    if (process.connected) process.once('disconnect', launcherGone);
    else launcherGone();
    process.channel?.unref();
  }
  await runCommand();
}

async function runCommand() {
  if (!WATCHED.has(process.argv[2])) {
    if (fromSources) await import('./register-tsx.mjs');
    await import(moduleUrl('cli/entry'));
    return;
  }
  // The command's worker starts first, so that it boots while this thread loads the supervisor.
  const { launchWatchedWorker } = await import('./watched-launch.mjs');
  const args = process.argv.slice(2);
  const tty = {
    stdout: process.stdout.isTTY === true,
    stderr: process.stderr.isTTY === true,
    ...(process.stderr.columns === undefined ? {} : { columns: process.stderr.columns }),
  };
  const command = { moduleUrl: moduleUrl('cli/watched-entry'), exportName: 'scitsimCommand' };
  const launched = launchWatchedWorker({
    task: moduleUrl('parallel/watched-task'),
    ...command,
    prepareExportName: 'prepareScitsimCommand',
    args: [args],
    tty,
  });
  if (fromSources) await import('./register-tsx.mjs');
  const { superviseCommand } = await import(moduleUrl('parallel/supervise'));
  process.exitCode = await superviseCommand({ name: 'scitsim', ...command, args, launched, tty });
}
