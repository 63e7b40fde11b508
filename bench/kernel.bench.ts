/**
 * Kernel benchmark: the classic *hold model*. N events are pending; processing one schedules one more
 * at now + Exp(1), so the queue size stays N. Reported as events/s and as a ratio to a bare heap
 * (the same EventQueue with no kernel around it: pop one, push it back at time + Exp(1)) measured in
 * the same process, one after the other, so that machine noise cancels in the ratio.
 */
import { Entity, EventQueue, RandomStream, type SimEvent, Simulation } from '../src/core/index.js';
import type { BenchResult } from './run.js';

type Hold = { type: 'hold' };
const HOLD: Hold = { type: 'hold' };

class Holder extends Entity<Hold> {
  private readonly rng: RandomStream;
  remaining: number;
  constructor(sim: Simulation, events: number) {
    super(sim, 'holder');
    this.rng = sim.random('hold');
    this.remaining = events;
  }
  handle(_msg: Hold, _event: SimEvent<Hold>): void {
    if (--this.remaining > 0) this.sendSelf(this.rng.exponential(1), HOLD);
    else this.sim.terminate();
  }
}

function bareHeap(pending: number, events: number): number {
  const rng = new RandomStream('hold', 1);
  const queue = new EventQueue<number>(pending);
  for (let i = 0; i < pending; i++) queue.push(rng.exponential(1), i);
  const start = performance.now();
  let now = 0;
  for (let i = 0; i < events; i++) {
    now = queue.peekTime();
    const item = queue.pop() as number;
    queue.push(now + rng.exponential(1), item);
  }
  const seconds = (performance.now() - start) / 1000;
  return events / seconds;
}

function kernel(pending: number, events: number): number {
  const sim = new Simulation({ seed: 1 });
  const holder = new Holder(sim, events);
  const rng = sim.random('init');
  for (let i = 0; i < pending; i++) sim.send(holder, rng.exponential(1), HOLD);
  const start = performance.now();
  // Exactly `events` hold steps: the holder terminates the run after the last one.
  sim.run();
  const seconds = (performance.now() - start) / 1000;
  return events / seconds;
}

export async function run(opts: { quick: boolean }): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const pending of [1e3, 1e5]) {
    const events = opts.quick ? 2e5 : 2e6;
    // Warm up both loops so that neither pays for JIT compilation in the measurement.
    bareHeap(pending, events / 10);
    kernel(pending, events / 10);
    const heap = bareHeap(pending, events);
    const sim = kernel(pending, events);
    const label = pending === 1e3 ? '1e3' : '1e5';
    results.push({
      name: `bare heap hold, N=${label}`,
      value: Math.round(heap),
      unit: 'ops/s',
      pending,
      events,
    });
    results.push({
      name: `kernel hold, N=${label}`,
      value: Math.round(sim),
      unit: 'events/s',
      pending,
      events,
    });
    results.push({
      name: `kernel/heap ratio, N=${label}`,
      value: sim / heap,
      unit: 'ratio',
      pending,
      events,
    });
  }
  return results;
}
