/**
 * The spec checker's option bounds and liveness condition names, in a module of their own: the
 * command's options name them without loading the checker (fast-check, the runs).
 */

/** Named liveness conditions (what `--live-when` accepts). */
export type LiveCondition = 'any-offline' | 'every-host-offline';

/** The {@link LiveCondition}s, in the order `LIVE_CONDITIONS` holds them. */
export const LIVE_CONDITION_NAMES = [
  'any-offline',
  'every-host-offline',
] as const satisfies readonly LiveCondition[];

/** Bounds of the options, checked up front. */
export const SPEC_CHECK_LIMITS = {
  /** Cases per property. At up to 20,000 decisions per case that is at most 10^9 decisions. */
  maxRuns: 50_000,
  /** Cases per property with `long` (each up to 200,000 decisions). */
  maxLongRuns: 5_000,
  /** Default cap of decisions per case (a case stops there). */
  decisionsPerCase: 20_000,
  /** Cap of decisions per case with `long`. */
  longDecisionsPerCase: 200_000,
  /** Largest accepted decision cap. */
  maxDecisionsPerCase: 10_000_000,
} as const;
