// A sweep's worker thread (piscina loads this file). It runs the package's compiled modules: an
// installed package's dist/, or in a clone a build of the sources made on demand and cached
// (scripts/sources-build.mjs), which starts ~1 s of CPU faster than the sources under tsx. A scenario's
// TypeScript strategy files register tsx when they load (src/core/typescript.ts).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { workerData } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';

const root = new URL('../', import.meta.url);
const fromSources = existsSync(fileURLToPath(new URL('src/sweep/worker.ts', root)));
const build = fromSources ? await (await import('../scripts/sources-build.mjs')).builtSources() : root;
const { SweepTaskRunner } = await import(new URL('dist/sweep/worker.js', build).href);

// The sweep's scenario document arrives once per thread (workerData), not with every task.
const runner = new SweepTaskRunner(workerData);
// A task's rows are transferred, not copied: their buffers move to the main thread.
export default async (task) => {
  const result = await runner.run(task);
  return move({
    [transferableSymbol]: [result.values.buffer, result.lines.buffer],
    [valueSymbol]: result,
  });
};
