import { injectable } from 'inversify';
import type { RandomStream } from '../../core/random.js';
import type { RequestRouting } from '../../entities/scit/request-routing.js';

/**
 * An Active VM drawn uniformly at random (from the run's seeded routing stream), whatever its load:
 * the routing of the processor-sharing check (Bernoulli splitting makes each VM an M/G/1 queue of
 * its own). Stateless.
 */
@injectable()
export class RandomRouting implements RequestRouting {
  readonly name = 'random';

  route(candidates: readonly number[], _load: (vm: number) => number, random: RandomStream): number {
    return candidates.length === 0 ? -1 : candidates[random.int(0, candidates.length - 1)];
  }
}
