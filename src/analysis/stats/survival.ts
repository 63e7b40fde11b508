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

/**
 * Times to an event held as columns, in the order they were added: what a caller that collects many
 * runs (a sweep's summary, thousands per cell) keeps instead of one {@link CensoredTime} object per run.
 * `meanTimeToEvent` gives the same estimate, bit for bit, for either form of the same runs.
 */
export class CensoredTimes {
  private seconds = new Float64Array(64);
  private flags = new Uint8Array(64);
  private count = 0;
  private censoredCount = 0;

  /** Runs added so far. */
  get length(): number {
    return this.count;
  }

  /** Runs added so far that ended without the event. */
  get censored(): number {
    return this.censoredCount;
  }

  /** Adds one run: the time of the event, or when the run ended without it (`censored`). */
  push(seconds: number, censored: boolean): void {
    if (this.count === this.seconds.length) {
      const grown = new Float64Array(2 * this.count);
      grown.set(this.seconds);
      this.seconds = grown;
      const flags = new Uint8Array(2 * this.count);
      flags.set(this.flags);
      this.flags = flags;
    }
    this.seconds[this.count] = seconds;
    this.flags[this.count++] = censored ? 1 : 0;
    if (censored) this.censoredCount++;
  }

  /** The runs' times in the order they were added (a view: valid until the next `push`). */
  timesInOrder(): Float64Array {
    return this.seconds.subarray(0, this.count);
  }

  /** Whether run `i` was censored. */
  censoredAt(i: number): boolean {
    return this.flags[i] === 1;
  }

  /** The same runs as columns, from objects or already columns. */
  static from(times: readonly CensoredTime[] | CensoredTimes): CensoredTimes {
    if (times instanceof CensoredTimes) return times;
    const columns = new CensoredTimes();
    for (const t of times) columns.push(t.seconds, t.censored);
    return columns;
  }
}

/** Estimates the mean time to the event; see the module comment for the estimators. */
export function meanTimeToEvent(runs: readonly CensoredTime[] | CensoredTimes): MeanTimeEstimate {
  const columns = CensoredTimes.from(runs);
  const seconds = columns.timesInOrder();
  const count = seconds.length;
  const censored = columns.censored;
  for (let i = 0; i < count; i++) {
    const t = seconds[i];
    if (!(t >= 0) || !Number.isFinite(t))
      throw new RangeError(`meanTimeToEvent: times must be finite and >= 0 (got ${t})`);
  }
  const failures = count - censored;
  if (censored === 0) {
    const e = estimateOf(seconds, NON_NEGATIVE);
    return {
      mean: e.mean,
      ci95: e.ci95,
      runs: count,
      failures,
      censored,
      estimator: 'mean',
      lowerBound: false,
    };
  }
  const km = restrictedMean(sortedForKm(columns));
  let total = 0;
  for (let i = 0; i < count; i++) total += seconds[i];
  const exponentialMean = failures === 0 ? Number.POSITIVE_INFINITY : total / failures;
  const spread = failures === 0 ? Number.POSITIVE_INFINITY : Z95 / Math.sqrt(failures);
  return {
    mean: km.mean,
    ci95: inRange(
      [km.mean - Z95 * Math.sqrt(km.variance), km.mean + Z95 * Math.sqrt(km.variance)],
      NON_NEGATIVE,
    ),
    runs: count,
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
export function kaplanMeier(times: readonly CensoredTime[] | CensoredTimes): {
  times: number[];
  survival: number[];
} {
  const steps = { times: [0], survival: [1] };
  for (const e of eventTable(sortedForKm(CensoredTimes.from(times)))) {
    steps.times.push(e.time);
    steps.survival.push(e.survivalAfter);
  }
  return steps;
}

/**
 * The runs' times sorted, the events' and the censorings' apart (each a numeric sort, no comparator):
 * at equal times, events count before censorings (the usual convention: a run censored at t was at
 * risk at t).
 */
interface SortedTimes {
  readonly events: Float64Array;
  readonly censorings: Float64Array;
}

function sortedForKm(columns: CensoredTimes): SortedTimes {
  const seconds = columns.timesInOrder();
  const events = new Float64Array(seconds.length - columns.censored);
  const censorings = new Float64Array(columns.censored);
  for (let i = 0, e = 0, c = 0; i < seconds.length; i++) {
    if (columns.censoredAt(i)) censorings[c++] = seconds[i];
    else events[e++] = seconds[i];
  }
  return { events: events.sort(), censorings: censorings.sort() };
}

/** Distinct event times with (at risk, deaths), and S just after each. */
function eventTable({
  events,
  censorings,
}: SortedTimes): { time: number; atRisk: number; deaths: number; survivalAfter: number }[] {
  const table: { time: number; atRisk: number; deaths: number; survivalAfter: number }[] = [];
  let atRisk = events.length + censorings.length;
  let survival = 1;
  let e = 0;
  let c = 0;
  while (e < events.length || c < censorings.length) {
    const time =
      c === censorings.length || (e < events.length && events[e] <= censorings[c])
        ? events[e]
        : censorings[c];
    let deaths = 0;
    for (; e < events.length && events[e] === time; e++) deaths++;
    let leaving = deaths;
    for (; c < censorings.length && censorings[c] === time; c++) leaving++;
    if (deaths > 0) {
      survival *= 1 - deaths / atRisk;
      table.push({ time, atRisk, deaths, survivalAfter: survival });
    }
    atRisk -= leaving;
  }
  return table;
}

/** KM restricted mean up to the longest observed time, and its variance. */
function restrictedMean(sorted: SortedTimes): {
  mean: number;
  variance: number;
  tau: number;
  survivalAtTau: number;
} {
  const { events: ev, censorings: ce } = sorted;
  const lastEvent = ev.length > 0 ? ev[ev.length - 1] : Number.NEGATIVE_INFINITY;
  const lastCensoring = ce.length > 0 ? ce[ce.length - 1] : Number.NEGATIVE_INFINITY;
  const tau = Math.max(lastEvent, lastCensoring);
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
