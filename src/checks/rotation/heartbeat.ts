/**
 * A cheap signal of what the spec checker is doing, for a watchdog in another thread: the checker calls
 * it before and after every `choose` (and every construction of the strategy), when a case starts, and
 * as cases complete. The command's worker host implements it over a SharedArrayBuffer
 * (`src/experiments/spec-check/heartbeat.ts`); in-thread checks need none.
 */
import type { SwitchRequest } from '../../entities/scit/rotation-strategy.js';

export interface DecisionHeartbeat {
  /** A case starts; `caseJson` is the case as JSON (what a timeout report prints). */
  caseStarted(caseJson: string): void;
  /** `choose` is about to be called for the `decision`-th decision (0-based) of the current case. */
  enterChoose(request: SwitchRequest, decision: number): void;
  /** The strategy's constructor (or factory) is about to run. */
  enterConstructor(): void;
  /** `choose` or the constructor returned (or threw). */
  leave(): void;
  /** Progress of the check: `done` of `total` cases of the property `stage`. */
  progress(stage: string, done: number, total: number): void;
}
