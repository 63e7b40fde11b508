// Worker-thread entry of `scitsim check` (see src/checks/host/check-host.ts): runs the task module
// named in workerData. Named from the sources (a clone: a .ts file under src/), it runs from the
// clone's cached build of them instead (scripts/sources-build.mjs, see ./sweep-worker.mjs). A
// researcher's TypeScript strategy registers tsx when it loads (src/core/typescript.ts).
import { workerData } from 'node:worker_threads';

let task = workerData.task;
if (task.endsWith('.ts')) {
  const { builtSources, builtTwin } = await import('../scripts/sources-build.mjs');
  task = builtTwin(task, await builtSources());
}
await import(task);
