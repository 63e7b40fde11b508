/**
 * Response times in bounded memory: exact (every value, in order) up to the limit, then a histogram
 * whose p99 stays within the stated relative error of the exact one, with count, sum and max exact,
 * also when samples are merged (a seed summary) and whatever side spilled.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleSpread, spread } from '../../../src/analysis/stats/spread.js';
import { RESPONSE_TIME_RELATIVE_ERROR, ResponseTimes } from '../../../src/entities/scit/response-times.js';

/** The exact p99 with `spread`'s definition (interpolated at 0.99·(n − 1)). */
function exactP99(values: readonly number[]): number {
  return spread(values).p99;
}

const times = fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: 1, maxLength: 400 });

describe('ResponseTimes', () => {
  it('keeps every value in order up to its limit, and its spread is then spread() of them', () => {
    const sample = new ResponseTimes(10);
    const values = [0.5, 0.1, 2, 0.3, 0.3, 9, 0.05, 1, 1.5, 0.2];
    for (const v of values) sample.add(v);
    expect([...(sample.values() ?? [])]).toEqual(values);
    expect(sampleSpread(sample)).toEqual(spread(values));
    sample.add(0.7);
    expect(sample.values()).toBeUndefined();
    expect(sample.count).toBe(11);
  });

  it('takes days-long times beyond its typed buckets too', () => {
    const sample = new ResponseTimes(1);
    const values = [...Array.from({ length: 97 }, (_, i) => 1 + i / 100), 2e6, 3e6, 4e6];
    for (const v of values) sample.add(v);
    const exact = exactP99(values);
    expect(Math.abs(sampleSpread(sample).p99 - exact)).toBeLessThanOrEqual(
      RESPONSE_TIME_RELATIVE_ERROR * exact,
    );
    expect(sampleSpread(sample).max).toBe(4e6);
  });

  it('past its limit, p99 within the relative error; count, sum and max exact (property)', () => {
    fc.assert(
      fc.property(times, fc.integer({ min: 1, max: 50 }), (values, limit) => {
        const sample = new ResponseTimes(limit);
        let sum = 0;
        for (const v of values) {
          sample.add(v);
          sum += v;
        }
        const got = sampleSpread(sample);
        expect(sample.count).toBe(values.length);
        expect(got.max).toBe(Math.max(...values));
        expect(got.mean).toBeCloseTo(sum / values.length, 9);
        const exact = exactP99(values);
        if (sample.values() === undefined) {
          expect(got.p99RelativeError).toBe(RESPONSE_TIME_RELATIVE_ERROR);
          expect(Math.abs(got.p99 - exact)).toBeLessThanOrEqual(RESPONSE_TIME_RELATIVE_ERROR * exact + 1e-9);
        } else expect(got).toEqual(spread(values));
      }),
      { seed: 20261206, numRuns: 200 },
    );
  });

  it('merges samples (a summary over runs): exact while the total fits, else the histogram of all', () => {
    fc.assert(
      fc.property(
        fc.array(times, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 300 }),
        (runs, limit) => {
          const total = new ResponseTimes(limit);
          for (const values of runs) {
            const run = new ResponseTimes(Math.max(1, limit >> 1));
            for (const v of values) run.add(v);
            total.addAll(run);
          }
          const all = runs.flat();
          expect(total.count).toBe(all.length);
          expect(total.max).toBe(Math.max(...all));
          const exact = exactP99(all);
          const got = sampleSpread(total);
          if (total.values() !== undefined) expect([...(total.values() ?? [])]).toEqual(all);
          else
            expect(Math.abs(got.p99 - exact)).toBeLessThanOrEqual(
              RESPONSE_TIME_RELATIVE_ERROR * exact + 1e-9,
            );
        },
      ),
      { seed: 20261207, numRuns: 150 },
    );
  });
});
