// A sweep's worker thread (piscina loads this file). In a clone the task module is TypeScript: tsx is
// registered with the package's own tsconfig.runtime.json, as for the scitsim command. An installed
// package runs its compiled dist/, and registers tsx only for a scenario's TypeScript strategy files
// (src/core/typescript.ts).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { workerData } from 'node:worker_threads';
import { move, transferableSymbol, valueSymbol } from 'piscina';

const root = new URL('../', import.meta.url);
const source = new URL('src/sweep/worker.ts', root);
const fromSources = existsSync(fileURLToPath(source));
if (fromSources) await import('./register-sources.mjs');
const { SweepTaskRunner } = await import(
  fromSources ? source.href : new URL('dist/sweep/worker.js', root).href
);

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
