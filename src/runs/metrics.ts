/**
 * The metrics of one SCIT run as a flat, named row of numbers: what a sweep writes per run
 * (`runs.csv`) and summarizes per cell and strategy with 95% confidence intervals (`summary.csv`).
 * Column order is fixed by the configuration (its services) and whether attacks ran.
 *
 * Delays: a switch is *delayed* when its expired VM had to wait for a spare; `delaySecondsTotal /
 * delayedSwitches` over runs is the mean delay given a delay. Under attack, `timeToFailureSeconds` is
 * the first security failure, or the end of the run when there was none (`failureCensored` = 1). Each
 * run keeps its raw time and flag here; a summary never averages them naively: it uses the survival
 * estimator of `meanTimeToEvent` (the sweep's `summary.csv`, the security summaries), which says when
 * its value is only a lower bound.
 */
import { NON_NEGATIVE, type Range, SHARE } from '../analysis/stats/interval.js';
import type { ResolvedScitConfig } from '../entities/scit/config.js';
import type { ScitRunResult } from './scit-run.js';

/** Metric names of a run of `config`, in row order. Per-service metrics are prefixed `<service>.`. */
export function runMetricNames(config: ResolvedScitConfig, attacked: boolean): string[] {
  const names = [
    'cycles',
    'endTimeSeconds',
    'degradedRun',
    'delayedSwitches',
    'delayProbability',
    'delaySecondsTotal',
    'delayMaxSeconds',
    'maxExposureWindowSeconds',
    'starved',
  ];
  for (const { name } of config.services)
    names.push(`${name}.degradedCycleShare`, `${name}.belowTargetTimeShare`, `${name}.minLevel`);
  if (attacked) {
    names.push(
      'attackAttempts',
      'attackEscapes',
      'attackDefeatedByRotation',
      'timeToFailureSeconds',
      'failureCensored',
      'availability',
      'outages',
    );
    for (const { name } of config.services)
      names.push(
        `${name}.timeToFailureSeconds`,
        `${name}.failureCensored`,
        `${name}.availability`,
        `${name}.outages`,
        `${name}.belowMinimumShare`,
      );
  }
  return names;
}

/** Metrics that are shares of a whole (0 … 1); every other metric is a time, a count or a level (≥ 0). */
const SHARE_METRICS =
  /(^|\.)(degradedRun|delayProbability|degradedCycleShare|belowTargetTimeShare|failureCensored|availability|belowMinimumShare)$/;

/** The values metric `name` can take: its summary's interval stays inside them. */
export function runMetricRange(name: string): Range {
  return SHARE_METRICS.test(name) ? SHARE : NON_NEGATIVE;
}

/** The longest delay of a run: of its switches, and of the VMs still waiting when it ended. */
export function runMaxDelaySeconds(result: Pick<ScitRunResult, 'extraExposure' | 'waitingAtEnd'>): number {
  let max = result.extraExposure.maxSeconds;
  for (const waiting of result.waitingAtEnd) if (waiting.waitedSeconds > max) max = waiting.waitedSeconds;
  return max;
}

/** The values of {@link runMetricNames} for `result` (`exposureSeconds`: the longest E_s, for the exposure window). */
export function runMetricValues(result: ScitRunResult, exposureSeconds: number): number[] {
  const { extraExposure, cycles } = result;
  const maxDelay = runMaxDelaySeconds(result);
  const values = [
    cycles,
    result.endTimeSeconds,
    result.degradedCycles.some((n) => n > 0) ? 1 : 0,
    extraExposure.waited,
    extraExposure.switches === 0 ? 0 : extraExposure.waited / extraExposure.switches,
    extraExposure.totalSeconds,
    maxDelay,
    exposureSeconds + maxDelay,
    result.starvation === undefined ? 0 : 1,
  ];
  const observed = result.observedSeconds;
  result.degradedCycles.forEach((degraded, s) => {
    values.push(
      cycles === 0 ? 0 : degraded / cycles,
      observed === 0 ? 0 : result.belowTargetSeconds[s] / observed,
      result.minLevels[s],
    );
  });
  const { attack, security } = result;
  if (attack !== undefined && security !== undefined) {
    const window = security.windowSeconds;
    const share = (seconds: number) => (window === 0 ? 0 : seconds / window);
    values.push(
      attack.attempts,
      security.escapes,
      attack.defeatedByRotation,
      security.firstFailureSeconds ?? security.endSeconds,
      security.firstFailureSeconds === undefined ? 1 : 0,
      1 - share(security.systemDownSeconds),
      security.systemOutages,
    );
    for (const service of security.services)
      values.push(
        service.firstFailureSeconds ?? security.endSeconds,
        service.firstFailureSeconds === undefined ? 1 : 0,
        1 - share(service.downSeconds),
        service.outages,
        share(service.belowMinimumSeconds),
      );
  }
  return values;
}
