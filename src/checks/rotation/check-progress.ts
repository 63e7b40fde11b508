/**
 * What the spec checker tells a watchdog and a progress display in another thread besides decisions and
 * constructions (which go to the current watch, `core/watch.ts`, as in every run): when a case starts
 * (what a report of a strategy that never returns names) and how many cases are done.
 */
export interface CheckHeartbeat {
  /** A case starts; `caseJson` is the case as JSON (what a timeout report prints). */
  caseStarted(caseJson: string): void;
  /** Progress of the check: `done` of `total` cases of the property `stage`. */
  progress(stage: string, done: number, total: number): void;
}
