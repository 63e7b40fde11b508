// A security study's worker thread (piscina loads this file). It runs the package's compiled modules,
// an installed package's dist/ or a clone's cached build of its sources (see ./sweep-worker.mjs).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { workerData } from 'node:worker_threads';

const root = new URL('../', import.meta.url);
const fromSources = existsSync(fileURLToPath(new URL('src/scenario/study.ts', root)));
const build = fromSources ? await (await import('../scripts/sources-build.mjs')).builtSources() : root;
const { studyTaskRunner } = await import(new URL('dist/scenario/study.js', build).href);

// The study's source arrives once per thread (workerData), not with every task.
const runner = studyTaskRunner(workerData);
export default (task) => runner.run(task);
