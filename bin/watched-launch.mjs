// Starts a command's watched worker thread before this thread loads its supervisor: the worker boots
// and loads the command meanwhile (and, with `prepareExportName`, the modules its action needs), then
// waits for the supervisor's `go` (src/parallel/run-watched.ts, `launched`). workerData is a WatchedWorkerData
// (src/parallel/watched-task.ts); the heartbeat buffer may be any size above its fixed part.
import { Worker } from 'node:worker_threads';

/** Starts `exportName(...args)` of `moduleUrl` on a worker running `task`; see the file comment. */
export function launchWatchedWorker({ task, moduleUrl, exportName, prepareExportName, args, tty }) {
  const buffer = new SharedArrayBuffer(16 * 1024);
  const worker = new Worker(new URL('./watched-worker.mjs', import.meta.url), {
    workerData: {
      task,
      buffer,
      moduleUrl,
      exportName,
      ...(prepareExportName === undefined ? {} : { prepareExportName }),
      args,
      watchLoad: false,
      awaitGo: true,
      tty,
    },
  });
  let ended;
  worker.once('error', (error) => {
    ended ??= { kind: 'error', error };
  });
  worker.once('exit', (code) => {
    ended ??= { kind: 'exit', code };
  });
  return { worker, buffer, ended: () => ended };
}
