/**
 * The metrics of one SCIT run as a flat, named row of numbers: what a sweep writes per run
 * (`runs.csv`) and summarizes per cell and strategy with 95% confidence intervals (`summary.csv`).
 * Column order is fixed by the configuration (its services) and whether attacks ran.
 */
import type { ResolvedScitConfig } from '../../entities/scit/config.js';
import type { ScitRunResult } from './run.js';

/** Metric names of a run of `config`, in row order. Per-service metrics are prefixed `<service>.`. */
export function runMetricNames(config: ResolvedScitConfig, attacked: boolean): string[] {
  const names = [
    'cycles',
    'endTimeSeconds',
    'degradedRun',
    'waitedSwitches',
    'waitedSwitchShare',
    'extraExposureMeanSeconds',
    'extraExposureMaxSeconds',
    'starved',
  ];
  for (const { name } of config.services)
    names.push(`${name}.degradedCycleShare`, `${name}.minLevel`, `${name}.minimumViolations`);
  if (attacked) {
    names.push('attackAttempts', 'attackEscapes', 'attackDefeatedByRotation');
    for (const { name } of config.services)
      names.push(`${name}.downShare`, `${name}.outages`, `${name}.singleEscapeOutages`);
  }
  return names;
}

/** The values of {@link runMetricNames} for `result`. */
export function runMetricValues(result: ScitRunResult): number[] {
  const { extraExposure, cycles } = result;
  let waitedMax = extraExposure.maxSeconds;
  for (const waiting of result.waitingAtEnd)
    if (waiting.waitedSeconds > waitedMax) waitedMax = waiting.waitedSeconds;
  const values = [
    cycles,
    result.endTimeSeconds,
    result.degradedCycles.some((n) => n > 0) ? 1 : 0,
    extraExposure.waited,
    extraExposure.switches === 0 ? 0 : extraExposure.waited / extraExposure.switches,
    extraExposure.switches === 0 ? 0 : extraExposure.totalSeconds / extraExposure.switches,
    waitedMax,
    result.starvation === undefined ? 0 : 1,
  ];
  result.degradedCycles.forEach((degraded, s) => {
    values.push(cycles === 0 ? 0 : degraded / cycles, result.minLevels[s], result.minimumViolations[s]);
  });
  const attack = result.attack;
  if (attack !== undefined) {
    values.push(attack.attempts, attack.escapes, attack.defeatedByRotation);
    for (const outage of attack.perService)
      values.push(
        attack.observedSeconds === 0 ? 0 : outage.downSeconds / attack.observedSeconds,
        outage.outages,
        outage.singleEscapeOutages,
      );
  }
  return values;
}
