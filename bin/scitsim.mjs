#!/usr/bin/env node
// The `scitsim` command. tsx (a runtime dependency) is registered with this package's own
// tsconfig.runtime.json, whatever the working directory, so that a researcher's TypeScript file
// (`scitsim check my-strategy.ts`, `--strategy-file`) compiles with the decorators inversify needs.
// In a clone the TypeScript sources run directly; an installed package runs its compiled dist/.
// `scitsim sweep` first relaunches Node with the flags of bin/sweep-process.mjs.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { needsSweepFlags, SWEEP_NODE_FLAGS } from './sweep-process.mjs';

if (needsSweepFlags(process.argv[2])) {
  const child = spawn(
    process.execPath,
    [...process.execArgv, ...SWEEP_NODE_FLAGS, ...process.argv.slice(1)],
    {
      stdio: 'inherit',
    },
  );
  // Signals sent to this process (Ctrl-C, kill, Slurm) reach the sweep, which stops cleanly.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal === null) process.exit(code ?? 1);
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  });
} else {
  await import('./register-tsx.mjs');
  const root = new URL('../', import.meta.url);
  const source = new URL('src/cli/entry.ts', root);
  await import(existsSync(fileURLToPath(source)) ? source.href : new URL('dist/cli/entry.js', root).href);
}
