/**
 * Summaries over seeds, each metric with a 95% confidence interval (the runs are the independent
 * units):
 * - delays of switches: the probability that a switch is delayed (mean of each run's share, t-interval),
 *   the mean delay given a delay (ratio of totals, delta-method interval), the longest delay seen, the
 *   mean of each run's longest delay, and the longest exposure window E + max delay;
 * - under attack: MTTSF of the system and of each service (censored runs counted: see
 *   `meanTimeToEvent`), availability (time-weighted: 1 − down time / observed time, as a ratio of
 *   totals), outages per successful escape (a ratio of totals), and the share of time below the
 *   minimum guarantee.
 */

import {
  type Estimate,
  estimate,
  estimateOf,
  Moments,
  NON_NEGATIVE,
  ratioEstimate,
  SHARE,
} from '../../analysis/stats/interval.js';
import { CensoredTimes, type MeanTimeEstimate, meanTimeToEvent } from '../../analysis/stats/survival.js';
import type { ResolvedScitConfig } from '../../entities/scit/config.js';
import { runMaxDelaySeconds } from '../../runs/metrics.js';
import type { ScitRunResult } from '../../runs/scit-run.js';

/** Delays of switches over seeds. */
export interface DelaySummary {
  /** Probability that a switch is delayed (its VM waited for a spare): mean of the runs' shares. */
  probability: number;
  probabilityCi95: [number, number];
  /** Mean delay of the delayed switches (seconds); NaN when no switch was delayed. */
  meanGivenDelaySeconds: number;
  meanGivenDelayCi95: [number, number];
  /** The longest delay in any run (VMs still waiting when a run ended included). */
  maxSeconds: number;
  /** Mean over runs of each run's longest delay. */
  meanRunMaxSeconds: number;
  meanRunMaxCi95: [number, number];
  delayedSwitches: number;
  switches: number;
}

/** Accumulates {@link DelaySummary} run by run. */
export class DelayAccumulator {
  private readonly shares = new Moments();
  private readonly runMax = new Moments();
  private readonly totals: number[] = [];
  private readonly delayed: number[] = [];
  private max = 0;
  private switches = 0;

  add(result: Pick<ScitRunResult, 'extraExposure' | 'waitingAtEnd'>): void {
    const { switches, waited, totalSeconds } = result.extraExposure;
    this.shares.add(switches === 0 ? 0 : waited / switches);
    const longest = runMaxDelaySeconds(result);
    this.runMax.add(longest);
    if (longest > this.max) this.max = longest;
    this.totals.push(totalSeconds);
    this.delayed.push(waited);
    this.switches += switches;
  }

  summary(): DelaySummary {
    const probability = estimate(this.shares, undefined, SHARE);
    const given = ratioEstimate(this.totals, this.delayed);
    const runMax = estimate(this.runMax, undefined, NON_NEGATIVE);
    return {
      probability: probability.mean,
      probabilityCi95: probability.ci95,
      meanGivenDelaySeconds: given.mean,
      meanGivenDelayCi95: given.ci95,
      maxSeconds: this.max,
      meanRunMaxSeconds: runMax.mean,
      meanRunMaxCi95: runMax.ci95,
      delayedSwitches: this.delayed.reduce((a, b) => a + b, 0),
      switches: this.switches,
    };
  }
}

/** What the attacks did, over seeds. */
export interface SecuritySummary {
  runs: number;
  /** Mean time to security failure: the system's, and each service's. */
  mttsf: { system: MeanTimeEstimate; services: Record<string, MeanTimeEstimate> };
  /** Time-weighted availability in the measurement window: of the system (no service down) and per service. */
  availability: { system: Estimate; services: Record<string, Estimate> };
  /** Outages begun per successful escape, in the window (a rate): any service, and per service. */
  outagesPerEscape: { system: Estimate; services: Record<string, Estimate> };
  /** Per service: share of the window with fewer than m_s Active VMs on uncompromised hosts. */
  belowMinimumShare: Record<string, Estimate>;
  /** Totals over all runs (whole runs). */
  attempts: number;
  lostAttempts: number;
  escapes: number;
  defeatedByRotation: number;
  /** Successful escapes per run in the window. */
  escapesPerRun: Estimate;
  /** Mean length of the runs (seconds) and of their measurement windows. */
  meanRunSeconds: number;
  meanWindowSeconds: number;
}

/** Accumulates {@link SecuritySummary} run by run. */
export class SecurityAccumulator {
  private readonly systemTimes = new CensoredTimes();
  private readonly serviceTimes: CensoredTimes[];
  private readonly windows: number[] = [];
  private readonly systemDown: number[] = [];
  private readonly serviceDown: number[][];
  private readonly belowMinimum: number[][];
  private readonly systemOutages: number[] = [];
  private readonly serviceOutages: number[][];
  private readonly escapes: number[] = [];
  private readonly totals = { attempts: 0, lostAttempts: 0, escapes: 0, defeatedByRotation: 0 };
  private runSeconds = 0;

  constructor(private readonly config: ResolvedScitConfig) {
    const perService = () => config.services.map((): number[] => []);
    this.serviceTimes = config.services.map(() => new CensoredTimes());
    this.serviceDown = perService();
    this.belowMinimum = perService();
    this.serviceOutages = perService();
  }

  add(result: Pick<ScitRunResult, 'security' | 'attack'>): void {
    const { security, attack } = result;
    if (security === undefined || attack === undefined)
      throw new Error('SecurityAccumulator: a run without attacks has no security report');
    const end = security.endSeconds;
    pushFirstFailure(this.systemTimes, security.firstFailureSeconds, end);
    this.windows.push(security.windowSeconds);
    this.systemDown.push(security.systemDownSeconds);
    this.systemOutages.push(security.systemOutages);
    this.escapes.push(security.escapes);
    security.services.forEach((service, s) => {
      pushFirstFailure(this.serviceTimes[s], service.firstFailureSeconds, end);
      this.serviceDown[s].push(service.downSeconds);
      this.belowMinimum[s].push(service.belowMinimumSeconds);
      this.serviceOutages[s].push(service.outages);
    });
    this.totals.attempts += attack.attempts;
    this.totals.lostAttempts += attack.lostAttempts;
    this.totals.escapes += attack.escapes;
    this.totals.defeatedByRotation += attack.defeatedByRotation;
    this.runSeconds += end;
  }

  summary(): SecuritySummary {
    const names = this.config.services.map((s) => s.name);
    const byName = <T>(values: T[]) => Object.fromEntries(names.map((name, s) => [name, values[s]]));
    const available = (down: number[]) => {
      // Down time is a share of the window: availability's interval stays within [0, 1].
      const unavailable = ratioEstimate(down, this.windows, SHARE);
      return {
        mean: 1 - unavailable.mean,
        ci95: [1 - unavailable.ci95[1], 1 - unavailable.ci95[0]] as [number, number],
        count: unavailable.count,
      };
    };
    const runs = this.windows.length;
    return {
      runs,
      mttsf: {
        system: meanTimeToEvent(this.systemTimes),
        services: byName(this.serviceTimes.map((times) => meanTimeToEvent(times))),
      },
      availability: {
        system: available(this.systemDown),
        services: byName(this.serviceDown.map(available)),
      },
      outagesPerEscape: {
        system: ratioEstimate(this.systemOutages, this.escapes),
        services: byName(this.serviceOutages.map((outages) => ratioEstimate(outages, this.escapes))),
      },
      belowMinimumShare: byName(
        this.belowMinimum.map((seconds) => ratioEstimate(seconds, this.windows, SHARE)),
      ),
      ...this.totals,
      escapesPerRun: estimateOf(this.escapes, NON_NEGATIVE),
      meanRunSeconds: runs === 0 ? 0 : this.runSeconds / runs,
      meanWindowSeconds: runs === 0 ? 0 : this.windows.reduce((a, b) => a + b, 0) / runs,
    };
  }
}

/** Adds a run's time to its first failure, or, without one, the run's end as a censored time. */
function pushFirstFailure(times: CensoredTimes, first: number | undefined, end: number): void {
  times.push(first ?? end, first === undefined);
}
