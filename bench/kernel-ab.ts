/**
 * Same-process A/B of two kernels on the hold model (issue 21): `node --import tsx bench/kernel-ab.ts
 * <checkout A> [<checkout B>] [rounds]` (B defaults to this checkout; a checkout is a directory holding
 * `src/core/` and can resolve `inversify`, e.g. `git archive main | tar -x -C /tmp/base` and a symlink
 * /tmp/base/node_modules to this checkout's). Both kernels and the bare typed-array
 * heap of `kernel.bench.ts` stay alive in one process and run in short alternating rounds (the order
 * rotates each round); each round is timed in CPU seconds (`process.cpuUsage`), so time the process
 * spends descheduled on the shared machine does not count. Prints, per size, the medians and
 * interquartile ranges of the per-round ratios. One process's JIT can favour either side by ~10% at
 * N = 1e3: run it several times, alternating nothing else, and compare the medians across processes.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Core from '../src/core/index.js';
import { typedArrayHold } from './kernel.bench.js';

type Hold = { type: 'hold' };
const HOLD: Hold = { type: 'hold' };
/** Runs `events` more hold events and returns their rate (events per CPU second). */
type Loop = (events: number) => number;

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

/** A hold model that never ends: each round runs the simulation to a later `until`. */
function kernelLoop(core: typeof Core, pending: number): Loop {
  class Holder extends core.Entity<Hold> {
    private readonly rng: Core.RandomStream;
    constructor(sim: Core.Simulation) {
      super(sim, 'holder');
      this.rng = sim.random('hold');
    }
    handle(): void {
      this.sendSelf(this.rng.exponential(1), HOLD);
    }
  }
  const sim = new core.Simulation({ seed: 1 });
  const holder = new Holder(sim);
  const rng = sim.random('init');
  for (let i = 0; i < pending; i++) sim.send(holder, rng.exponential(1), HOLD);
  let until = 0;
  return (events) => {
    const before = sim.eventsProcessed;
    // About `pending` events fall due per unit of time.
    until += events / pending;
    const start = process.cpuUsage();
    sim.run({ until });
    return (sim.eventsProcessed - before) / cpuSeconds(start);
  };
}

/** The bare typed-array heap of `kernel.bench.ts`, kept alive between rounds. */
function typedHeapLoop(core: typeof Core, pending: number): Loop {
  const hold = typedArrayHold(pending, new core.RandomStream('hold', 1));
  return (events) => {
    const start = process.cpuUsage();
    hold(events);
    return events / cpuSeconds(start);
  };
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function summary(values: readonly number[]): string {
  const f = (x: number) => x.toFixed(3);
  return `${f(quantile(values, 0.5))} (IQR ${f(quantile(values, 0.25))}–${f(quantile(values, 0.75))})`;
}

const [dirA, dirB = '.', roundsArg = '60'] = process.argv.slice(2);
if (dirA === undefined) {
  console.error('usage: node --import tsx bench/kernel-ab.ts <checkout A> [<checkout B>] [rounds]');
  process.exit(2);
}
const load = async (dir: string) =>
  (await import(pathToFileURL(resolve(dir, 'src/core/index.ts')).href)) as typeof Core;
const [coreA, coreB] = [await load(dirA), await load(dirB)];
const rounds = Number(roundsArg);
for (const pending of [1e3, 1e5]) {
  const events = pending === 1e3 ? 1e5 : 5e4;
  const loops = [kernelLoop(coreA, pending), kernelLoop(coreB, pending), typedHeapLoop(coreA, pending)];
  for (const loop of loops) loop(events * 5); // warm-up
  const rates: number[][] = [[], [], []];
  for (let round = 0; round < rounds; round++) {
    for (let j = 0; j < 3; j++) {
      const which = (round + j) % 3;
      rates[which].push(loops[which](events));
    }
  }
  const [a, b, typed] = rates;
  console.log(
    `N=${pending}: A/typed ${summary(a.map((x, i) => x / typed[i]))}, B/typed ${summary(b.map((x, i) => x / typed[i]))}, B/A ${summary(b.map((x, i) => x / a[i]))}; typed heap ${(quantile(typed, 0.5) / 1e6).toFixed(2)} M/s`,
  );
}
