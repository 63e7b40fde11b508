/**
 * Your rotation strategy: a small variant of the paper's (redundancy-preserving). When a VM's exposure
 * ends, it prefers a spare on another host that keeps every service at its target level (moving the
 * service off the host it was exposed on); otherwise any spare that keeps the targets; otherwise it
 * waits. `npm test` runs the spec checker on it: `npx scitsim check strategy.ts`.
 */
import {
  chooseSpareWhere,
  type DistributionView,
  injectable,
  keepsTarget,
  type RandomStream,
  type RotationStrategy,
  type SpareDecision,
  type SwitchRequest,
} from 'scitsim';

@injectable()
export class MoveAwayRotation implements RotationStrategy {
  readonly name = 'move-away';

  choose(request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision {
    const { service, host } = request;
    const keeps = (to: number) => keepsTarget(view, service, host, to);
    const elsewhere = chooseSpareWhere(view, random, (to) => to !== host && keeps(to));
    if (elsewhere >= 0) return { kind: 'switch', spare: elsewhere };
    const any = chooseSpareWhere(view, random, keeps);
    return any >= 0 ? { kind: 'switch', spare: any } : { kind: 'wait', reason: 'no spare keeps the targets' };
  }
}
