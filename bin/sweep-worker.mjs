// A sweep's worker thread (piscina loads this file). tsx is registered with the package's own
// tsconfig.runtime.json, as for the scitsim command, so that the task module (TypeScript in a clone)
// and a scenario's strategy files compile; an installed package runs its compiled dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { workerData } from 'node:worker_threads';
import './register-tsx.mjs';

const root = new URL('../', import.meta.url);
const source = new URL('src/sweep/worker.ts', root);
const { SweepTaskRunner } = await import(
  existsSync(fileURLToPath(source)) ? source.href : new URL('dist/sweep/worker.js', root).href
);

// The sweep's scenario document arrives once per thread (workerData), not with every task.
const runner = new SweepTaskRunner(workerData);
export default (task) => runner.run(task);
