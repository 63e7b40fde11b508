import { injectable } from 'inversify';
import type { RandomStream } from '../../core/random.js';
import {
  type RotationStrategy,
  type RotationView,
  type SpareDecision,
  type SwitchRequest,
  waitDecision,
} from '../../entities/scit/rotation-strategy.js';
import { chooseSpareWhere, keepsTarget, type LevelView } from './spare-choice.js';

/** Upcoming expiries looked at per decision (the cost bound of the look-ahead). */
const LOOK_AHEAD_EXPIRIES = 4;

/**
 * Beyond the paper, using the view's times: redundancy-preserving rotation that looks ahead to the next
 * expiries. Among the spares that keep every target it prefers those whose host leaves the fewest of
 * the next expiring Active VMs without a target-keeping spare; uniform among equally good ones.
 *
 * The look-ahead, per candidate host: apply the switch to a copy of the counts, then take the Active VMs
 * due to expire before the next Cleansing VM becomes a live spare (no spare can appear before then; the
 * VM being replaced is cleansed after all of them) — at most {@link LOOK_AHEAD_EXPIRIES}, earliest first,
 * VMs already waiting first — and give each in turn a spare that keeps its service's target (one on its
 * own host first, which changes no level); each that finds none counts as a predicted wait.
 *
 * Why: the paper's strategy takes any target-keeping spare, and sometimes the one it takes was the only
 * one the next expiring VM could have used, so that VM waits a whole cleansing. Seeing the expiries
 * (`stateEndsAtSeconds`) avoids taking it when another target-keeping spare exists.
 *
 * Guarantees: only spares that keep every target qualify and it waits only when none does, so it keeps
 * redundancy and makes progress exactly like the paper's strategy (claims checked by the spec checker);
 * like it, it can starve in configurations the starvation analysis reports. Its rule depends on time,
 * so it declares no `UniformSpareRule` and the exact chain does not apply to it.
 *
 * Cost per decision: one pass over the VMs (to find the next expiries), then O(H_s² · k) for the H_s
 * hosts holding spares and k ≤ 4 look-ahead expiries.
 */
@injectable()
export class LookAheadRotation implements RotationStrategy {
  readonly name = 'look-ahead';

  choose(request: SwitchRequest, view: RotationView, random: RandomStream): SpareDecision {
    if (view.totalSpares === 0) return waitDecision('no live spare');
    const { service, host } = request;
    const candidates: number[] = [];
    for (let i = 0; i < view.hostsWithSpares; i++) {
      const to = view.hostWithSpareAt(i);
      if (keepsTarget(view, service, host, to)) candidates.push(to);
    }
    if (candidates.length === 0)
      return waitDecision(`no live spare keeps service ${service} at its target level`);
    // One candidate host: nothing to weigh (and no pass over the VMs).
    let chosen = candidates;
    if (candidates.length > 1) {
      const upcoming = nextExpiries(view, request.vm);
      if (upcoming.length > 0) {
        const waits = candidates.map((to) => predictedWaits(view, service, host, to, upcoming));
        const best = Math.min(...waits);
        chosen = candidates.filter((_, i) => waits[i] === best);
      }
    }
    const spare = chooseSpareWhere(view, random, (to) => chosen.includes(to));
    return spare < 0 ? waitDecision('no live spare keeps every target') : { kind: 'switch', spare };
  }
}

/** One upcoming expiry: the VM's service and host. */
interface Upcoming {
  readonly service: number;
  readonly host: number;
  readonly at: number;
}

/**
 * The Active VMs (other than `except`) due to expire before the next live spare appears, earliest first
 * (waiting VMs, whose expiry has passed, come first), at most {@link LOOK_AHEAD_EXPIRIES}.
 */
function nextExpiries(view: RotationView, except: number): Upcoming[] {
  let horizon = Number.POSITIVE_INFINITY;
  // The earliest LOOK_AHEAD_EXPIRIES Active VMs, kept sorted by insertion (no array of every VM).
  const found: Upcoming[] = [];
  for (let vm = 0; vm < view.vmCount; vm++) {
    const state = view.stateOf(vm);
    if (state === 'cleansing') {
      horizon = Math.min(horizon, view.stateEndsAtSeconds(vm));
      continue;
    }
    if (state !== 'active' || vm === except) continue;
    const at = view.stateEndsAtSeconds(vm);
    if (found.length === LOOK_AHEAD_EXPIRIES && at >= found[found.length - 1].at) continue;
    // VMs due at the same time keep id order (a later id goes after its equals).
    let i = found.length;
    while (i > 0 && found[i - 1].at > at) i--;
    found.splice(i, 0, { service: view.serviceOf(vm), host: view.hostOf(vm), at });
    if (found.length > LOOK_AHEAD_EXPIRIES) found.pop();
  }
  return found.filter((u) => u.at < horizon);
}

/**
 * How many of `upcoming` would find no target-keeping spare after the switch of `service` from `from`
 * to a spare on `to`, each taking one in turn (on its own host first).
 */
function predictedWaits(
  view: RotationView,
  service: number,
  from: number,
  to: number,
  upcoming: readonly Upcoming[],
): number {
  const table = new CountsAfter(view);
  table.move(service, from, to);
  let waits = 0;
  for (const u of upcoming) {
    let spareHost = -1;
    if (table.spares(u.host) > 0) spareHost = u.host;
    else
      for (let i = 0; i < view.hostsWithSpares && spareHost < 0; i++) {
        const h = view.hostWithSpareAt(i);
        if (table.spares(h) > 0 && keepsTarget(table, u.service, u.host, h)) spareHost = h;
      }
    if (spareHost < 0) waits++;
    else table.move(u.service, u.host, spareHost);
  }
  return waits;
}

/** The view's Active counts, levels and spares per host after a few hypothetical switches (a small overlay). */
class CountsAfter implements LevelView {
  /** Changed cells: key `service * hostCount + host` (Active counts) or `-1 - host` (spares), and the change. */
  private readonly keys: number[] = [];
  private readonly deltas: number[] = [];
  private readonly levelDelta = new Map<number, number>();

  constructor(private readonly view: RotationView) {}

  activeCount(service: number, host: number): number {
    return this.view.activeCount(service, host) + this.delta(service * this.view.hostCount + host);
  }
  level(service: number): number {
    return this.view.level(service) + (this.levelDelta.get(service) ?? 0);
  }
  target(service: number): number {
    return this.view.target(service);
  }
  spares(host: number): number {
    return this.view.spareCount(host) + this.delta(-1 - host);
  }

  /** One Active VM of `service` moves from `from` to a spare on `to`. */
  move(service: number, from: number, to: number): void {
    this.add(-1 - to, -1);
    if (from === to) return;
    if (this.activeCount(service, from) === 1) this.addLevel(service, -1);
    if (this.activeCount(service, to) === 0) this.addLevel(service, 1);
    const hosts = this.view.hostCount;
    this.add(service * hosts + from, -1);
    this.add(service * hosts + to, 1);
  }

  private delta(key: number): number {
    const at = this.keys.indexOf(key);
    return at < 0 ? 0 : this.deltas[at];
  }
  private add(key: number, change: number): void {
    const at = this.keys.indexOf(key);
    if (at < 0) {
      this.keys.push(key);
      this.deltas.push(change);
    } else this.deltas[at] += change;
  }
  private addLevel(service: number, change: number): void {
    this.levelDelta.set(service, (this.levelDelta.get(service) ?? 0) + change);
  }
}
