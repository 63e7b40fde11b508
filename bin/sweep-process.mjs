// How `scitsim sweep` and `scitsim scale` run Node: with V8's garbage collector on one thread per
// isolate (`--single-threaded-gc`). V8 flags are fixed at start-up, so these commands relaunch Node
// with them (npm run bench runs their benchmarks with the same flags).
// - A sweep keeps every core busy with its own worker threads, so V8's parallel garbage-collection
//   helper threads only compete with them: with one GC thread per isolate (each worker collects its
//   own heap), two workers on this 2-core machine gave 10-30% more runs per second, in interleaved
//   measurements.
// - The scale scenario's peak memory depends on when V8's concurrent marking starts its last full
//   collection: with helper threads, 7 of 13 runs at (10,000 hosts, 40,000 VMs, 10^6 cloudlets) peaked
//   at 526-557 MiB and the others at 443-454 MiB, at random; on one thread the collections come at the
//   same points of the run and every run (11 of 11) peaked at 441-452 MiB, for ~5% more time.
export const SWEEP_NODE_FLAGS = ['--single-threaded-gc'];

/** The commands that run with {@link SWEEP_NODE_FLAGS}. */
const RELAUNCHED = new Set(['sweep', 'scale']);

/** Whether this process must relaunch itself with {@link SWEEP_NODE_FLAGS} to run `command`. */
export function needsSweepFlags(command, execArgv = process.execArgv) {
  return RELAUNCHED.has(command) && SWEEP_NODE_FLAGS.some((flag) => !execArgv.includes(flag));
}
