import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/core/event-queue.js';
import { ControllerTimers, type TimerKind } from '../../src/entities/scit/controller-timers.js';

const KINDS: readonly TimerKind[] = ['expire', 'graceEnd', 'cleansed'];

describe('ControllerTimers', () => {
  describe('having initial timers in any order and constant-delay timers added at non-decreasing times', () => {
    it('pops in the kernel queue order: by time, equal times in creation order', () => {
      fc.assert(
        fc.property(
          // Small integer times and delays make equal due times (the hard case) frequent.
          fc.array(fc.record({ kind: fc.constantFrom(...KINDS), time: fc.integer({ min: 0, max: 8 }) }), {
            maxLength: 20,
          }),
          fc.tuple(
            fc.integer({ min: 1, max: 6 }),
            fc.integer({ min: 0, max: 6 }),
            fc.integer({ min: 1, max: 6 }),
          ),
          fc.array(
            fc.record({ pop: fc.boolean(), kind: fc.nat(2), advance: fc.integer({ min: 0, max: 3 }) }),
            {
              maxLength: 120,
            },
          ),
          (initial, delays, steps) => {
            const timers = new ControllerTimers();
            const reference = new EventQueue<{ kind: TimerKind; vm: number; time: number }>();
            let vm = 0;
            for (const t of initial) {
              timers.addInitial(t.kind, vm, t.time);
              reference.push(t.time, { kind: t.kind, vm: vm++, time: t.time });
            }
            timers.seal();
            let now = 0;
            for (const step of steps) {
              if (step.pop && reference.size > 0) {
                const expected = reference.pop();
                const kind = timers.popNext();
                expect([kind, timers.poppedVm, timers.poppedTime]).toEqual([
                  expected?.kind,
                  expected?.vm,
                  expected?.time,
                ]);
                now = Math.max(now, timers.poppedTime);
              } else {
                now += step.advance;
                const kind = KINDS[step.kind];
                const time = now + delays[step.kind];
                timers.add(kind, vm, time);
                reference.push(time, { kind, vm: vm++, time });
              }
              expect(timers.size).toBe(reference.size);
              expect(timers.nextTime()).toBe(reference.peekTime());
            }
          },
        ),
      );
    });
  });

  describe('when a timer of one kind would be due before an earlier-created one', () => {
    it('throws instead of misordering', () => {
      const timers = new ControllerTimers();
      timers.seal();
      timers.add('expire', 0, 10);
      expect(() => timers.add('expire', 1, 9)).toThrow(/expire timer at 9s would be due before/);
    });
  });

  describe('when empty', () => {
    it('reports no next time and refuses to pop', () => {
      const timers = new ControllerTimers();
      timers.seal();
      expect(timers.nextTime()).toBe(Number.POSITIVE_INFINITY);
      expect(() => timers.popNext()).toThrow(/no pending timer/);
    });
  });

  describe('when it grows past its initial capacity', () => {
    it('keeps FIFO order across the ring wrap-around', () => {
      const timers = new ControllerTimers();
      timers.seal();
      const popped: number[] = [];
      for (let i = 0; i < 100; i++) {
        timers.add('cleansed', i, i);
        if (i % 3 === 2) {
          timers.popNext();
          popped.push(timers.poppedVm);
        }
      }
      while (timers.size > 0) {
        timers.popNext();
        popped.push(timers.poppedVm);
      }
      expect(popped).toEqual(Array.from({ length: 100 }, (_, i) => i));
    });
  });
});
