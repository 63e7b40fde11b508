// Worker-thread entry of `scitsim check` (see src/cli/spec-worker-host.ts): registers tsx in this
// thread, so that a researcher's TypeScript strategy module (and, from a clone, the sources) can be
// imported, then runs the task module named in workerData (the .ts source or the built .js).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.task);
