// Worker-thread entry of a watched run (see src/parallel/run-watched.ts): runs the task module named
// in workerData. Named from the sources (a clone: .ts files under src/), the task and a command's own
// module run from the clone's cached build of them instead (scripts/sources-build.mjs, see
// ./sweep-worker.mjs). A researcher's TypeScript module registers tsx when it loads
// (src/core/typescript.ts).
import { workerData } from 'node:worker_threads';

if (workerData.task.endsWith('.ts')) {
  const { builtSources, builtTwin } = await import('../scripts/sources-build.mjs');
  const build = await builtSources();
  // The task reads workerData when it loads: it finds the built twins there.
  workerData.task = builtTwin(workerData.task, build);
  workerData.moduleUrl = builtTwin(workerData.moduleUrl, build);
}
await import(workerData.task);
