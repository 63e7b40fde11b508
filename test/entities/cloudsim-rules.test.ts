import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALWAYS_UPDATE_BEFORE_SECONDS,
  advancedCount,
  estimatedFinish,
  estimatedFinishAt,
  finishedAt,
  finishKey,
  hasFinished,
  instructionsOf,
  nextUpdateTime,
  progressIncrement,
  shouldUpdateProcessing,
  submissionEstimate,
  timeSharedMipsPerPe,
  wholeMiLeft,
} from '../../src/entities/cloudsim-rules.js';

describe('CloudSim rules', () => {
  it('progressIncrement truncates to whole instructions', () => {
    // 1000/3 MIPS for 1 s on one PE: 333,333,333.33… instructions -> 333,333,333.
    expect(progressIncrement(1000 / 3, 1, 1)).toBe(333333333);
    expect(progressIncrement(250, 0.5, 2)).toBe(250_000_000);
    expect(progressIncrement(1000, 0, 4)).toBe(0);
  });

  it('a cloudlet finishes with less than one whole MI left, and whole MI are rounded down', () => {
    expect(hasFinished(999_999)).toBe(true);
    expect(hasFinished(0)).toBe(true);
    expect(hasFinished(-5)).toBe(true);
    expect(hasFinished(1_000_000)).toBe(false);
    expect(wholeMiLeft(1_999_999)).toBe(1);
    expect(wholeMiLeft(-1)).toBe(0);
  });

  it('property: finished exactly when whole MI left is 0, for any whole instruction count', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e12 }), (left) => {
        expect(hasFinished(left)).toBe(wholeMiLeft(left) === 0);
      }),
    );
  });

  it('estimates: now + whole MI / (MIPS per PE × PEs); a submission uses the last capacity', () => {
    // Example from cloudsim-examples.md: 666 whole MI at 1000/3 MIPS from t = 1 -> 2.998, not 3.
    expect(estimatedFinish(1, 666, 1000 / 3, 1)).toBeCloseTo(2.998, 12);
    expect(submissionEstimate(40000, 250)).toBe(160);
    // Time-shared: the VM's MIPS over max(PEs in use, VM PEs).
    expect(timeSharedMipsPerPe(2000, 2, 1)).toBe(1000);
    expect(timeSharedMipsPerPe(2000, 2, 5)).toBe(400);
  });

  it('datacenter cadence: always before 0.111 s, else at least the gap after the last update', () => {
    expect(shouldUpdateProcessing(0.1, 0.1, 0.01)).toBe(true);
    expect(shouldUpdateProcessing(ALWAYS_UPDATE_BEFORE_SECONDS, 0.11, 0.01)).toBe(false);
    expect(shouldUpdateProcessing(5.01, 5, 0.01)).toBe(true);
    expect(shouldUpdateProcessing(5.009, 5, 0.01)).toBe(false);
  });

  it('the next update is the earliest finish, but not before now + gap + 0.01', () => {
    expect(nextUpdateTime(10, 1, 0.01)).toBe(10);
    expect(nextUpdateTime(1.005, 1, 0.01)).toBe(1 + 0.01 + 0.01);
    expect(nextUpdateTime(Number.MAX_VALUE, 1, 0.01)).toBe(Number.MAX_VALUE);
  });

  describe('the time-shared rule in counter form (reference, fast scheduler and fast request path)', () => {
    it('hand-computed: three 1-PE cloudlets on a 1000-MIPS VM, updated at t = 1', () => {
      // Step 1: 1000 MIPS over max(3 PEs in use, 1 VM PE); idle, the VM's MIPS (x / 1 is x).
      const mipsPerPe = timeSharedMipsPerPe(1000, 1, 3);
      expect(mipsPerPe).toBe(1000 / 3);
      expect(timeSharedMipsPerPe(1000, 1, 0)).toBe(1000);
      // Keys: the counter at arrival (0) plus each one's instructions.
      const keys = [1000, 2000, 3000].map((mi) => finishKey(0, instructionsOf(mi, 1)));
      expect(keys).toEqual([1e9, 2e9, 3e9]);
      expect(instructionsOf(250, 4)).toBe(1e9);
      // Step 2: one truncated increment for all three.
      const count = advancedCount(0, mipsPerPe, 1, 1);
      expect(count).toBe(333_333_333);
      // Step 3: none has less than 1 MI left; a key within 1 MI of the counter has.
      expect(keys.map((key) => finishedAt(key, count))).toEqual([false, false, false]);
      expect(finishedAt(count + 999_999, count)).toBe(true);
      expect(finishedAt(count + 1_000_000, count)).toBe(false);
      // Step 4: 666,666,667 instructions left = 666 whole MI -> 1 + 666 / (1000/3) = 2.998 (not 3).
      expect(estimatedFinishAt(1, keys[0], count, mipsPerPe, 1)).toBe(estimatedFinish(1, 666, 1000 / 3, 1));
      expect(estimatedFinishAt(1, keys[0], count, mipsPerPe, 1)).toBeCloseTo(2.998, 12);
      // Step 5: a cloudlet submitted now is expected to take its length at the last MIPS per PE.
      expect(submissionEstimate(1000, mipsPerPe)).toBe(3);
    });

    it('property: a counter shared from any start gives exactly the per-cloudlet numbers', () => {
      // The reference scheduler keeps one counter per cloudlet (key = its instructions, counter = its
      // instructions done); the fast scheduler, its batch and the request path share a counter that
      // started at some c0 before the cloudlet arrived. Whole numbers below 2^53: the same answers.
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 100_000 }), // length, MI per PE
          fc.integer({ min: 1, max: 4 }), // PEs
          fc.integer({ min: 0, max: 2 ** 50 }), // shared counter at arrival
          fc.array(
            fc.record({
              mips: fc.double({ min: 1, max: 1e5, noNaN: true }),
              elapsed: fc.double({ min: 0, max: 50, noNaN: true }),
            }),
            { maxLength: 8 },
          ),
          fc.double({ min: 0, max: 1e6, noNaN: true }),
          (lengthMi, pes, c0, steps, now) => {
            const total = instructionsOf(lengthMi, pes);
            const key = finishKey(c0, total);
            let done = 0;
            let shared = c0;
            for (const { mips, elapsed } of steps) {
              done = advancedCount(done, mips, elapsed, pes);
              shared = advancedCount(shared, mips, elapsed, pes);
              expect(shared - c0).toBe(done);
              expect(finishedAt(key, shared)).toBe(finishedAt(total, done));
              expect(finishedAt(total, done)).toBe(hasFinished(total - done));
              expect(estimatedFinishAt(now, key, shared, mips, pes)).toBe(
                estimatedFinishAt(now, total, done, mips, pes),
              );
            }
          },
        ),
      );
    });
  });
});
