import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALWAYS_UPDATE_BEFORE_SECONDS,
  estimatedFinish,
  hasFinished,
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
});
