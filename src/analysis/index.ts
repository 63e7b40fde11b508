/**
 * `scitsim/analysis`: statistics (confidence intervals, spreads, survival), the exact rotation chain,
 * and the security CTMCs (the static and rotating mean time to security failure).
 *
 * @packageDocumentation
 * @module scitsim/analysis
 */

// Mean time to security failure: the static CTMC and the rotating chain.
export {
  type AveragedRotatingMttsf,
  averagedRotatingMttsf,
  effectiveExposureSeconds,
  landingSchedule,
  ROTATING_CHAIN_MAX_STATES,
  type RotatingChainOptions,
  type RotatingMttsf,
  type RotationPhase,
  rotatingMttsf,
  rotationSchedule,
  type StageExtrapolatedMttsf,
  stageExtrapolatedMttsf,
} from './ctmc/rotating-chain.js';
export {
  STATIC_CTMC_MAX_STATES,
  type StaticMttsf,
  type StaticTruncation,
  staticMttsf,
  truncationCheck,
} from './ctmc/static-ctmc.js';

// The exact rotation chain: a strategy's redundancy over cycles, without sampling.
export { type ExactSummary, exactSummary } from './exact-chain.js';

// Statistics: means with Student-t intervals, ratios, spreads, and survival with censoring.
export {
  type Estimate,
  estimate,
  estimateOf,
  inRange,
  Moments,
  NON_NEGATIVE,
  type Range,
  ratioEstimate,
  SHARE,
  tQuantile,
} from './stats/interval.js';
export { type Spread, spread } from './stats/spread.js';
export {
  type CensoredTime,
  CensoredTimes,
  kaplanMeier,
  type MeanTimeEstimate,
  meanTimeToEvent,
} from './stats/survival.js';
