import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ClockAdvance,
  Entity,
  type SimEvent,
  Simulation,
  SimulationError,
} from '../../src/core/index.js';

type Msg = { type: 'tick'; label: number };

/** Records what it receives; optionally reacts by scheduling more work from a seeded stream. */
class Recorder extends Entity<Msg> {
  readonly received: { time: number; label: number; seq: number }[] = [];
  constructor(
    sim: Simulation,
    name: string,
    private readonly onReceive?: (self: Recorder, msg: Msg) => void,
  ) {
    super(sim, name);
  }
  handle(msg: Msg, event: SimEvent<Msg>): void {
    this.received.push({ time: this.sim.now, label: msg.label, seq: event.seq });
    this.onReceive?.(this, msg);
  }
  post(delay: number, label: number) {
    return this.sendSelf(delay, { type: 'tick', label });
  }
}

/** A small random workload: entities ping each other with exponential delays drawn from named streams. */
function randomWorkload(seed: number, entities: number, events: number): string[] {
  const sim = new Simulation({ seed });
  const trace: string[] = [];
  const nodes: Recorder[] = [];
  let budget = events;
  for (let i = 0; i < entities; i++) {
    nodes.push(
      new Recorder(sim, `n${i}`, (self, msg) => {
        trace.push(`${sim.now.toFixed(9)} ${self.name} ${msg.label}`);
        if (budget-- <= 0) return;
        const rng = sim.random(self.name);
        const target = nodes[rng.int(0, nodes.length - 1)];
        sim.send(target, rng.exponential(1), { type: 'tick', label: msg.label + 1 }, self);
      }),
    );
  }
  for (const n of nodes) n.post(0, 0);
  sim.run();
  return trace;
}

describe('Simulation', () => {
  describe('ordering', () => {
    it('property: events are delivered in non-decreasing time, equal times in scheduling order', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 200 }), (delays) => {
          const sim = new Simulation();
          const rec = new Recorder(sim, 'r');
          delays.forEach((d, i) => {
            rec.post(d, i);
          });
          sim.run();
          const expected = delays.map((d, i) => ({ d, i })).sort((a, b) => a.d - b.d || a.i - b.i);
          expect(rec.received.map((r) => r.label)).toEqual(expected.map((e) => e.i));
          for (let k = 1; k < rec.received.length; k++) {
            expect(rec.received[k].time).toBeGreaterThanOrEqual(rec.received[k - 1].time);
          }
        }),
      );
    });

    it('property: events scheduled during the run keep time order and FIFO among equal times', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
          const sim = new Simulation({ seed });
          const seen: { time: number; seq: number }[] = [];
          let budget = 300;
          const rec = new Recorder(sim, 'r', (self) => {
            seen.push({ time: sim.now, seq: self.received[self.received.length - 1].seq });
            if (budget-- > 0) self.post(sim.random('d').int(0, 3), 0);
          });
          for (let i = 0; i < 5; i++) rec.post(0, i);
          sim.run();
          for (let k = 1; k < seen.length; k++) {
            const a = seen[k - 1];
            const b = seen[k];
            expect(b.time > a.time || (b.time === a.time && b.seq > a.seq)).toBe(true);
          }
        }),
      );
    });
  });

  describe('cancel', () => {
    it('property: cancelled events never fire, the others all do', () => {
      fc.assert(
        fc.property(
          fc.array(fc.record({ delay: fc.integer({ min: 0, max: 50 }), cancel: fc.boolean() }), {
            maxLength: 200,
          }),
          (plan) => {
            const sim = new Simulation();
            const rec = new Recorder(sim, 'r');
            const events = plan.map((p, i) => rec.post(p.delay, i));
            plan.forEach((p, i) => {
              if (p.cancel) expect(sim.cancel(events[i])).toBe(true);
            });
            expect(sim.pending).toBe(plan.filter((p) => !p.cancel).length);
            sim.run();
            const fired = new Set(rec.received.map((r) => r.label));
            plan.forEach((p, i) => {
              expect(fired.has(i)).toBe(!p.cancel);
              expect(events[i].cancelled).toBe(p.cancel);
            });
          },
        ),
      );
    });

    it('cancelling twice or after firing returns false', () => {
      const sim = new Simulation();
      const rec = new Recorder(sim, 'r');
      const a = rec.post(1, 1);
      const b = rec.post(2, 2);
      expect(sim.cancel(a)).toBe(true);
      expect(sim.cancel(a)).toBe(false);
      sim.run();
      expect(sim.cancel(b)).toBe(false);
      expect(rec.received.map((r) => r.label)).toEqual([2]);
    });

    it('hands handlers the event they were sent as, and cancels only its own events', () => {
      const sim = new Simulation();
      const seen: SimEvent<Msg>[] = [];
      const rec = new (class extends Recorder {
        override handle(msg: Msg, event: SimEvent<Msg>): void {
          seen.push(event);
          super.handle(msg, event);
        }
      })(sim, 'r');
      const sent = sim.send(rec, 2, { type: 'tick', label: 7 }, rec);
      sim.run();
      expect(seen.map((e) => [e.time, e.seq, e.source, e.target, e.message, e.cancelled])).toEqual([
        [2, sent.seq, rec, rec, { type: 'tick', label: 7 }, false],
      ]);
      // Something that only looks like an event (no slot of this kernel) is not cancelled.
      const lookalike = { time: 1, seq: 0, source: undefined, target: rec, message: {}, cancelled: false };
      expect(new Simulation().cancel(lookalike)).toBe(false);
    });

    it('an event can be cancelled from inside a handler and purged at scale', () => {
      const sim = new Simulation();
      const late = Array.from({ length: 10_000 }, () => sim.schedule(100, () => expect.unreachable()));
      sim.schedule(1, () => {
        for (const e of late) sim.cancel(e);
      });
      const summary = sim.run();
      expect(summary.eventsProcessed).toBe(1);
      expect(sim.pending).toBe(0);
    });
  });

  describe('determinism and isolation', () => {
    it('property: the same seed gives an identical event trace', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 1000 }), (seed) => {
          expect(randomWorkload(seed, 4, 200)).toEqual(randomWorkload(seed, 4, 200));
        }),
        { numRuns: 30 },
      );
    });

    it('different seeds give different traces', () => {
      expect(randomWorkload(1, 4, 100)).not.toEqual(randomWorkload(2, 4, 100));
    });

    it('property: two simulations stepped in lock-step do not interfere', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (s1, s2) => {
          const alone1 = randomWorkload(s1, 3, 150);
          const alone2 = randomWorkload(s2, 3, 150);
          // Interleave: build both, then alternate single steps.
          const traces: string[][] = [[], []];
          const sims = [s1, s2].map((seed, k) => {
            const sim = new Simulation({ seed });
            const nodes: Recorder[] = [];
            let budget = 150;
            for (let i = 0; i < 3; i++) {
              nodes.push(
                new Recorder(sim, `n${i}`, (self, msg) => {
                  traces[k].push(`${sim.now.toFixed(9)} ${self.name} ${msg.label}`);
                  if (budget-- <= 0) return;
                  const rng = sim.random(self.name);
                  const target = nodes[rng.int(0, nodes.length - 1)];
                  sim.send(target, rng.exponential(1), { type: 'tick', label: msg.label + 1 }, self);
                }),
              );
            }
            for (const n of nodes) n.post(0, 0);
            return sim;
          });
          let progressed = true;
          while (progressed) {
            progressed = false;
            for (const sim of sims) if (sim.pending > 0 && sim.step()) progressed = true;
          }
          expect(traces[0]).toEqual(alone1);
          expect(traces[1]).toEqual(alone2);
        }),
        { numRuns: 20 },
      );
    });
  });

  describe('run until (pause and resume)', () => {
    it('stops before events at `until`, sets the clock to `until`, and resumes', () => {
      const sim = new Simulation();
      const rec = new Recorder(sim, 'r');
      rec.post(1, 1);
      rec.post(2, 2);
      rec.post(3, 3);
      const first = sim.run({ until: 2 });
      expect(first).toEqual({ endTime: 2, eventsProcessed: 1, reason: 'until' });
      expect(sim.state).toBe('paused');
      expect(sim.now).toBe(2);
      // An entity added while paused starts at the pause time.
      const started: number[] = [];
      const late = new (class extends Recorder {
        override onStart() {
          started.push(this.sim.now);
        }
      })(sim, 'late');
      expect(late.id).toBe(1);
      const second = sim.run();
      expect(second.reason).toBe('empty');
      expect(second.endTime).toBe(3);
      expect(started).toEqual([2]);
      expect(rec.received.map((r) => r.label)).toEqual([1, 2, 3]);
      expect(sim.state).toBe('finished');
    });

    it('calls onStart in id order when the run starts and onShutdown when it finishes', () => {
      const sim = new Simulation();
      const log: string[] = [];
      class Life extends Recorder {
        override onStart() {
          log.push(`start ${this.name}`);
        }
        override onShutdown() {
          log.push(`stop ${this.name}`);
        }
      }
      new Life(sim, 'a');
      new Life(sim, 'b');
      sim.run();
      expect(log).toEqual(['start a', 'start b', 'stop a', 'stop b']);
    });

    it('terminate() stops after the current event', () => {
      const sim = new Simulation();
      const rec = new Recorder(sim, 'r', (self, msg) => {
        if (msg.label === 2) self.sim.terminate();
      });
      for (let i = 1; i <= 5; i++) rec.post(i, i);
      const summary = sim.run();
      expect(summary.reason).toBe('terminated');
      expect(rec.received.map((r) => r.label)).toEqual([1, 2]);
      expect(sim.state).toBe('finished');
    });
  });

  describe('step', () => {
    it('processes one event and leaves the simulation paused; run() then finishes it', () => {
      const sim = new Simulation();
      const rec = new Recorder(sim, 'r');
      rec.post(1, 1);
      rec.post(2, 2);
      expect(sim.state).toBe('created');
      expect(sim.step()).toBe(true);
      expect(sim.state).toBe('paused');
      expect(sim.now).toBe(1);
      expect(sim.step()).toBe(true);
      // No event left: nothing happens, and the simulation stays paused (not finished).
      expect(sim.step()).toBe(false);
      expect(sim.state).toBe('paused');
      expect(rec.received.map((r) => r.label)).toEqual([1, 2]);
      expect(sim.run()).toEqual({ endTime: 2, eventsProcessed: 2, reason: 'empty' });
      expect(sim.state).toBe('finished');
    });

    it('is running only inside handlers, and fails from inside a handler as run() does', () => {
      const sim = new Simulation();
      const seen: string[] = [];
      sim.schedule(1, () => {
        seen.push(sim.state);
        expect(() => sim.step()).toThrow(/step: called from inside an event handler/);
        expect(() => sim.run()).toThrow(/run: called from inside an event handler/);
      });
      sim.step();
      expect(seen).toEqual(['running']);
      expect(sim.state).toBe('paused');
    });

    it('finishes the simulation when its event calls terminate()', () => {
      const sim = new Simulation();
      const finished: string[] = [];
      sim.hooks.finished.subscribe((s) => finished.push(s.reason));
      sim.schedule(1, () => sim.terminate());
      sim.schedule(2, () => {});
      expect(sim.step()).toBe(true);
      expect(sim.state).toBe('finished');
      expect(finished).toEqual(['terminated']);
      expect(() => sim.step()).toThrow(/already finished/);
    });

    it('after a handler throws, the simulation is paused and can resume', () => {
      const sim = new Simulation();
      const fired: number[] = [];
      sim.schedule(1, () => {
        throw new Error('boom');
      });
      sim.schedule(2, () => fired.push(2));
      expect(() => sim.step()).toThrow('boom');
      expect(sim.state).toBe('paused');
      expect(() => sim.run()).not.toThrow();
      expect(fired).toEqual([2]);
      expect(sim.state).toBe('finished');
    });
  });

  describe('hooks', () => {
    it('fire after the change: clock advanced, event processed, finished', () => {
      const sim = new Simulation();
      const rec = new Recorder(sim, 'r');
      const clock: ClockAdvance[] = [];
      const processed: number[] = [];
      const finished: number[] = [];
      sim.hooks.clockAdvanced.subscribe((c) => clock.push(c));
      const unsubscribe = sim.hooks.eventProcessed.subscribe((e) => processed.push(e.time));
      sim.hooks.finished.subscribe((s) => finished.push(s.endTime));
      rec.post(1, 1);
      rec.post(1, 2);
      rec.post(4, 3);
      sim.step();
      sim.step();
      unsubscribe();
      sim.run();
      expect(clock).toEqual([
        { from: 0, to: 1 },
        { from: 1, to: 4 },
      ]);
      expect(processed).toEqual([1, 1]);
      expect(rec.received.map((r) => r.label)).toEqual([1, 2, 3]);
      expect(finished).toEqual([4]);
    });
  });

  describe('misuse fails early and loudly', () => {
    it.each([
      [-1, /delay must be a finite number >= 0 \(got -1\)/],
      [Number.NaN, /got NaN/],
      [Number.POSITIVE_INFINITY, /got Infinity/],
    ])('rejects delay %s', (delay, message) => {
      const sim = new Simulation();
      const rec = new Recorder(sim, 'r');
      expect(() => rec.post(delay, 0)).toThrow(message);
      expect(() => sim.schedule(delay, () => {})).toThrow(SimulationError);
    });

    it('rejects scheduling in the past', () => {
      const sim = new Simulation();
      sim.schedule(5, () => {
        expect(() => sim.scheduleAt(4, () => {})).toThrow(/time 4 is in the past \(now is 5\)/);
      });
      sim.run();
    });

    it('rejects sending to an entity of another simulation', () => {
      const a = new Simulation();
      const b = new Simulation();
      const foreign = new Recorder(b, 'foreign');
      expect(() => a.send(foreign, 1, { type: 'tick', label: 0 })).toThrow(
        /"foreign" \(id 0\) belongs to another/,
      );
    });

    it('hands a handler its event source by entity, also a source from another simulation', () => {
      // The kernel stores sources by entity id; an id from another simulation must not name this one's entity.
      const a = new Simulation();
      const b = new Simulation();
      const here = new Recorder(a, 'here');
      const local = new Recorder(a, 'local');
      const foreign = new Recorder(b, 'foreign');
      const sources: unknown[] = [];
      a.hooks.eventProcessed.subscribe((event) => sources.push(event.source));
      a.send(here, 1, { type: 'tick', label: 0 }, foreign);
      a.send(here, 2, { type: 'tick', label: 1 }, local);
      a.send(here, 3, { type: 'tick', label: 2 });
      a.run();
      expect(sources.length).toBe(3);
      expect(sources[0]).toBe(foreign);
      expect(sources[1]).toBe(local);
      expect(sources[2]).toBeUndefined();
    });

    it('rejects running, stepping or scheduling on a finished simulation', () => {
      const sim = new Simulation();
      sim.run();
      expect(() => sim.run()).toThrow(/already finished/);
      expect(() => sim.step()).toThrow(SimulationError);
      expect(() => sim.schedule(1, () => {})).toThrow(/finished/);
    });

    it('rejects an until in the past and a re-entrant run', () => {
      const sim = new Simulation();
      sim.schedule(3, () => {
        expect(() => sim.run()).toThrow(/inside an event handler/);
      });
      sim.run({ until: 5 });
      expect(() => sim.run({ until: 4 })).toThrow(/until must be a number >= now \(5\) \(got 4\)/);
    });

    it('propagates an exception thrown by a handler', () => {
      const sim = new Simulation();
      sim.schedule(1, () => {
        throw new Error('boom');
      });
      expect(() => sim.run()).toThrow('boom');
    });

    it('rejects a non-finite seed', () => {
      expect(() => new Simulation({ seed: Number.NaN })).toThrow(/seed must be finite/);
    });
  });
});
