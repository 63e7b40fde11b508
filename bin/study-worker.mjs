// A security study's worker thread (piscina loads this file). In a clone the task module is
// TypeScript: tsx is registered with the package's own tsconfig.runtime.json, as for the scitsim
// command. An installed package runs its compiled dist/ (see ./sweep-worker.mjs).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { workerData } from 'node:worker_threads';

const root = new URL('../', import.meta.url);
const source = new URL('src/scenario/study.ts', root);
const fromSources = existsSync(fileURLToPath(source));
if (fromSources) await import('./register-sources.mjs');
const { studyTaskRunner } = await import(
  fromSources ? source.href : new URL('dist/scenario/study.js', root).href
);

// The study's source arrives once per thread (workerData), not with every task.
const runner = studyTaskRunner(workerData);
export default (task) => runner.run(task);
