import { injectable } from 'inversify';
import type { RandomStream } from '../../core/random.js';
import type { RequestRouting } from '../../entities/scit/request-routing.js';

/**
 * Round robin per service: the Active VM with the next higher id than the one this service's last
 * request went to, wrapping around to the lowest. Rotation changes the Active VMs, so "next" is by id,
 * not by position in a list that changes. Keeps one VM id per service: one instance per run.
 */
@injectable()
export class RoundRobinRouting implements RequestRouting {
  readonly name = 'round-robin';
  private readonly last: number[] = [];

  route(
    candidates: readonly number[],
    _load: (vm: number) => number,
    _random: RandomStream,
    service = 0,
  ): number {
    if (candidates.length === 0) return -1;
    const previous = this.last[service] ?? -1;
    let chosen = candidates[0];
    for (const vm of candidates) {
      if (vm > previous) {
        chosen = vm;
        break;
      }
    }
    this.last[service] = chosen;
    return chosen;
  }
}
