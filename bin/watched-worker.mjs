// Worker-thread entry of a watched run (see src/parallel/run-watched.ts): runs the task module named
// in workerData (the .ts source, after registering tsx with the package's own tsconfig.runtime.json,
// or the built .js).
import { workerData } from 'node:worker_threads';

// The built task (.js) needs no tsx: a researcher's TypeScript module registers it when it loads
// (src/core/typescript.ts).
if (workerData.task.endsWith('.ts')) await import('./register-sources.mjs');
await import(workerData.task);
