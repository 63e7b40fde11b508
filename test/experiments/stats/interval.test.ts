import { describe, expect, it } from 'vitest';
import { ratioEstimate } from '../../../src/analysis/stats/interval.js';

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
