/**
 * The rotation-strategy contract: given an expiring Active VM and the distribution table, choose the
 * live spare that replaces it, or decide that it waits. Strategies return decisions as values; the
 * tolerance controller applies them. Concrete strategies live in `src/policies/scit` and are chosen by
 * binding {@link ROTATION_STRATEGY}; the controllers never look at which one is bound.
 */
import type { ServiceIdentifier } from 'inversify';
import { token } from '../../core/di.js';
import type { RandomStream } from '../../core/random.js';
import type { DistributionView } from './distribution-table.js';

/**
 * An Active VM whose exposure time has expired and that needs a replacement. The controller refills one
 * request object for every decision (no allocation per switch): copy the fields you want to keep.
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

/** A strategy's answer. */
export type SpareDecision =
  | { readonly kind: 'switch'; readonly spare: number }
  | { readonly kind: 'wait'; readonly reason: string };

/**
 * Chooses replacements for expiring VMs.
 *
 * Contract (checked by `checkRotationInvariants` and `scitsim check`): `choose` returns `{ kind:
 * 'switch', spare }` with the integer id of a VM that is a live spare in `view` at the time of the
 * call, or `{ kind: 'wait', reason }`; it changes neither the request nor the view; all randomness
 * comes from `random` (the run's `scit.rotation` stream) and no state carries over between runs, so
 * the same case gives the same decisions; and it returns promptly. A strategy may be called again for
 * the same VM later (waiting VMs are reconsidered FIFO whenever a spare becomes ready).
 */
export interface RotationStrategy {
  /** Short name used in outputs (e.g. `conventional`). */
  readonly name: string;
  choose(request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision;
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
