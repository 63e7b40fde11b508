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

/**
 * Conventional SCIT: the expiring VM is replaced by a live spare chosen uniformly at random (seeded),
 * regardless of where the service's other VMs run. Waits only when there is no live spare at all.
 *
 * Liveness: if at least one VM is offline (total VMs > Σ required), no VM waits forever — every
 * switch sends a VM to cleansing, so while VMs wait a spare appears within G + C, and waiting VMs
 * are served FIFO; the k-th in line waits at most (k + 1)·(G + C).
 */
@injectable()
export class ConventionalRotation implements RotationStrategy, UniformSpareRule {
  readonly name = 'conventional';

  /** Every spare qualifies. */
  qualifies(): boolean {
    return true;
  }

  choose(_request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision {
    const total = view.totalSpares;
    if (total === 0) return waitDecision('no live spare');
    return { kind: 'switch', spare: view.spareAt(random.int(0, total - 1)) };
  }
}
