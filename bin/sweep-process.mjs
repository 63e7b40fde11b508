// How `scitsim sweep` and `scitsim scale` run Node: with V8's garbage collector on one thread per
// isolate (`--single-threaded-gc`; `scale` also fixes the old generation's growth and collects it in
// one go, below). V8 flags are fixed at start-up, so these commands relaunch Node with them (npm run
// bench runs their benchmarks with the same flags).
// - A sweep keeps every core busy with its own worker threads, so V8's parallel garbage-collection
//   helper threads only compete with them: with one GC thread per isolate (each worker collects its
//   own heap), two workers on this 2-core machine gave 10-30% more runs per second, in interleaved
//   measurements.
// - The scale scenario's peak memory depends on when V8's concurrent marking starts its last full
//   collection: with helper threads, 7 of 13 runs at (10,000 hosts, 40,000 VMs, 10^6 cloudlets) peaked
//   at 526-557 MiB and the others at 443-454 MiB, at random; on one thread the collections come at the
//   same points of the run and every run (11 of 11) peaked at 441-452 MiB, for ~5% more time.
export const SWEEP_NODE_FLAGS = ['--single-threaded-gc'];

/**
 * Node flags of `scitsim scale`: the sweep's, a fixed growth of the old generation between full
 * collections (1.5×), and full collections in one go (`--no-incremental-marking`). The measurements
 * are at (10,000 hosts, 40,000 VMs, 10^6 cloudlets), peak RSS from `/usr/bin/time`.
 * - Growth: V8 otherwise sizes it from measured collector speeds, up to ~2.7× the live heap, so whether
 *   one more full collection came before the end of the run was chance, and the peak RSS with it. After
 *   a change that allocated less, 4 of 7 runs peaked at 503-511 MiB and the others at 449-467 MiB; with
 *   this flag, 25 of 27 runs peaked at 416-434 MiB (two at 488 MiB), no slower.
 * - In one go: an incremental full collection starts before the heap reaches its limit and marks for
 *   ~1 s while the run goes on allocating. In 4 of 40 runs such a collection started near the end of the
 *   run, the heap grew to 362-372 MB meanwhile, and the run peaked at 486-504 MiB (the others at
 *   417-436 MiB, with one collection fewer). Collected in one go at the limit, 20 of 20 runs peaked at
 *   412-443 MiB, and 8 runs alternating with the incremental ones took 0.83-1.09× their time (median
 *   0.96×). A pause of 0.1-0.7 s does not matter to a command that prints its result at the end.
 */
export const SCALE_NODE_FLAGS = [
  ...SWEEP_NODE_FLAGS,
  '--heap-growing-percent=50',
  '--no-incremental-marking',
];

/** The commands that Node runs with flags of their own. */
const FLAGS = new Map([
  ['sweep', SWEEP_NODE_FLAGS],
  ['scale', SCALE_NODE_FLAGS],
]);

/** Node flags `command` runs with (none for most commands). */
export function nodeFlagsFor(command) {
  return FLAGS.get(command) ?? [];
}

/** Whether this process must relaunch itself with {@link nodeFlagsFor}(`command`) to run `command`. */
export function needsNodeFlags(command, execArgv = process.execArgv) {
  return nodeFlagsFor(command).some((flag) => !execArgv.includes(flag));
}
