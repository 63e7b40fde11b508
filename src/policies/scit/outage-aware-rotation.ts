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

/** Relative tolerance under which two risk scores count as equal (ties are broken uniformly). */
const TIE = 1e-9;

/**
 * Beyond the paper: redundancy-preserving rotation that, among the spares keeping every target, prefers
 * (1) a spare whose host keeps an offline VM after the switch (its own host always does: the expired VM
 * is cleansed there), then (2) the switch that leaves the lowest *outage risk*; uniform among equally
 * good ones. (1) avoids waits: a host without an offline VM cannot replace its own VMs that may not
 * leave it (the only VM of a service at target on that host), which is where the paper strategy waits.
 *
 * Why: an attack targets a random Active VM, so a host is hit in proportion to the Active VMs it runs,
 * and service s is down only while every host that runs it is compromised. For rare, short compromises
 * the rate of that is roughly proportional to Π over s's hosts of (Active VMs on h / all Active VMs).
 * The risk score is the sum of that product over services: it is dominated by the services on the
 * fewest hosts (e.g. DNS on 2 hosts) and is lowest when their hosts carry few other Active VMs. The
 * score uses only the distribution table (no attack parameters); where every product underflows (very
 * many hosts) all spares tie and it chooses exactly like the paper's strategy.
 *
 * Guarantees: only spares that keep every target qualify and it waits only when none does, so it keeps
 * redundancy and makes progress exactly like {@link RedundancyPreservingRotation} (claims checked by the
 * spec checker); like it, it can starve in configurations the starvation analysis reports.
 *
 * Cost per decision: O(S·H) for the services' products, then O(S) per host holding spares.
 *
 * Measured at the paper preset (`examples/scit/outage-aware.ts`): under attack it delays 0.09% of
 * switches against 0.26% (CIs apart), its longest exposure window is 210 s against 240 s and it has
 * fewer outages per escape; its MTTSF is higher but within the 95% CI. In 30-cycle runs it delays a
 * similar share of switches, never longer than 15 s, but more runs have one such delay.
 */
@injectable()
export class OutageAwareRotation implements RotationStrategy, UniformSpareRule {
  readonly name = 'outage-aware';

  /**
   * A spare on `toHost` qualifies if its switch keeps every target and no other target-keeping spare's
   * host gives a lower risk score (pure: recomputes the best score from the table).
   */
  qualifies(request: SwitchRequest, view: DistributionView, toHost: number): boolean {
    const { service, host } = request;
    if (!keepsTarget(view, service, host, toHost)) return false;
    const risk = new RiskScore(view, service, host);
    const best = bestChoice(view, risk, service, host);
    return isBest(view, risk, host, toHost, best);
  }

  choose(request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision {
    if (view.totalSpares === 0) return waitDecision('no live spare');
    const { service, host } = request;
    const risk = new RiskScore(view, service, host);
    const best = bestChoice(view, risk, service, host);
    if (!Number.isFinite(best.risk))
      return waitDecision(`no live spare keeps service ${service} at its target level`);
    const spare = chooseSpareWhere(
      view,
      random,
      (to) => keepsTarget(view, service, host, to) && isBest(view, risk, host, to, best),
    );
    return spare < 0 ? waitDecision('no live spare keeps every target') : { kind: 'switch', spare };
  }
}

/** The best (reserve tier, risk score) over the hosts holding a spare that keeps every target. */
interface Best {
  tier: number;
  risk: number;
}

/**
 * 0 when a switch to `to` leaves `to` an offline VM (a same-host switch, or `to` has two or more), else
 * 1: taking a host's last offline VM leaves it nothing to replace its own expiring VMs with soon.
 */
function reserveTier(view: DistributionView, from: number, to: number): number {
  return to === from || view.offlineCount(to) >= 2 ? 0 : 1;
}

/** Lowest tier, then lowest risk in it, over the target-keeping spares' hosts (risk ∞ when none). */
function bestChoice(view: DistributionView, risk: RiskScore, service: number, host: number): Best {
  const best: Best = { tier: 2, risk: Number.POSITIVE_INFINITY };
  for (let i = 0; i < view.hostsWithSpares; i++) {
    const to = view.hostWithSpareAt(i);
    if (!keepsTarget(view, service, host, to)) continue;
    const tier = reserveTier(view, host, to);
    const score = risk.after(to);
    if (tier < best.tier || (tier === best.tier && score < best.risk)) {
      best.tier = tier;
      best.risk = score;
    }
  }
  return best;
}

/** Whether a (target-keeping) switch to `to` is as good as `best`, within the tie tolerance. */
function isBest(view: DistributionView, risk: RiskScore, from: number, to: number, best: Best): boolean {
  return reserveTier(view, from, to) === best.tier && risk.after(to) <= best.risk * (1 + TIE);
}

/**
 * The risk score Σ_s Π_{h runs s} (a_h / N) of the table after moving one Active VM of `service` from
 * `from` to a candidate host (a_h: Active VMs on h, N: all Active VMs, unchanged by a switch).
 */
class RiskScore {
  /** Active VMs per host, as fractions of all Active VMs. */
  private readonly share: Float64Array;
  /** Per service: the product over its hosts of `share`. */
  private readonly product: Float64Array;
  private readonly unit: number;

  constructor(
    private readonly view: DistributionView,
    private readonly service: number,
    private readonly from: number,
  ) {
    const { hostCount, serviceCount } = view;
    let total = 0;
    for (let s = 0; s < serviceCount; s++) total += view.activeTotal(s);
    this.unit = total === 0 ? 0 : 1 / total;
    this.share = new Float64Array(hostCount);
    for (let h = 0; h < hostCount; h++) {
      let active = 0;
      for (let s = 0; s < serviceCount; s++) active += view.activeCount(s, h);
      this.share[h] = active * this.unit;
    }
    this.product = new Float64Array(serviceCount);
    for (let s = 0; s < serviceCount; s++) {
      let p = 1;
      for (let h = 0; h < hostCount; h++) if (view.activeCount(s, h) > 0) p *= this.share[h];
      this.product[s] = p;
    }
  }

  /** The score after the switch to `to`. */
  after(to: number): number {
    const { view, service, from, unit, share, product } = this;
    let sum = 0;
    for (let s = 0; s < view.serviceCount; s++) {
      if (to === from || (view.activeCount(s, from) === 0 && view.activeCount(s, to) === 0)) {
        sum += product[s];
        continue;
      }
      // Recompute only the two factors that change: hosts `from` (one Active VM fewer) and `to` (one more).
      let p = product[s];
      const onFrom = view.activeCount(s, from) - (s === service ? 1 : 0);
      const onTo = view.activeCount(s, to) + (s === service ? 1 : 0);
      if (view.activeCount(s, from) > 0) p /= share[from];
      if (view.activeCount(s, to) > 0) p /= share[to];
      if (onFrom > 0) p *= share[from] - unit;
      if (onTo > 0) p *= share[to] + unit;
      sum += p;
    }
    return sum;
  }
}
