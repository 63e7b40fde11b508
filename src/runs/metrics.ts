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
  const values: number[] = [];
  writeRunMetricValues(result, exposureSeconds, values, 0);
  return values;
}

/**
 * {@link runMetricValues} written into `out` from index `at` (a sweep writes each run's row straight
 * into its task's Float64Array); returns the number of values written.
 * @internal
 */
export function writeRunMetricValues(
  result: ScitRunResult,
  exposureSeconds: number,
  out: { [index: number]: number },
  at: number,
): number {
  const { extraExposure, cycles } = result;
  const maxDelay = runMaxDelaySeconds(result);
  let i = at;
  out[i++] = cycles;
  out[i++] = result.endTimeSeconds;
  out[i++] = result.degradedCycles.some((n) => n > 0) ? 1 : 0;
  out[i++] = extraExposure.waited;
  out[i++] = extraExposure.switches === 0 ? 0 : extraExposure.waited / extraExposure.switches;
  out[i++] = extraExposure.totalSeconds;
  out[i++] = maxDelay;
  out[i++] = exposureSeconds + maxDelay;
  out[i++] = result.starvation === undefined ? 0 : 1;
  const observed = result.observedSeconds;
  for (let s = 0; s < result.degradedCycles.length; s++) {
    out[i++] = cycles === 0 ? 0 : result.degradedCycles[s] / cycles;
    out[i++] = observed === 0 ? 0 : result.belowTargetSeconds[s] / observed;
    out[i++] = result.minLevels[s];
  }
  const { attack, security } = result;
  if (attack !== undefined && security !== undefined) {
    const window = security.windowSeconds;
    out[i++] = attack.attempts;
    out[i++] = security.escapes;
    out[i++] = attack.defeatedByRotation;
    out[i++] = security.firstFailureSeconds ?? security.endSeconds;
    out[i++] = security.firstFailureSeconds === undefined ? 1 : 0;
    out[i++] = 1 - shareOf(security.systemDownSeconds, window);
    out[i++] = security.systemOutages;
    for (const service of security.services) {
      out[i++] = service.firstFailureSeconds ?? security.endSeconds;
      out[i++] = service.firstFailureSeconds === undefined ? 1 : 0;
      out[i++] = 1 - shareOf(service.downSeconds, window);
      out[i++] = service.outages;
      out[i++] = shareOf(service.belowMinimumSeconds, window);
    }
  }
  return i - at;
}

/** `seconds` as a share of the window (0 for an empty window). */
function shareOf(seconds: number, window: number): number {
  return window === 0 ? 0 : seconds / window;
}
