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
 * Beyond the paper: redundancy-preserving rotation that also keeps one offline VM in reserve on every
 * host. A spare on another host h' qualifies only if it keeps every service at target AND h' keeps at
 * least one other offline (Cleansing or LiveSpare) VM; a spare on the expiring VM's own host always
 * qualifies. Uniform among qualifying spares, like the others.
 *
 * Liveness (argued here, checked by the spec checker's `liveness` property): if every host starts with at
 * least one offline VM, every host keeps one forever (a same-host switch keeps the host's offline
 * count, a cross-host switch needs two there); so a waiting VM's own host always has a spare or one
 * due within G + C, and own-host spares always qualify. Served FIFO, the k-th waiting VM waits at
 * most (k + 1)·(G + C). Redundancy is preserved exactly as by the paper's strategy.
 */
@injectable()
export class ReserveAwareRotation implements RotationStrategy, UniformSpareRule {
  readonly name = 'reserve-aware';

  /** Own-host spares always qualify; another host's if it keeps a reserve and every target. */
  qualifies(request: SwitchRequest, view: DistributionView, toHost: number): boolean {
    const { service, host } = request;
    return toHost === host || (view.offlineCount(toHost) >= 2 && keepsTarget(view, service, host, toHost));
  }

  choose(request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision {
    if (view.totalSpares === 0) return waitDecision('no live spare');
    const spare = chooseSpareWhere(view, random, (to) => this.qualifies(request, view, to));
    return spare < 0
      ? waitDecision('no live spare keeps the targets and a host reserve')
      : { kind: 'switch', spare };
  }
}
