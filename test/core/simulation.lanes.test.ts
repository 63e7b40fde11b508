import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Entity, type SimEvent, Simulation, SimulationError } from '../../src/core/index.js';

type Msg = { label: number };
const DELAYS = [0, 1, 2.5, 7];

/**
 * A random event program: every delivery schedules 0–2 follow-ups with delays from DELAYS and may cancel
 * one of its earlier events. `useLane(delay)` decides whether a follow-up goes through `sim.lane(delay)`
 * or through `send`; every other decision comes from the simulation's stream, so if lanes preserve the
 * event order, both variants make the same decisions and produce the same trace.
 */
function runProgram(
  seed: number,
  useLane: (delay: number, label: number) => boolean,
  laneVerb: 'send' | 'post' = 'send',
): string[] {
  const sim = new Simulation({ seed });
  const trace: string[] = [];
  const rng = sim.random('program');
  const sent: SimEvent<Msg>[] = [];
  let budget = 400;
  let nextLabel = 1;
  class Node extends Entity<Msg> {
    handle(msg: Msg): void {
      trace.push(`${sim.now} ${this.name} ${msg.label}`);
      if (budget <= 0) return;
      const followUps = rng.int(0, 2);
      for (let k = 0; k < followUps && budget > 0; k++, budget--) {
        const delay = DELAYS[rng.int(0, DELAYS.length - 1)];
        const target = nodes[rng.int(0, nodes.length - 1)];
        const label = nextLabel++;
        if (!useLane(delay, label)) sent.push(sim.send(target, delay, { label }, this));
        else if (laneVerb === 'send') sent.push(sim.lane(delay).send(target, { label }, this));
        else sim.lane(delay).post(target, { label }, this);
      }
      // Posted events cannot be cancelled: programs that post cancel nothing, so that their decisions
      // stay those of the plain program they are compared with.
      if (laneVerb === 'send' && sent.length > 0 && rng.bernoulli(0.2))
        sim.cancel(sent[rng.int(0, sent.length - 1)]);
    }
  }
  const nodes = [new Node(sim, 'a'), new Node(sim, 'b'), new Node(sim, 'c')];
  for (const node of nodes) sim.send(node, 0, { label: 0 });
  sim.run();
  expect(sim.pending).toBe(0);
  return trace;
}

describe('Simulation.lane (constant-delay FIFO lanes)', () => {
  it('property: sending through lanes fires events in exactly the order plain sends do', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 2 ** 16 }), (seed, mask) => {
        const plain = runProgram(seed, () => false);
        const mixed = runProgram(seed, (delay, label) => ((mask >> (label % 16)) & 1) === 1 || delay === 7);
        const allLanes = runProgram(seed, () => true);
        expect(mixed).toEqual(plain);
        expect(allLanes).toEqual(plain);
      }),
      { numRuns: 60 },
    );
  });

  it('property: posting through lanes (no record, no cancel) fires events in the order plain sends do', () => {
    let longest = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (seed) => {
        const plain = runProgram(seed, () => false, 'post');
        const posted = runProgram(seed, () => true, 'post');
        expect(posted).toEqual(plain);
        longest = Math.max(longest, posted.length);
      }),
      { numRuns: 60 },
    );
    expect(longest).toBeGreaterThan(50); // the programs did post follow-ups
  });

  it('same delay gives the same lane; a negative delay is rejected', () => {
    const sim = new Simulation();
    expect(sim.lane(180)).toBe(sim.lane(180));
    expect(sim.lane(180)).not.toBe(sim.lane(60));
    expect(() => sim.lane(-1)).toThrow(SimulationError);
  });

  it('counts pending events queued behind a lane head, and cancels them wherever they are', () => {
    const sim = new Simulation();
    const fired: number[] = [];
    const lane = sim.lane(10);
    const events = [0, 1, 2, 3].map((i) => {
      const event = lane.schedule(() => fired.push(i));
      sim.schedule(0.5, () => {}); // interleave plain events so that lane events have later sequence numbers
      return event;
    });
    expect(sim.pending).toBe(8);
    expect(sim.cancel(events[0])).toBe(true); // the head, in the heap
    expect(sim.cancel(events[2])).toBe(true); // queued in the lane
    expect(sim.cancel(events[2])).toBe(false);
    expect(sim.pending).toBe(6);
    sim.run();
    expect(fired).toEqual([1, 3]);
    expect(sim.now).toBe(10);
    expect(sim.pending).toBe(0);
  });

  it('survives mass cancellation (purge) with lane and plain events mixed', () => {
    const sim = new Simulation();
    const fired: string[] = [];
    const lane = sim.lane(5);
    const laneEvents = Array.from({ length: 6000 }, (_, i) => lane.schedule(() => fired.push(`lane ${i}`)));
    const plainEvents = Array.from({ length: 6000 }, (_, i) =>
      sim.schedule(5, () => fired.push(`plain ${i}`)),
    );
    for (let i = 0; i < 6000; i++) {
      if (i % 1000 !== 0) {
        sim.cancel(laneEvents[i]);
        sim.cancel(plainEvents[i]);
      }
    }
    expect(sim.pending).toBe(12);
    sim.run();
    // Lane events were scheduled first (lower sequence numbers), all at t = 5.
    expect(fired).toEqual([
      ...[0, 1000, 2000, 3000, 4000, 5000].map((i) => `lane ${i}`),
      ...[0, 1000, 2000, 3000, 4000, 5000].map((i) => `plain ${i}`),
    ]);
  });
});
