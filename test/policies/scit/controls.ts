/**
 * Correct strategies beyond the built-ins, for the spec checker's tests: they must pass everything they
 * claim. (`SpreadFirstRotation` in examples/scit/custom-strategy.ts is another.)
 */
import type { RandomStream } from '../../../src/core/random.js';
import type { DistributionView } from '../../../src/entities/scit/distribution-table.js';
import type {
  RotationStrategy,
  SpareDecision,
  SwitchRequest,
} from '../../../src/entities/scit/rotation-strategy.js';

/**
 * Over-strict but allowed by the spec: only ever replaces a VM on its own host (so it never changes a
 * level, and never claims progress: it waits while spares on other hosts would do).
 */
export class SameHostOnly implements RotationStrategy {
  readonly name = 'same-host-only';
  choose(request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision {
    const count = view.spareCount(request.host);
    if (count === 0) return { kind: 'wait', reason: 'no spare on the own host' };
    return { kind: 'switch', spare: view.spareOnHostAt(request.host, random.int(0, count - 1)) };
  }
}
