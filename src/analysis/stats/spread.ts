/**
 * Summary statistics with mathjs (loaded from its single-file bundle, ~75 ms, instead of the ~1.2 s
 * main entry point). The sample is sorted once in a Float64Array so that mathjs's quantile can skip its
 * own sort (`sorted = true`), which keeps a 60,000-value summary in a few milliseconds.
 */
import { RESPONSE_TIME_RELATIVE_ERROR, type ResponseTimes } from '../../entities/scit/response-times.js';
import { mathjs } from '../mathjs.js';

/** Mean, 99th percentile and maximum of a sample; all 0 for an empty sample. */
export interface Spread {
  mean: number;
  p99: number;
  max: number;
  /**
   * Only when the sample outgrew its exact budget: the p99 comes from a histogram and is within this
   * relative error of the exact one (mean and max stay exact).
   */
  p99RelativeError?: number;
}

/**
 * The spread of a response-time sample: {@link spread} of its values while it keeps them all (`exact`:
 * how, default {@link spread}), else from its histogram, the p99 within its stated relative error.
 */
export function sampleSpread(
  sample: ResponseTimes,
  exact: (values: Float64Array) => Spread = spread,
): Spread {
  const values = sample.values();
  if (values !== undefined) return exact(values);
  return {
    mean: sample.sum / sample.count,
    p99: sample.estimatedQuantile(0.99),
    max: sample.max,
    p99RelativeError: RESPONSE_TIME_RELATIVE_ERROR,
  };
}

/** Mean / p99 / max of `values` (p99 by linear interpolation between order statistics, as mathjs). */
export function spread(values: ArrayLike<number>): Spread {
  if (values.length === 0) return { mean: 0, p99: 0, max: 0 };
  const sorted = Array.from(Float64Array.from(values).sort());
  const math = mathjs();
  return {
    mean: (math.sum(sorted) as number) / sorted.length,
    p99: math.quantileSeq(sorted, 0.99, true) as number,
    max: sorted[sorted.length - 1],
  };
}
