import { injectable } from 'inversify';
import type { RandomStream } from '../../core/random.js';
import type { DistributionView } from '../../entities/scit/distribution-table.js';
import {
  type RotationStrategy,
  type SpareDecision,
  type SwitchRequest,
  type UniformSpareRule,
  waitDecision,
} from '../../entities/scit/rotation-strategy.js';
import { chooseSpareWhere, keepsTarget } from './spare-choice.js';

/**
 * The paper's strategy: only live spares whose switch keeps every service at or above its target
 * level qualify; among them one is chosen uniformly at random (seeded), so it differs from
 * {@link ConventionalRotation} only by the filter. If none qualifies the expired VM waits (still
 * Active); waiting VMs are reconsidered FIFO whenever a spare becomes ready.
 *
 * Which spares qualify: moving a VM of service s from host h to host h' changes only L_s. It stays
 * ≥ T_s when h' = h, when h keeps another Active VM of s, when L_s > T_s, or when h' has no Active VM
 * of s. Qualification therefore depends on the destination host only.
 *
 * Liveness: NOT guaranteed in general. A host can fill up with Active VMs (cross-host switches move
 * online VMs onto it); if one of them is the only VM of a service at its target and every host without
 * that service lacks spares, it can wait indefinitely. The controller reports such runs (deadlock or
 * starvation) instead of hanging; {@link ReserveAwareRotation} adds the rule that makes it live.
 */
@injectable()
export class RedundancyPreservingRotation implements RotationStrategy, UniformSpareRule {
  readonly name = 'redundancy-preserving';
  // The current decision's inputs, read by `qualifiesNow` (one predicate made once, not one closure per call).
  private view: DistributionView | undefined;
  private service = -1;
  private host = -1;
  private readonly qualifiesNow = (to: number): boolean =>
    keepsTarget(this.view as DistributionView, this.service, this.host, to);

  /** A spare on `toHost` qualifies if the switch keeps every service at (or above) its target. */
  qualifies(request: SwitchRequest, view: DistributionView, toHost: number): boolean {
    return keepsTarget(view, request.service, request.host, toHost);
  }

  choose(request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision {
    if (view.totalSpares === 0) return waitDecision('no live spare');
    const { service, host } = request;
    this.view = view;
    this.service = service;
    this.host = host;
    const spare = chooseSpareWhere(view, random, this.qualifiesNow);
    return spare < 0
      ? waitDecision(`no live spare keeps service ${service} at its target level`)
      : { kind: 'switch', spare };
  }
}
