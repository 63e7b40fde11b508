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
 * Runs `seeds` seeds with the policies of `container` (its rotation strategy: a fresh instance per run)
 * and summarizes them.
 */
export function summarizeSeeds(
  container: Container | RunScope,
  config: ResolvedScitConfig,
  options: SummarizeSeedsOptions,
): StrategySummary {
  const scope = RunScope.of(container);
  const services = config.services;
  const degraded = services.map(() => 0);
  const minLevel = services.map(() => Number.POSITIVE_INFINITY);
  const cycleShares = services.map(() => new Moments());
  const timeShares = services.map(() => new Moments());
  const delays = new DelayAccumulator();
  const security = options.attack === undefined ? undefined : new SecurityAccumulator(config);
  let totalCycles = 0;
  let degradedRuns = 0;
  let starved = 0;
  let name = '';
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
  for (let i = 0; i < options.seeds; i++) {
    const result = runCheckedScit(scope, config, runOptions(firstSeed + i));
    security?.add(result);
    delays.add(result);
    name = result.strategy;
    totalCycles += result.cycles;
    let any = false;
    services.forEach((_, s) => {
      degraded[s] += result.degradedCycles[s];
      if (result.degradedCycles[s] > 0) any = true;
      minLevel[s] = Math.min(minLevel[s], result.minLevels[s]);
      cycleShares[s].add(result.cycles === 0 ? 0 : result.degradedCycles[s] / result.cycles);
      timeShares[s].add(
        result.observedSeconds === 0 ? 0 : result.belowTargetSeconds[s] / result.observedSeconds,
      );
    });
    if (any) degradedRuns++;
    if (result.starvation !== undefined) starved++;
    options.onProgress?.(i + 1);
  }
  const byName = <T>(values: T[]) => Object.fromEntries(services.map((s, i) => [s.name, values[i]]));
  const delay = delays.summary();
  return {
    strategy: name,
    runs: options.seeds,
    cyclesPerRun: options.cycles ?? (options.seeds === 0 ? 0 : totalCycles / options.seeds),
    degradedCycleShare: byName(degraded.map((d) => (totalCycles === 0 ? 0 : d / totalCycles))),
    belowTarget: byName(
      services.map((_, s) => ({
        cycleShare: estimate(cycleShares[s], undefined, SHARE),
        timeShare: estimate(timeShares[s], undefined, SHARE),
      })),
    ),
    degradedRunShare: options.seeds === 0 ? 0 : degradedRuns / options.seeds,
    minLevel: byName(minLevel),
    delay,
    maxExposureWindowSeconds: longestExposureSeconds(config) + delay.maxSeconds,
    waitedSwitchShare: delay.switches === 0 ? 0 : delay.delayedSwitches / delay.switches,
    starvedRuns: starved,
    security: security?.summary(),
  };
}
