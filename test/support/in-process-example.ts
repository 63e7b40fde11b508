/**
 * Runs an example script (a file of examples/) in this process, as `npx tsx script args` would run it,
 * and returns what it printed and its exit code. No child process: a spawned `tsx` costs ~1 s of CPU
 * to start and compile, more than most examples take to run.
 *
 * An example runs its experiment at the top level, through `runScript(import.meta.url, main)`, only
 * when it is the script Node was started with (`process.argv[1]`). So this sets `process.argv` to
 * `[node, script, ...args]` and imports a fresh copy of the module (a query string makes it a new
 * module, whatever the worker has imported before): its `main` runs exactly as from the command line,
 * reading its options from `process.argv`. Output is captured from `console` and `process.stdout` /
 * `process.stderr`. `process.argv`, the console and the exit code are the process's, so runs are
 * queued one at a time.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

export interface ExampleRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

let queue: Promise<unknown> = Promise.resolve();
let runs = 0;

/** Runs `script` (a path relative to `root`) with `args`; resolves when its `main` has finished. */
export function runExample(root: string, script: string, args: readonly string[]): Promise<ExampleRun> {
  const run = queue.then(() => runNow(root, script, args));
  queue = run.catch(() => undefined);
  return run;
}

async function runNow(root: string, script: string, args: readonly string[]): Promise<ExampleRun> {
  const file = join(root, script);
  let stdout = '';
  let stderr = '';
  const saved = {
    argv: process.argv,
    exitCode: process.exitCode,
    log: console.log,
    info: console.info,
    error: console.error,
    warn: console.warn,
    out: process.stdout.write,
    err: process.stderr.write,
  };
  const write = (into: 'out' | 'err') =>
    ((chunk: unknown) => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      if (into === 'out') stdout += text;
      else stderr += text;
      return true;
    }) as typeof process.stdout.write;
  process.argv = [process.execPath, file, ...args];
  process.exitCode = undefined;
  console.log = console.info = (...items: unknown[]) => {
    stdout += `${format(...items)}\n`;
  };
  console.error = console.warn = (...items: unknown[]) => {
    stderr += `${format(...items)}\n`;
  };
  process.stdout.write = write('out');
  process.stderr.write = write('err');
  try {
    runs += 1;
    await import(`${pathToFileURL(file).href}?in-process-run=${runs}`);
    return { code: Number(process.exitCode ?? 0), stdout, stderr };
  } finally {
    process.argv = saved.argv;
    process.exitCode = saved.exitCode;
    console.log = saved.log;
    console.info = saved.info;
    console.error = saved.error;
    console.warn = saved.warn;
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
  }
}
