/**
 * Many-seed summary of one strategy: share of cycles and of time below target per service, share of
 * runs with any degradation, the delays that waiting cost and, under attack, the security metrics
 * (see `security-summary.ts`), each with a 95% confidence interval over seeds. Requests are off here
 * (they never influence rotation decisions), which keeps 2 × 1000 runs well under a second.
 */
import type { Container } from 'inversify';
import { type Estimate, estimate, Moments, SHARE } from '../../analysis/stats/interval.js';
import { longestExposureSeconds, type ResolvedScitConfig } from '../../entities/scit/config.js';
import type { Vm } from '../../entities/vm.js';
import { RunScope } from '../../runs/container.js';
import {
  checkRunOptions,
  runCheckedScit,
  type ScitRunOptions,
  type ScitRunResult,
  type SecurityRunOptions,
} from '../../runs/scit-run.js';
import {
  DelayAccumulator,
  type DelaySummary,
  SecurityAccumulator,
  type SecuritySummary,
} from './security-summary.js';

/** Options of {@link summarizeSeeds}: which seeds, how long each run is, and what it runs under. */
export interface SummarizeSeedsOptions {
  /** Number of seeds (runs). */
  seeds: number;
  /** Seeds are firstSeed, firstSeed + 1, … (default 1). */
  firstSeed?: number;
  /** Clock cycles per run (give this or `horizonSeconds`). */
  cycles?: number;
  /** Simulated seconds per run, instead of a number of cycles. */
  horizonSeconds?: number;
  /** Attacks during every run: the parameters of the container's attack model (off when omitted). */
  attack?: unknown;
  /** Under attack: measurement window and when runs may stop (see `SecurityRunOptions`). */
  security?: SecurityRunOptions;
  /** Cloud VMs behind the SCIT VMs (see `ScitRunOptions.cloudVms`). */
  cloudVms?: readonly Vm[];
  /** Called after each run with the number of runs done. */
  onProgress?: (done: number) => void;
}

/** What the experiment reports per strategy. */
export interface StrategySummary {
  strategy: string;
  runs: number;
  /** Clock cycles per run (the mean when runs had a time horizon instead). */
  cyclesPerRun: number;
  /** Per service name: degraded cycles / all cycles over all runs. */
  degradedCycleShare: Record<string, number>;
  /** Per service name: share of cycles and of time below target, mean over runs and 95% CI. */
  belowTarget: Record<string, { cycleShare: Estimate; timeShare: Estimate }>;
  /** Runs in which any service was below target after any cycle. */
  degradedRunShare: number;
  /** Per service name: lowest level seen in any run. */
  minLevel: Record<string, number>;
  /** Delays of switches (a switch is delayed when its VM waited for a spare). */
  delay: DelaySummary;
  /** The longest exposure window seen: E + the longest delay. */
  maxExposureWindowSeconds: number;
  /** Switches whose VM had to wait, over all switches (= `delay`'s pooled share). */
  waitedSwitchShare: number;
  /** Runs stopped by detected starvation or deadlock. */
  starvedRuns: number;
  /** Under attack (when enabled). */
  security?: SecuritySummary;
}

/**
 * What a seed summary reads of one run: the fields of {@link ScitRunResult} the accumulators use, and
 * nothing of its per-switch or per-request data. A worker thread sends these instead of whole results
 * (see `study-pool.ts`); folded in seed order they give the same summary, to the bit, as the results.
 */
export type RunDigest = Pick<
  ScitRunResult,
  | 'strategy'
  | 'cycles'
  | 'degradedCycles'
  | 'minLevels'
  | 'belowTargetSeconds'
  | 'observedSeconds'
  | 'extraExposure'
  | 'waitingAtEnd'
  | 'starvation'
  | 'attack'
  | 'security'
>;

/** The {@link RunDigest} of a run (a copy of only those fields, for a message between threads). */
export function runDigest(result: ScitRunResult): RunDigest {
  const digest: RunDigest = {
    strategy: result.strategy,
    cycles: result.cycles,
    degradedCycles: result.degradedCycles,
    minLevels: result.minLevels,
    belowTargetSeconds: result.belowTargetSeconds,
    observedSeconds: result.observedSeconds,
    extraExposure: result.extraExposure,
    waitingAtEnd: result.waitingAtEnd,
    ...(result.starvation === undefined ? {} : { starvation: result.starvation }),
    ...(result.attack === undefined ? {} : { attack: result.attack }),
    ...(result.security === undefined ? {} : { security: result.security }),
  };
  return digest;
}

/**
 * Runs seeds `firstSeed` … `firstSeed + seeds − 1` with the policies of `container` (its rotation
 * strategy: a fresh instance per run) and hands each result to `each`, in seed order. The one loop of
 * {@link summarizeSeeds} and of the study's worker threads.
 */
export function forEachSeedRun(
  container: Container | RunScope,
  config: ResolvedScitConfig,
  options: Omit<SummarizeSeedsOptions, 'onProgress'>,
  each: (result: ScitRunResult, index: number) => void,
): void {
  const scope = RunScope.of(container);
  const firstSeed = options.firstSeed ?? 1;
  const runOptions = (seed: number): ScitRunOptions => ({
    seed,
    maxCycles: options.cycles,
    horizonSeconds: options.horizonSeconds,
    cloudVms: options.cloudVms,
    attack: options.attack,
    security: options.security,
    keepExtraExposures: false,
  });
  // The options differ only in the seed (a whole number): checked once, for every run.
  checkRunOptions(config, runOptions(firstSeed));
  for (let i = 0; i < options.seeds; i++) each(runCheckedScit(scope, config, runOptions(firstSeed + i)), i);
}

/** Folds runs (or their digests), in seed order, into a {@link StrategySummary}. */
export class SeedSummaryAccumulator {
  private readonly degraded: number[];
  private readonly minLevel: number[];
  private readonly cycleShares: Moments[];
  private readonly timeShares: Moments[];
  private readonly delays = new DelayAccumulator();
  private readonly security: SecurityAccumulator | undefined;
  private totalCycles = 0;
  private degradedRuns = 0;
  private starved = 0;
  private runs = 0;
  private name = '';

  /** `underAttack`: the runs have attacks (their security metrics are summarized too). */
  constructor(
    private readonly config: ResolvedScitConfig,
    underAttack: boolean,
  ) {
    const services = config.services;
    this.degraded = services.map(() => 0);
    this.minLevel = services.map(() => Number.POSITIVE_INFINITY);
    this.cycleShares = services.map(() => new Moments());
    this.timeShares = services.map(() => new Moments());
    this.security = underAttack ? new SecurityAccumulator(config) : undefined;
  }

  add(result: RunDigest): void {
    this.security?.add(result);
    this.delays.add(result);
    this.name = result.strategy;
    this.totalCycles += result.cycles;
    this.runs++;
    let any = false;
    for (let s = 0; s < this.config.services.length; s++) {
      this.degraded[s] += result.degradedCycles[s];
      if (result.degradedCycles[s] > 0) any = true;
      this.minLevel[s] = Math.min(this.minLevel[s], result.minLevels[s]);
      this.cycleShares[s].add(result.cycles === 0 ? 0 : result.degradedCycles[s] / result.cycles);
      this.timeShares[s].add(
        result.observedSeconds === 0 ? 0 : result.belowTargetSeconds[s] / result.observedSeconds,
      );
    }
    if (any) this.degradedRuns++;
    if (result.starvation !== undefined) this.starved++;
  }

  /** The summary of the runs added (`cycles`: the runs' cycle limit, when they had one). */
  summary(cycles?: number): StrategySummary {
    const { services } = this.config;
    const { runs, totalCycles } = this;
    const byName = <T>(values: T[]) => Object.fromEntries(services.map((s, i) => [s.name, values[i]]));
    const delay = this.delays.summary();
    return {
      strategy: this.name,
      runs,
      cyclesPerRun: cycles ?? (runs === 0 ? 0 : totalCycles / runs),
      degradedCycleShare: byName(this.degraded.map((d) => (totalCycles === 0 ? 0 : d / totalCycles))),
      belowTarget: byName(
        services.map((_, s) => ({
          cycleShare: estimate(this.cycleShares[s], undefined, SHARE),
          timeShare: estimate(this.timeShares[s], undefined, SHARE),
        })),
      ),
      degradedRunShare: runs === 0 ? 0 : this.degradedRuns / runs,
      minLevel: byName(this.minLevel),
      delay,
      maxExposureWindowSeconds: longestExposureSeconds(this.config) + delay.maxSeconds,
      waitedSwitchShare: delay.switches === 0 ? 0 : delay.delayedSwitches / delay.switches,
      starvedRuns: this.starved,
      security: this.security?.summary(),
    };
  }
}

/**
 * Runs `seeds` seeds with the policies of `container` (its rotation strategy: a fresh instance per run)
 * and summarizes them.
 */
export function summarizeSeeds(
  container: Container | RunScope,
  config: ResolvedScitConfig,
  options: SummarizeSeedsOptions,
): StrategySummary {
  const summary = new SeedSummaryAccumulator(config, options.attack !== undefined);
  forEachSeedRun(container, config, options, (result, i) => {
    summary.add(result);
    options.onProgress?.(i + 1);
  });
  return summary.summary(options.cycles);
}
