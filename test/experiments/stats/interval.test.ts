import { describe, expect, it } from 'vitest';
import {
  estimateOf,
  inRange,
  NON_NEGATIVE,
  ratioEstimate,
  SHARE,
} from '../../../src/analysis/stats/interval.js';

describe('ratioEstimate', () => {
  it('is the ratio of totals, NaN without a denominator', () => {
    expect(ratioEstimate([1, 3], [2, 2]).mean).toBe(1);
    expect(ratioEstimate([1, 2], [0, 0]).mean).toBeNaN();
  });

  it('cuts the interval at 0 when nothing is negative (a rare event: one outage in 20 runs)', () => {
    const outages = Array.from({ length: 20 }, (_, i) => (i === 0 ? 1 : 0));
    const escapes = Array.from({ length: 20 }, () => 100);
    const { mean, ci95 } = ratioEstimate(outages, escapes);
    expect(mean).toBeCloseTo(0.0005, 12);
    expect(ci95[0]).toBe(0);
    expect(ci95[1]).toBeGreaterThan(mean);
  });

  it('keeps a negative lower bound when the values can be negative', () => {
    const changes = [-3, 1, 4, -2, 0.5, -1];
    const { ci95 } = ratioEstimate(changes, [1, 1, 1, 1, 1, 1]);
    expect(ci95[0]).toBeLessThan(0);
  });
});

describe('intervals stay in range', () => {
  // A rare share: one run of 20 with a nonzero share; the t interval alone would go below 0.
  const rare = Array.from({ length: 20 }, (_, i) => (i === 0 ? 0.5 : 0));
  // A share close to 1: the t interval alone would go above 1.
  const high = Array.from({ length: 20 }, (_, i) => (i === 0 ? 0.9 : 1));

  it('cuts a share to [0, 1], leaving the mean and the side already in range as they were', () => {
    const free = estimateOf(rare);
    expect(free.ci95[0]).toBeLessThan(0);
    const cut = estimateOf(rare, SHARE);
    expect(cut.mean).toBe(free.mean);
    expect(cut.ci95).toEqual([0, free.ci95[1]]);
    const top = estimateOf(high, SHARE);
    expect(estimateOf(high).ci95[1]).toBeGreaterThan(1);
    expect(top.ci95[1]).toBe(1);
    expect(top.ci95[0]).toBe(estimateOf(high).ci95[0]);
  });

  it('cuts a time or a count at 0, and a ratio that is a share at 1', () => {
    expect(estimateOf([0, 0, 0, 0, 9], NON_NEGATIVE).ci95[0]).toBe(0);
    const part = ratioEstimate([10, 10, 9.9], [10, 10, 10], SHARE);
    expect(part.ci95[1]).toBe(1);
  });

  it('leaves an interval that is already in range unchanged, bit for bit', () => {
    const values = [0.2, 0.4, 0.3, 0.35, 0.25];
    expect(estimateOf(values, SHARE)).toEqual(estimateOf(values));
    expect(inRange([0.1, 0.2], SHARE)).toEqual([0.1, 0.2]);
    expect(inRange([-1, 2], undefined)).toEqual([-1, 2]);
  });
});
