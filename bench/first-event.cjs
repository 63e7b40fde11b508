// Preloaded (`node --require`) by bench/startup.bench.ts into `scitsim run`, whose worker threads load it
// too: in a worker, it prints once to stderr the wall-clock instant (ms since the epoch) of the first
// simulated event, the kernel's first dispatch, and the CPU time the process (every thread) has used
// by then (µs), which the machine's other load hardly changes. SCITSIM_BENCH_DIST names the package's dist/ directory.
const { isMainThread } = require('node:worker_threads');

if (!isMainThread && process.env.SCITSIM_BENCH_DIST !== undefined) {
  // require() of an ES module (Node ≥ 20.19): the same module instance the worker imports later.
  const { Simulation } = require(`${process.env.SCITSIM_BENCH_DIST}/core/simulation.js`);
  const dispatch = Simulation.prototype.dispatch;
  Simulation.prototype.dispatch = function first(time) {
    Simulation.prototype.dispatch = dispatch;
    const cpu = process.cpuUsage();
    process.stderr.write(
      `first-event ${performance.timeOrigin + performance.now()} ${cpu.user + cpu.system}\n`,
    );
    return dispatch.call(this, time);
  };
}
