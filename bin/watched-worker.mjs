// Worker-thread entry of a watched run (see src/parallel/run-watched.ts): registers tsx in this thread
// with the package's own tsconfig.runtime.json (as bin/scitsim.mjs does, so a researcher's TypeScript
// module compiles from any directory), then runs the task module named in workerData (the .ts source
// or the built .js).
import { workerData } from 'node:worker_threads';
import './register-tsx.mjs';

await import(workerData.task);
