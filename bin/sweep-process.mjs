// How `scitsim sweep` runs Node. A sweep keeps every core busy with its own worker threads, so V8's
// parallel garbage-collection helper threads only compete with them: with one GC thread per isolate
// (each worker collects its own heap), two workers on this 2-core machine gave 10-30% more runs per
// second, in interleaved measurements. V8 flags are fixed at start-up, so the command relaunches
// Node with them (npm run bench runs the sweep benchmark with the same flags).
export const SWEEP_NODE_FLAGS = ['--single-threaded-gc'];

/** Whether this process must relaunch itself with {@link SWEEP_NODE_FLAGS} to run `command`. */
export function needsSweepFlags(command, execArgv = process.execArgv) {
  return command === 'sweep' && SWEEP_NODE_FLAGS.some((flag) => !execArgv.includes(flag));
}
