import { injectable } from 'inversify';
import type { RequestRouting } from '../../entities/scit/request-routing.js';

/** The Active VM with the fewest unfinished requests; ties go to the lowest VM id. Stateless. */
@injectable()
export class LeastLoadedRouting implements RequestRouting {
  readonly name = 'least-loaded';

  route(candidates: readonly number[], load: (vm: number) => number): number {
    let best = -1;
    let bestLoad = Number.POSITIVE_INFINITY;
    for (const vm of candidates) {
      const held = load(vm);
      if (held < bestLoad) {
        best = vm;
        bestLoad = held;
      }
    }
    return best;
  }
}
