/**
 * Many-seed summary of one strategy: share of cycles below target per service, share of runs with any
 * degradation, and the extra exposure that waiting cost. Requests are off here (they never influence
 * rotation decisions), which keeps 2 × 1000 runs well under a second.
 */
import type { ResolvedScitConfig } from '../../entities/scit/config.js';
import type { RotationStrategy } from '../../entities/scit/rotation-strategy.js';
import type { Vm } from '../../entities/vm.js';
import { runScit } from './run.js';
import { type Spread, spread } from './stats.js';

export interface SweepOptions {
  /** Number of seeds (runs). */
  seeds: number;
  /** Seeds are firstSeed, firstSeed + 1, … (default 1). */
  firstSeed?: number;
  /** Clock cycles per run. */
  cycles: number;
  /** Cloud VMs behind the SCIT VMs (see `ScitRunOptions.cloudVms`). */
  cloudVms?: readonly Vm[];
  /** Called after each run with the number of runs done. */
  onProgress?: (done: number) => void;
}

/** What the experiment reports per strategy. */
export interface StrategySummary {
  strategy: string;
  runs: number;
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
}

/** Runs `seeds` seeds of one strategy (a fresh strategy object per run) and summarizes them. */
export function summarizeSeeds(
  config: ResolvedScitConfig,
  makeStrategy: () => RotationStrategy,
  options: SweepOptions,
): StrategySummary {
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
  const firstSeed = options.firstSeed ?? 1;
  for (let i = 0; i < options.seeds; i++) {
    const result = runScit(config, makeStrategy(), {
      seed: firstSeed + i,
      maxCycles: options.cycles,
      cloudVms: options.cloudVms,
    });
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
    cyclesPerRun: options.cycles,
    degradedCycleShare: byName(degraded.map((d) => (totalCycles === 0 ? 0 : d / totalCycles))),
    degradedRunShare: options.seeds === 0 ? 0 : degradedRuns / options.seeds,
    minLevel: byName(minLevel),
    extraExposureSeconds: spread(extra),
    waitedSwitchShare: extra.length === 0 ? 0 : waited / extra.length,
    starvedRuns: starved,
    minimumViolations,
  };
}
