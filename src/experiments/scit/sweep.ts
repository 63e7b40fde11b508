/**
 * Many-seed summary of one strategy: share of cycles below target per service, share of runs with any
 * degradation, and the extra exposure that waiting cost. Requests are off here (they never influence
 * rotation decisions), which keeps 2 × 1000 runs well under a second.
 */
import type { Container } from 'inversify';
import type { ResolvedScitConfig } from '../../entities/scit/config.js';
import type { Vm } from '../../entities/vm.js';
import { RunScope } from '../container.js';
import { type Spread, spread } from '../stats/spread.js';
import { runScit } from './run.js';

export interface SweepOptions {
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
  /** Runs in which any service was below target after any cycle. */
  degradedRunShare: number;
  /** Per service name: lowest level seen in any run. */
  minLevel: Record<string, number>;
  /** Extra exposure over all switches of all runs (seconds beyond E; 0 when a spare was ready). */
  extraExposureSeconds: Spread;
  /** Switches whose VM had to wait. */
  waitedSwitchShare: number;
  /** Runs stopped by detected starvation or deadlock. */
  starvedRuns: number;
  /** Switches after which some service's Active VMs were below its minimum guarantee. */
  minimumViolations: number;
  /** Under VM-escape attacks (when enabled). */
  attack?: AttackSummary;
}

/** Service availability under VM-escape attacks, over all runs. */
export interface AttackSummary {
  /** Per service name: down time / observed time. */
  downShare: Record<string, number>;
  /** Per service name: runs with at least one outage. */
  runsWithOutageShare: Record<string, number>;
  /** Per service name: outages that a single escape caused (one host compromised). */
  singleEscapeOutages: Record<string, number>;
  escapes: number;
  defeatedByRotation: number;
}

/**
 * Runs `seeds` seeds with the policies of `container` (its rotation strategy: a fresh instance per run)
 * and summarizes them.
 */
export function summarizeSeeds(
  container: Container | RunScope,
  config: ResolvedScitConfig,
  options: SweepOptions,
): StrategySummary {
  const scope = RunScope.of(container);
  const services = config.services;
  const degraded = services.map(() => 0);
  const minLevel = services.map(() => Number.POSITIVE_INFINITY);
  const extra: number[] = [];
  let totalCycles = 0;
  let degradedRuns = 0;
  let waited = 0;
  let starved = 0;
  let minimumViolations = 0;
  let name = '';
  const down = services.map(() => 0);
  const runsWithOutage = services.map(() => 0);
  const singleEscape = services.map(() => 0);
  let observed = 0;
  let escapes = 0;
  let defeated = 0;
  const firstSeed = options.firstSeed ?? 1;
  for (let i = 0; i < options.seeds; i++) {
    const result = runScit(scope, config, {
      seed: firstSeed + i,
      maxCycles: options.cycles,
      horizonSeconds: options.horizonSeconds,
      cloudVms: options.cloudVms,
      attack: options.attack,
    });
    if (result.attack !== undefined) {
      observed += result.attack.observedSeconds;
      escapes += result.attack.escapes;
      defeated += result.attack.defeatedByRotation;
      result.attack.perService.forEach((outage, s) => {
        down[s] += outage.downSeconds;
        if (outage.outages > 0) runsWithOutage[s]++;
        singleEscape[s] += outage.singleEscapeOutages;
      });
    }
    name = result.strategy;
    totalCycles += result.cycles;
    let any = false;
    services.forEach((_, s) => {
      degraded[s] += result.degradedCycles[s];
      if (result.degradedCycles[s] > 0) any = true;
      minLevel[s] = Math.min(minLevel[s], result.minLevels[s]);
      minimumViolations += result.minimumViolations[s];
    });
    if (any) degradedRuns++;
    for (const seconds of result.extraExposureSeconds) {
      extra.push(seconds);
      if (seconds > 0) waited++;
    }
    for (const w of result.waitingAtEnd) extra.push(w.waitedSeconds);
    if (result.starvation !== undefined) starved++;
    options.onProgress?.(i + 1);
  }
  const byName = (values: number[]) => Object.fromEntries(services.map((s, i) => [s.name, values[i]]));
  return {
    strategy: name,
    runs: options.seeds,
    cyclesPerRun: options.cycles ?? (options.seeds === 0 ? 0 : totalCycles / options.seeds),
    degradedCycleShare: byName(degraded.map((d) => (totalCycles === 0 ? 0 : d / totalCycles))),
    degradedRunShare: options.seeds === 0 ? 0 : degradedRuns / options.seeds,
    minLevel: byName(minLevel),
    extraExposureSeconds: spread(extra),
    waitedSwitchShare: extra.length === 0 ? 0 : waited / extra.length,
    starvedRuns: starved,
    minimumViolations,
    attack:
      options.attack === undefined
        ? undefined
        : {
            downShare: byName(down.map((d) => (observed === 0 ? 0 : d / observed))),
            runsWithOutageShare: byName(
              runsWithOutage.map((n) => (options.seeds === 0 ? 0 : n / options.seeds)),
            ),
            singleEscapeOutages: byName(singleEscape),
            escapes,
            defeatedByRotation: defeated,
          },
  };
}
