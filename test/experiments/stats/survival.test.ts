import { describe, expect, it } from 'vitest';
import { estimateOf, ratioEstimate } from '../../../src/analysis/stats/interval.js';
import { CensoredTimes, kaplanMeier, meanTimeToEvent } from '../../../src/analysis/stats/survival.js';
import { RandomStream } from '../../../src/core/random.js';

const failed = (seconds: number) => ({ seconds, censored: false });
const censoredAt = (seconds: number) => ({ seconds, censored: true });

/** n exponential times of mean `mean`, censored at `horizon` (seeded stream `test.survival`). */
function exponentialSample(n: number, mean: number, horizon: number, seed: number) {
  const random = new RandomStream('test.survival', seed);
  return Array.from({ length: n }, () => {
    const t = random.exponential(mean);
    return t > horizon ? censoredAt(horizon) : failed(t);
  });
}

describe('meanTimeToEvent', () => {
  describe('having no censored run', () => {
    it('is the sample mean with its Student-t interval', () => {
      const times = [3, 5, 8, 13].map(failed);
      const plain = estimateOf([3, 5, 8, 13]);
      expect(meanTimeToEvent(times)).toEqual({
        mean: plain.mean,
        ci95: plain.ci95,
        runs: 4,
        failures: 4,
        censored: 0,
        estimator: 'mean',
        lowerBound: false,
      });
    });
  });

  describe('having censored runs', () => {
    it('is the Kaplan–Meier restricted mean, worked by hand', () => {
      // S = 1 on [0, 1), 2/3 on [1, 3) (the run censored at 2 stays at risk until then), 0 from 3.
      const estimate = meanTimeToEvent([failed(1), censoredAt(2), failed(3)]);
      expect(estimate.mean).toBeCloseTo(1 + (2 / 3) * 2, 12);
      expect(estimate.censored).toBe(1);
      expect(estimate.estimator).toBe('km-restricted-mean');
      // The longest run failed: the curve reaches 0, so this is the KM mean, not a lower bound.
      expect(estimate.lowerBound).toBe(false);
      // Variance: only t = 1 contributes (Y > d): A = (2/3)·2, d = 1, Y = 3.
      const half = 1.959963984540054 * Math.sqrt(((4 / 3) ** 2 * 1) / (3 * 2));
      expect(estimate.ci95[0]).toBeCloseTo(estimate.mean - half, 12);
      expect(estimate.ci95[1]).toBeCloseTo(estimate.mean + half, 12);
    });

    it('equals the mean of min(T, H) when every censored run ends at the horizon H, and says it is a lower bound', () => {
      const times = exponentialSample(500, 100, 150, 3);
      const estimate = meanTimeToEvent(times);
      expect(estimate.censored).toBeGreaterThan(50);
      expect(estimate.mean).toBeCloseTo(estimateOf(times.map((t) => t.seconds)).mean, 9);
      expect(estimate.lowerBound).toBe(true);
      expect(estimate.restrictedToSeconds).toBe(150);
    });

    it('recovers the known answers of an exponential sample censored at H (seed printed on failure)', () => {
      // T ~ Exp(mean 100), H = 150: E[min(T, H)] = 100·(1 − e^{-1.5}); the constant-hazard estimate is 100.
      for (const seed of [1, 2, 3, 4, 5]) {
        const estimate = meanTimeToEvent(exponentialSample(2000, 100, 150, seed));
        const restricted = 100 * (1 - Math.exp(-1.5));
        expect(estimate.ci95[0], `seed ${seed}`).toBeLessThan(restricted);
        expect(estimate.ci95[1], `seed ${seed}`).toBeGreaterThan(restricted);
        const tail = estimate.exponential;
        expect(tail?.ci95[0], `seed ${seed}`).toBeLessThan(100);
        expect(tail?.ci95[1], `seed ${seed}`).toBeGreaterThan(100);
        expect(estimate.mean).toBeLessThan(100);
      }
    });

    it('counts runs that never failed: all censored gives the horizon as a lower bound and an infinite tail', () => {
      const estimate = meanTimeToEvent([censoredAt(10), censoredAt(10)]);
      expect(estimate).toMatchObject({ mean: 10, failures: 0, censored: 2, lowerBound: true });
      expect(estimate.exponential?.mean).toBe(Number.POSITIVE_INFINITY);
    });
  });

  it('keeps its interval at or above 0 (a skewed sample whose t interval alone would go negative)', () => {
    const times = [0.01, 0.02, 0.01, 0.03, 5].map(failed);
    expect(meanTimeToEvent(times).ci95[0]).toBe(0);
    const km = meanTimeToEvent([...[0.01, 0.02, 0.01, 0.03, 5].map(failed), censoredAt(5)]);
    expect(km.ci95[0]).toBeGreaterThanOrEqual(0);
  });

  it('counts a failure before a censoring at the same time, in any input order, as columns or objects', () => {
    // At t = 2 one run fails and one is censored: both were at risk (Y = 4, d = 1), S = 1 · 3/4 from 2;
    // at t = 5 one of the two left fails and one is censored: S = 3/4 · 1/2. τ = 5, mean 2 + 3/4 · 3, a
    // lower bound (S(τ) > 0).
    const runs = [censoredAt(2), failed(5), failed(2), censoredAt(5)];
    const reversed = [...runs].reverse();
    const estimate = meanTimeToEvent(runs);
    expect(estimate.mean).toBeCloseTo(2 + 0.75 * 3, 12);
    expect(estimate.lowerBound).toBe(true);
    expect(meanTimeToEvent(reversed)).toEqual(estimate);
    const columns = new CensoredTimes();
    for (const r of runs) columns.push(r.seconds, r.censored);
    expect(columns.length).toBe(4);
    expect(meanTimeToEvent(columns)).toEqual(estimate);
    expect(kaplanMeier(columns)).toEqual({ times: [0, 2, 5], survival: [1, 0.75, 0.375] });
  });

  it('refuses negative or non-finite times', () => {
    expect(() => meanTimeToEvent([failed(-1)])).toThrow(/finite and >= 0 \(got -1\)/);
    expect(() => meanTimeToEvent([failed(Number.NaN)])).toThrow(/got NaN/);
  });
});

describe('kaplanMeier', () => {
  it('steps down at failures only, keeping censored runs at risk until they end', () => {
    expect(kaplanMeier([failed(1), censoredAt(2), failed(3), failed(3)])).toEqual({
      times: [0, 1, 3],
      survival: [1, 0.75, 0],
    });
  });
});

describe('ratioEstimate', () => {
  it('is the ratio of totals, with a delta-method interval that covers a known rate', () => {
    // Outages ~ Binomial(escapes, 0.2) per run: the ratio of totals estimates 0.2.
    const random = new RandomStream('test.ratio', 9);
    const escapes = Array.from({ length: 400 }, () => random.int(0, 20));
    const outages = escapes.map(
      (e) => Array.from({ length: e }, () => random.bernoulli(0.2)).filter(Boolean).length,
    );
    const estimate = ratioEstimate(outages, escapes);
    const total = (values: number[]) => values.reduce((a, b) => a + b, 0);
    expect(estimate.mean).toBe(total(outages) / total(escapes));
    expect(estimate.ci95[0]).toBeLessThan(0.2);
    expect(estimate.ci95[1]).toBeGreaterThan(0.2);
    expect(estimate.ci95[1] - estimate.ci95[0]).toBeLessThan(0.05);
  });
  it('has no value without a denominator', () => {
    expect(ratioEstimate([0, 0], [0, 0]).mean).toBeNaN();
  });
});
