/**
 * Means with 95% confidence intervals over independent runs (seeds): the Student-t interval
 * mean ± t(0.975, n − 1) · s / √n. Moments are accumulated one value at a time (Welford), in the
 * order values arrive, so a summary is the same whatever computed the runs.
 *
 * The t quantile is found by bisection on the t distribution's CDF, written with the regularized
 * incomplete beta function: for t ≥ 0, P(T ≤ t) = 1 − ½ I_{ν/(ν+t²)}(ν/2, ½). The incomplete beta
 * uses the standard continued fraction (evaluated with Lentz's method) and mathjs's log-gamma.
 *
 * Intervals stay in range: a quantity that cannot leave a range (a share in [0, 1], a time or a count
 * ≥ 0) has its interval cut to that range ({@link inRange}). The true value lies in the range, so the
 * cut interval covers it whenever the uncut one did: the coverage stays 95%, and an interval already
 * in range is unchanged (Mandelkern, "Setting confidence intervals for bounded parameters",
 * Statistical Science 17(2), 2002, on intervals for parameters with a known physical bound).
 */
import { mathjs } from '../mathjs.js';

/** Running count, mean and sum of squared deviations of a sample. */
export class Moments {
  count = 0;
  mean = 0;
  private m2 = 0;

  add(value: number): void {
    this.count++;
    const delta = value - this.mean;
    this.mean += delta / this.count;
    this.m2 += delta * (value - this.mean);
  }

  /** Sample variance (n − 1 in the denominator); 0 with fewer than two values. */
  get variance(): number {
    return this.count < 2 ? 0 : this.m2 / (this.count - 1);
  }
}

/** A mean and its 95% confidence interval. */
export interface Estimate {
  mean: number;
  /** [low, high]; equal to [mean, mean] when fewer than two values (no spread to estimate). */
  ci95: [number, number];
  count: number;
}

/** The values a quantity can take, [low, high] (high may be Infinity). */
export type Range = readonly [number, number];

/** A share, probability or availability. */
export const SHARE: Range = [0, 1];

/** A time, a count or a rate. */
export const NON_NEGATIVE: Range = [0, Number.POSITIVE_INFINITY];

/** `interval` cut to `range` (see the module comment); `undefined` leaves it as is. */
export function inRange(interval: [number, number], range: Range | undefined): [number, number] {
  if (range === undefined) return interval;
  const [low, high] = range;
  return [Math.min(Math.max(interval[0], low), high), Math.max(Math.min(interval[1], high), low)];
}

/**
 * The estimate of `moments`: mean ± t(0.975, n − 1) · s / √n, cut to `range` when the quantity has
 * one. Callers estimating many metrics over the same n may pass `t` (that quantile) to compute it once.
 */
export function estimate(moments: Moments, t?: number, range?: Range): Estimate {
  const { count, mean } = moments;
  if (count < 2) return { mean: count === 0 ? Number.NaN : mean, ci95: [mean, mean], count };
  const half = (t ?? tQuantile(0.975, count - 1)) * Math.sqrt(moments.variance / count);
  return { mean, ci95: inRange([mean - half, mean + half], range), count };
}

/** The estimate of a sample given at once (its interval cut to `range`, if given). */
export function estimateOf(values: Iterable<number>, range?: Range): Estimate {
  const moments = new Moments();
  for (const value of values) moments.add(value);
  return estimate(moments, undefined, range);
}

/** Quantile `p` (0.5 < p < 1) of Student's t distribution with `df` degrees of freedom. */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0.5 && p < 1)) throw new RangeError(`tQuantile: p must be in (0.5, 1) (got ${p})`);
  if (!(df > 0)) throw new RangeError(`tQuantile: df must be > 0 (got ${df})`);
  let low = 0;
  let high = 1;
  while (tCdf(high, df) < p) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-12 * high; i++) {
    const middle = (low + high) / 2;
    if (tCdf(middle, df) < p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

/** P(T ≤ t) for t ≥ 0 under Student's t with `df` degrees of freedom. */
export function tCdf(t: number, df: number): number {
  return 1 - 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** The regularized incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const math = mathjs();
  const logFront =
    (math.lgamma(a + b) as number) -
    (math.lgamma(a) as number) -
    (math.lgamma(b) as number) +
    a * Math.log(x) +
    b * Math.log(1 - x);
  // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * betaFraction(1 - x, b, a)) / b;
}

/** Continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let result = d;
  for (let m = 1; m <= 500; m++) {
    const m2 = 2 * m;
    const even = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + even * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + even / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    result *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + odd * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + odd / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    result *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return result;
}

/**
 * A ratio of totals over independent runs, Σx / Σy (e.g. outages per successful escape, the mean
 * delay of the switches that were delayed), with the delta-method 95% interval: the runs are the
 * independent units, so Var(R) ≈ s²(x − R·y) / (n · ȳ²), and R ± t(0.975, n − 1) · √Var.
 * The mean is NaN when Σy = 0 (no denominator: nothing to report). When every x and y is ≥ 0 the
 * ratio cannot be negative, so the interval is cut at 0; `range` cuts it further (e.g. {@link SHARE}
 * for a part of a whole).
 */
export function ratioEstimate(
  numerators: readonly number[],
  denominators: readonly number[],
  range?: Range,
): Estimate {
  const n = numerators.length;
  if (denominators.length !== n)
    throw new RangeError(`ratioEstimate: ${n} numerators but ${denominators.length} denominators`);
  let sumX = 0;
  let sumY = 0;
  let nonNegative = true;
  for (let i = 0; i < n; i++) {
    sumX += numerators[i];
    sumY += denominators[i];
    if (numerators[i] < 0 || denominators[i] < 0) nonNegative = false;
  }
  if (sumY === 0) return { mean: Number.NaN, ci95: [Number.NaN, Number.NaN], count: n };
  const ratio = sumX / sumY;
  if (n < 2) return { mean: ratio, ci95: [ratio, ratio], count: n };
  const residuals = new Moments();
  for (let i = 0; i < n; i++) residuals.add(numerators[i] - ratio * denominators[i]);
  const meanY = sumY / n;
  const half = (tQuantile(0.975, n - 1) * Math.sqrt(residuals.variance / n)) / meanY;
  return {
    mean: ratio,
    ci95: inRange([nonNegative ? Math.max(0, ratio - half) : ratio - half, ratio + half], range),
    count: n,
  };
}
