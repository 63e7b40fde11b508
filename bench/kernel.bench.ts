/**
 * Kernel benchmark: the classic *hold model*. N events are pending; processing one schedules one more
 * at now + Exp(1), so the queue size stays N. Reported as events/s and as a ratio to a bare heap
 * (the same MinHeap with no kernel around it: pop one, push it back at time + Exp(1)) measured in
 * the same process, in alternating rounds, so that machine noise cancels in the ratio; and (issue 21)
 * to a bare typed-array binary heap (keys in a Float64Array, items in an Int32Array, no objects at all):
 * the floor a kernel's event queue could reach.
 */
import { Entity, MinHeap, RandomStream, type SimEvent, Simulation } from '../src/core/index.js';
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
  const queue = new MinHeap<number>(pending);
  for (let i = 0; i < pending; i++) queue.push(rng.exponential(1), i);
  const start = performance.now();
  let now = 0;
  for (let i = 0; i < events; i++) {
    now = queue.peekKey();
    const item = queue.pop() as number;
    queue.push(now + rng.exponential(1), item);
  }
  const seconds = (performance.now() - start) / 1000;
  return events / seconds;
}

/**
 * The hold model on a bare binary min-heap of `pending` (key, item) pairs in two typed arrays, the
 * kernel's floor: returns a function that runs `events` more steps (each replaces the minimum by
 * (key + Exp(1), item) in one sift-down). bench/kernel-ab.ts runs the same loop. With `branchless`,
 * the sift-down picks the smaller child by arithmetic, as the kernel's own heap does
 * (src/core/event-heap.ts): a branch there is mispredicted half the time. The bar is stated
 * against the plain loop; the bench reports the kernel against both, so that the kernel's ratio does
 * not rise only because its heap learned a trick the floor did not.
 */
export function typedArrayHold(
  pending: number,
  rng: { exponential(mean: number): number },
  branchless = false,
) {
  const keys = new Float64Array(pending);
  const items = new Int32Array(pending);
  let size = 0;
  for (let item = 0; item < pending; item++) {
    const key = rng.exponential(1);
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] <= key) break;
      keys[i] = keys[parent];
      items[i] = items[parent];
      i = parent;
    }
    keys[i] = key;
    items[i] = item;
  }
  if (branchless)
    return (events: number): void => {
      for (let n = 0; n < events; n++) {
        const key = keys[0] + rng.exponential(1);
        const item = items[0];
        let i = 0;
        for (;;) {
          let child = 2 * i + 1;
          if (child >= size) break;
          if (child + 1 < size) child += Number(keys[child + 1] < keys[child]);
          if (keys[child] >= key) break;
          keys[i] = keys[child];
          items[i] = items[child];
          i = child;
        }
        keys[i] = key;
        items[i] = item;
      }
    };
  return (events: number): void => {
    for (let n = 0; n < events; n++) {
      const key = keys[0] + rng.exponential(1);
      const item = items[0];
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= size) break;
        if (child + 1 < size && keys[child + 1] < keys[child]) child++;
        if (keys[child] >= key) break;
        keys[i] = keys[child];
        items[i] = items[child];
        i = child;
      }
      keys[i] = key;
      items[i] = item;
    }
  };
}

function typedHeap(pending: number, events: number, branchless = false): number {
  const hold = typedArrayHold(pending, new RandomStream('hold', 1), branchless);
  const start = performance.now();
  hold(events);
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

/** N pending timers that all have the same delay (like SCIT exposure timers): `send` vs `lane`. */
class Ticker extends Entity<number> {
  remaining: number;
  constructor(
    sim: Simulation,
    events: number,
    private readonly viaLane: boolean,
  ) {
    super(sim, 'ticker');
    this.remaining = events;
  }
  handle(vm: number): void {
    if (--this.remaining <= 0) this.sim.terminate();
    else if (this.viaLane) this.sim.lane(180).send(this, vm, this);
    else this.sendSelf(180, vm);
  }
}

function constantDelay(pending: number, events: number, viaLane: boolean): number {
  const sim = new Simulation({ seed: 1 });
  const ticker = new Ticker(sim, events, viaLane);
  // Staggered first expiries, as in a rotation that has been running for a while.
  for (let vm = 0; vm < pending; vm++) sim.send(ticker, (180 * vm) / pending, vm);
  const start = performance.now();
  sim.run();
  return events / ((performance.now() - start) / 1000);
}

/** The median of `values` (the mean of the middle two when their number is even). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Rounds per size: each round runs the three loops one after the other on 1/ROUNDS of the events, and
 * the ratios are the medians of the rounds' ratios. The machine is shared and its speed changes within
 * seconds; loops measured seconds apart (one long run each) gave ratios that moved by 2× between runs.
 */
const ROUNDS = 7;

export async function run(opts: { quick: boolean }): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const pending of [1e3, 1e5]) {
    const events = opts.quick ? 2e5 : 2e6;
    const perRound = Math.round(events / ROUNDS);
    // Warm up the loops so that none pays for JIT compilation in the measurement.
    bareHeap(pending, events / 10);
    typedHeap(pending, events / 10);
    typedHeap(pending, events / 10, true);
    kernel(pending, events / 10);
    const heaps: number[] = [];
    const typeds: number[] = [];
    const branchless: number[] = [];
    const sims: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      heaps.push(bareHeap(pending, perRound));
      typeds.push(typedHeap(pending, perRound));
      branchless.push(typedHeap(pending, perRound, true));
      sims.push(kernel(pending, perRound));
    }
    const heap = median(heaps);
    const typed = median(typeds);
    const sim = median(sims);
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
      value: median(sims.map((s, i) => s / heaps[i])),
      unit: 'ratio',
      pending,
      events,
    });
    results.push({
      name: `bare typed-array heap hold, N=${label}`,
      value: Math.round(typed),
      unit: 'ops/s',
      pending,
      events,
    });
    results.push({
      name: `kernel/typed-array heap ratio, N=${label} (goal >= 0.6)`,
      value: median(sims.map((s, i) => s / typeds[i])),
      unit: 'ratio',
      pending,
      events,
    });
    results.push({
      name: `bare typed-array heap hold, branchless child choice, N=${label}`,
      value: Math.round(median(branchless)),
      unit: 'ops/s',
      pending,
      events,
    });
    results.push({
      name: `kernel/branchless typed-array heap ratio, N=${label}`,
      value: median(sims.map((s, i) => s / branchless[i])),
      unit: 'ratio',
      pending,
      events,
    });
  }
  const pending = 1e5;
  const events = opts.quick ? 2e5 : 2e6;
  constantDelay(pending, events / 10, false);
  constantDelay(pending, events / 10, true);
  const viaSend = constantDelay(pending, events, false);
  const viaLane = constantDelay(pending, events, true);
  results.push({
    name: 'constant-delay timers via send, N=1e5',
    value: Math.round(viaSend),
    unit: 'events/s',
    pending,
  });
  results.push({
    name: 'constant-delay timers via lane, N=1e5',
    value: Math.round(viaLane),
    unit: 'events/s',
    pending,
  });
  results.push({ name: 'lane/send ratio, N=1e5', value: viaLane / viaSend, unit: 'ratio', pending });
  return results;
}
