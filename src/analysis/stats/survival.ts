/**
 * Mean time to an event (a security failure) from runs that may end before it: right-censored
 * observations. Censored runs are never dropped; how they enter the estimate:
 *
 * - No run censored: the sample mean with its Student-t 95% interval ({@link estimateOf}).
 * - Some runs censored: the Kaplan–Meier *restricted mean* up to τ, the longest observed time,
 *   RMST(τ) = ∫₀^τ Ŝ(t) dt, with the variance of Klein & Moeschberger (Survival Analysis, 2nd ed.,
 *   §4.5): Var = Σ_{event times t_i ≤ τ} A_i² d_i / (Y_i (Y_i − d_i)), A_i = ∫_{t_i}^τ Ŝ(t) dt, and
 *   a normal 95% interval. It is the mean of min(T, τ): a *lower bound* of the mean time, flagged so.
 *   When every censored run ends at the same horizon (the usual case here) it equals the sample
 *   mean of the observed times.
 * - Beside it, the constant-hazard (exponential) estimate: λ̂ = failures / total observed time, mean
 *   1/λ̂, 95% interval mean·exp(∓1.96/√failures) (the log-normal approximation of the MLE). It is
 *   right when the time to failure is exponential — close to true for rare failures of a system that
 *   forgets its past quickly — and an extrapolation otherwise.
 */
import { estimateOf, inRange, NON_NEGATIVE } from './interval.js';

/** One run's time to the event: when it happened, or when the run ended without it (`censored`). */
export interface CensoredTime {
  readonly seconds: number;
  readonly censored: boolean;
}

/** The mean time to an event estimated from (possibly censored) runs; intervals are cut at 0. */
export interface MeanTimeEstimate {
  /** The estimate (a lower bound when `lowerBound`). NaN with no run. */
  mean: number;
  /** 95% confidence interval [low, high]. */
  ci95: [number, number];
  runs: number;
  /** Runs in which the event happened. */
  failures: number;
  /** Runs that ended without it (counted, never dropped). */
  censored: number;
  /** `mean`: sample mean, t-interval; `km-restricted-mean`: Kaplan–Meier mean of min(T, τ). */
  estimator: 'mean' | 'km-restricted-mean';
  /**
   * True when `mean` is a restricted mean that stops short of the end of the survival curve (the
   * longest run was censored): the true mean is at least this.
   */
  lowerBound: boolean;
  /** τ: the longest observed time, up to which the restricted mean integrates (censored runs only). */
  restrictedToSeconds?: number;
  /** Constant-hazard estimate (censored runs only; `mean` is Infinity with no failure at all). */
  exponential?: { mean: number; ci95: [number, number] };
}

const Z95 = 1.959963984540054;

/** Estimates the mean time to the event; see the module comment for the estimators. */
export function meanTimeToEvent(times: readonly CensoredTime[]): MeanTimeEstimate {
  const runs = times.length;
  let censored = 0;
  for (const t of times) {
    if (!(t.seconds >= 0) || !Number.isFinite(t.seconds))
      throw new RangeError(`meanTimeToEvent: times must be finite and >= 0 (got ${t.seconds})`);
    if (t.censored) censored++;
  }
  const failures = runs - censored;
  if (censored === 0) {
    const e = estimateOf(
      times.map((t) => t.seconds),
      NON_NEGATIVE,
    );
    return { mean: e.mean, ci95: e.ci95, runs, failures, censored, estimator: 'mean', lowerBound: false };
  }
  const km = restrictedMean(times);
  const total = times.reduce((sum, t) => sum + t.seconds, 0);
  const exponentialMean = failures === 0 ? Number.POSITIVE_INFINITY : total / failures;
  const spread = failures === 0 ? Number.POSITIVE_INFINITY : Z95 / Math.sqrt(failures);
  return {
    mean: km.mean,
    ci95: inRange(
      [km.mean - Z95 * Math.sqrt(km.variance), km.mean + Z95 * Math.sqrt(km.variance)],
      NON_NEGATIVE,
    ),
    runs,
    failures,
    censored,
    estimator: 'km-restricted-mean',
    lowerBound: km.survivalAtTau > 0,
    restrictedToSeconds: km.tau,
    exponential: {
      mean: exponentialMean,
      ci95: [
        exponentialMean * Math.exp(-spread),
        failures === 0 ? Number.POSITIVE_INFINITY : exponentialMean * Math.exp(spread),
      ],
    },
  };
}

/** The Kaplan–Meier survival curve as steps: S(t) = survival[i] for times[i] ≤ t < times[i + 1]. */
export function kaplanMeier(times: readonly CensoredTime[]): { times: number[]; survival: number[] } {
  const steps = { times: [0], survival: [1] };
  for (const e of eventTable(sortForKm(times))) {
    steps.times.push(e.time);
    steps.survival.push(e.survivalAfter);
  }
  return steps;
}

/** Events before censorings at equal times (the usual convention: a run censored at t was at risk at t). */
function sortForKm(times: readonly CensoredTime[]): CensoredTime[] {
  return [...times].sort((a, b) => a.seconds - b.seconds || Number(a.censored) - Number(b.censored));
}

/** Distinct event times of `sorted` (see `sortForKm`) with (at risk, deaths), and S just after each. */
function eventTable(
  sorted: readonly CensoredTime[],
): { time: number; atRisk: number; deaths: number; survivalAfter: number }[] {
  const events: { time: number; atRisk: number; deaths: number; survivalAfter: number }[] = [];
  let atRisk = sorted.length;
  let survival = 1;
  for (let i = 0; i < sorted.length; ) {
    const time = sorted[i].seconds;
    let deaths = 0;
    let leaving = 0;
    for (; i < sorted.length && sorted[i].seconds === time; i++, leaving++) if (!sorted[i].censored) deaths++;
    if (deaths > 0) {
      survival *= 1 - deaths / atRisk;
      events.push({ time, atRisk, deaths, survivalAfter: survival });
    }
    atRisk -= leaving;
  }
  return events;
}

/** KM restricted mean up to the longest observed time, and its variance. */
function restrictedMean(times: readonly CensoredTime[]): {
  mean: number;
  variance: number;
  tau: number;
  survivalAtTau: number;
} {
  const sorted = sortForKm(times);
  const tau = sorted[sorted.length - 1].seconds;
  const events = eventTable(sorted);
  let mean = 0;
  let previous = 0;
  let level = 1;
  for (const e of events) {
    mean += level * (e.time - previous);
    previous = e.time;
    level = e.survivalAfter;
  }
  mean += level * (tau - previous);
  // Area under S from each event time to tau (A_i), accumulated backwards.
  let variance = 0;
  let area = 0;
  for (let i = events.length - 1; i >= 0; i--) {
    const next = i + 1 < events.length ? events[i + 1].time : tau;
    area += events[i].survivalAfter * (next - events[i].time);
    const { atRisk: y, deaths: d } = events[i];
    if (y > d) variance += (area * area * d) / (y * (y - d));
  }
  return { mean, variance, tau, survivalAtTau: level };
}
