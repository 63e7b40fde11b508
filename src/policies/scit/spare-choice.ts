/**
 * Building blocks for rotation strategies: the redundancy rule and a uniform choice among the live
 * spares whose *host* satisfies a predicate, without scanning all VMs.
 */
import type { RandomStream } from '../../core/random.js';
import type { DistributionView } from '../../entities/scit/distribution-table.js';

/** The part of the table the redundancy rule reads (levels, targets, Active counts). */
export type LevelView = Pick<DistributionView, 'level' | 'target' | 'activeCount'>;

/** Redundancy level of `service` after moving one of its Active VMs from `fromHost` to `toHost`. */
export function levelAfterSwitch(view: LevelView, service: number, fromHost: number, toHost: number): number {
  if (fromHost === toHost) return view.level(service);
  const lost = view.activeCount(service, fromHost) === 1 ? 1 : 0;
  const gained = view.activeCount(service, toHost) === 0 ? 1 : 0;
  return view.level(service) - lost + gained;
}

/**
 * The redundancy-preserving rule: the switch keeps `service` at or above its target (only that
 * service's level can change). If the level is already below target (possible only when a run starts
 * or is pushed there by something else, e.g. an attack), the switch must at least not lower it.
 */
export function keepsTarget(view: LevelView, service: number, fromHost: number, toHost: number): boolean {
  const after = levelAfterSwitch(view, service, fromHost, toHost);
  return after >= view.target(service) || after >= view.level(service);
}

/** Rejection-sampling attempts before falling back to enumerating the hosts that hold spares. */
const SAMPLING_ATTEMPTS = 16;

/**
 * Picks a live spare uniformly at random among those on hosts where `qualifies(host)` holds, or
 * returns -1 if there is none.
 *
 * Cost: first up to 16 draws from the spare pool (expected O(1) when a fair share of spares
 * qualifies); then one pass over the hosts that hold spares (never over all VMs). Both stages are
 * exactly uniform over the qualifying spares, so their mixture is too.
 */
export function chooseSpareWhere(
  view: DistributionView,
  random: RandomStream,
  qualifies: (host: number) => boolean,
): number {
  const total = view.totalSpares;
  if (total === 0) return -1;
  for (let attempt = 0; attempt < SAMPLING_ATTEMPTS; attempt++) {
    const spare = view.spareAt(random.int(0, total - 1));
    if (qualifies(view.hostOf(spare))) return spare;
  }
  let weight = 0;
  const hosts = view.hostsWithSpares;
  for (let i = 0; i < hosts; i++) {
    const host = view.hostWithSpareAt(i);
    if (qualifies(host)) weight += view.spareCount(host);
  }
  if (weight === 0) return -1;
  let pick = random.int(0, weight - 1);
  for (let i = 0; i < hosts; i++) {
    const host = view.hostWithSpareAt(i);
    if (!qualifies(host)) continue;
    const count = view.spareCount(host);
    if (pick < count) return view.spareOnHostAt(host, pick);
    pick -= count;
  }
  return -1;
}
