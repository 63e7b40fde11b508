/**
 * The rotation-strategy contract: given an expiring Active VM and the distribution table, choose the
 * live spare that replaces it, or decide that it waits. Strategies return decisions as values; the
 * tolerance controller applies them. Concrete strategies live in `src/policies/scit` and are chosen by
 * binding {@link ROTATION_STRATEGY}; the controllers never look at which one is bound.
 */

import type { ServiceIdentifier } from 'inversify';
import { token } from '../../core/di.js';
import type { RandomStream } from '../../core/random.js';
import type { RunScope } from '../../core/run-scope.js';
import { currentWatch, watched } from '../../core/watch.js';
import type { DistributionView } from './distribution-table.js';
import { StrategyError } from './strategy-error.js';
import type { TimeView } from './vm-times.js';

/**
 * An Active VM whose exposure time has expired and that needs a replacement. Every decision gets a new
 * frozen request (see `strategy-view.ts`): it cannot be changed, nor carry anything to a later decision.
 */
export interface SwitchRequest {
  readonly vm: number;
  readonly service: number;
  readonly host: number;
  /** When its exposure window ended (seconds). */
  readonly expiredAtSeconds: number;
  /** Current simulated time (≥ expiredAtSeconds when the VM has been waiting). */
  readonly nowSeconds: number;
}

/**
 * What a strategy is handed: the distribution table ({@link DistributionView}) and what the controller
 * knows about time ({@link TimeView}: now, each VM's state, its entry time and scheduled end — for an
 * Active VM its expiry — and each host's last cleansing). Read-only and frozen (see `strategy-view.ts`).
 */
export interface RotationView extends DistributionView, TimeView {}

/** A strategy's answer. */
export type SpareDecision =
  | { readonly kind: 'switch'; readonly spare: number }
  | { readonly kind: 'wait'; readonly reason: string };

/**
 * Chooses replacements for expiring VMs.
 *
 * Contract (checked by `checkRotationInvariants` and `scitsim check`): `choose` returns `{ kind:
 * 'switch', spare }` with the integer id of a VM that is a live spare in `view` at the time of the
 * call, or `{ kind: 'wait', reason }` (only these fields are read, once, right after the call); it
 * changes neither the request nor the view (both are frozen); all randomness comes from `random` (the
 * run's `scit.rotation` stream) or from named streams of the run's simulation (inject `SIMULATION`),
 * and no state carries over between runs, so the same case gives the same decisions; and it returns
 * promptly. A strategy may be called again for the same VM later (waiting VMs are reconsidered FIFO
 * whenever a spare becomes ready).
 */
export interface RotationStrategy {
  /** Short name used in outputs (e.g. `conventional`). */
  readonly name: string;
  choose(request: SwitchRequest, view: RotationView, random: RandomStream): SpareDecision;
}

/** DI token of the rotation strategy. Rebind it to run your own: `container.rebind(ROTATION_STRATEGY).to(Mine)`. */
export const ROTATION_STRATEGY: ServiceIdentifier<RotationStrategy> =
  token<RotationStrategy>('scit.RotationStrategy');

/** A decision to wait, with its reason. */
export function waitDecision(reason: string): SpareDecision {
  return { kind: 'wait', reason };
}

/**
 * A strategy that replaces an expiring VM by a live spare drawn uniformly among the spares on the hosts
 * that {@link qualifies} accepts, and waits when there is none. Declaring the rule lets analytic tools
 * (the exact Markov chain, `exactSummary`) compute what the strategy does without sampling it. The
 * built-in strategies all implement it; `choose` must agree with it.
 */
export interface UniformSpareRule {
  /** Whether a live spare on `toHost` may replace `request`'s VM, given the current table. Pure. */
  qualifies(request: SwitchRequest, view: DistributionView, toHost: number): boolean;
}

/** True if `strategy` declares its rule (see {@link UniformSpareRule}). */
export function hasUniformSpareRule(
  strategy: RotationStrategy,
): strategy is RotationStrategy & UniformSpareRule {
  return typeof (strategy as Partial<UniformSpareRule>).qualifies === 'function';
}

/**
 * Told about every decision, in every run (the spec checker checks decisions through it, a watchdog
 * watches for a strategy that never returns). `enter` comes right before `choose`; `leave` after the
 * decision's fields were read and validated, with the decision (a copy) or the strategy's failure.
 */
export interface DecisionObserver {
  enter(request: SwitchRequest): void;
  /** `choose` returned; its decision's fields are read next (still inside the window). */
  returned?(request: SwitchRequest): void;
  leave(request: SwitchRequest, outcome: SpareDecision | StrategyError): void;
}

export { StrategyError, type StrategyFailure } from './strategy-error.js';

/**
 * The run's rotation strategy, built in `scope` (so an injected `SIMULATION` is the run's) while the
 * current watch, if any, is told: a constructor that never returns is reported like a decision.
 */
export function resolveRotationStrategy(scope: Pick<RunScope, 'get'>): RotationStrategy {
  return watched('constructor', 'the rotation strategy', () => {
    const strategy = scope.get(ROTATION_STRATEGY);
    // Its name (possibly a getter: user code) is read inside the window too, for the watch's reports.
    const watch = currentWatch();
    if (watch?.named !== undefined) watch.named(String(strategy.name));
    return strategy;
  });
}

/** The decision observer of the current watch, combined with `own` (either may be absent). */
export function runDecisionObserver(own?: DecisionObserver): DecisionObserver | undefined {
  const watching = currentWatch()?.decisions as DecisionObserver | undefined;
  if (watching === undefined) return own;
  if (own === undefined) return watching;
  return {
    enter(request) {
      own.enter(request);
      watching.enter(request);
    },
    returned(request) {
      own.returned?.(request);
      watching.returned?.(request);
    },
    leave(request, outcome) {
      watching.leave(request, outcome);
      own.leave(request, outcome);
    },
  };
}
