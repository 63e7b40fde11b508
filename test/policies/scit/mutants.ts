/**
 * Subtly wrong rotation strategies (mutants), each wrong in one situation only, and correct controls.
 * Every mutant names the property that must catch it and the claims it is checked with: the default
 * claim (redundancy) or the claim it breaks (progress, liveness). `mutants.test.ts` runs them.
 *
 * Most mutants are the paper's rule (uniform among the spares that keep every target, else wait) with
 * one deviation, so that everything else about them is right.
 */
import type { Newable } from 'inversify';
import {
  chooseSpareWhere,
  type DistributionTable,
  type DistributionView,
  inject,
  injectable,
  keepsTarget,
  type RandomStream,
  type RotationStrategy,
  type RotationView,
  SIMULATION,
  type Simulation,
  type SpareDecision,
  type SwitchRequest,
} from 'scitsim';
import type { RotationClaims, ScitCase, SpecProperty } from 'scitsim/checks';

/** The paper's rule: a uniform spare among those that keep every target, else wait. */
function paperRule(request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision {
  const { service, host } = request;
  const spare = chooseSpareWhere(view, random, (to) => keepsTarget(view, service, host, to));
  return spare < 0 ? { kind: 'wait', reason: 'no spare keeps the targets' } : { kind: 'switch', spare };
}

/** The conventional rule: any live spare, uniformly. */
function anySpare(view: DistributionView, random: RandomStream): SpareDecision {
  if (view.totalSpares === 0) return { kind: 'wait', reason: 'no live spare' };
  return { kind: 'switch', spare: view.spareAt(random.int(0, view.totalSpares - 1)) };
}

/** Like the paper's rule, but wrong (conventional) whenever `wrongWhen` holds. */
abstract class WrongSometimes implements RotationStrategy {
  abstract readonly name: string;
  protected abstract wrongWhen(request: SwitchRequest, view: RotationView): boolean;
  choose(request: SwitchRequest, view: RotationView, random: RandomStream): SpareDecision {
    return this.wrongWhen(request, view) ? anySpare(view, random) : paperRule(request, view, random);
  }
}

/** Wrong only on the paper's system: 3 hosts, Web 6 and DNS 2 Active. */
export class WrongOnPaperSystem extends WrongSometimes {
  readonly name = 'wrong-on-paper-system';
  protected wrongWhen(_r: SwitchRequest, view: DistributionView): boolean {
    return (
      view.hostCount === 3 &&
      view.serviceCount === 2 &&
      view.activeTotal(0) === 6 &&
      view.activeTotal(1) === 2
    );
  }
}

/**
 * Wrong only on uneven hosts: the paper's rule, but it works out a VM's host from its id as if every host
 * held vmCount / hostCount VMs (VMs are numbered host by host) instead of asking `view.hostOf`. Right on
 * any system whose hosts are all the same size (and full); on uneven hosts it judges spares on the wrong
 * hosts.
 */
export class AssumesEvenHosts implements RotationStrategy {
  readonly name = 'assumes-even-hosts';
  choose(request: SwitchRequest, view: RotationView, random: RandomStream): SpareDecision {
    const perHost = view.vmCount / view.hostCount;
    const hostOf = (vm: number) => Math.min(view.hostCount - 1, Math.floor(vm / perHost));
    const from = hostOf(request.vm);
    const ok: number[] = [];
    for (let i = 0; i < view.totalSpares; i++) {
      const spare = view.spareAt(i);
      if (keepsTarget(view, request.service, from, hostOf(spare))) ok.push(spare);
    }
    if (ok.length === 0) return { kind: 'wait', reason: 'no spare keeps the targets' };
    return { kind: 'switch', spare: ok[random.int(0, ok.length - 1)] };
  }
}

/** Wrong only with 13 hosts or more. */
export class WrongWithManyHosts extends WrongSometimes {
  readonly name = 'wrong-with-13-hosts';
  protected wrongWhen(_r: SwitchRequest, view: DistributionView): boolean {
    return view.hostCount >= 13;
  }
}

/** Wrong only with 5 services or more. */
export class WrongWithManyServices extends WrongSometimes {
  readonly name = 'wrong-with-5-services';
  protected wrongWhen(_r: SwitchRequest, view: DistributionView): boolean {
    return view.serviceCount >= 5;
  }
}

/** Wrong only after a simulated day. */
export class WrongAfterADay extends WrongSometimes {
  readonly name = 'wrong-after-a-day';
  protected wrongWhen(request: SwitchRequest): boolean {
    return request.nowSeconds > 86_400;
  }
}

/**
 * Wrong only when another Active VM is due to expire within 10 s after the decision: it reads the view's
 * times (what a look-ahead strategy reads), and is right whenever no expiry is that close.
 */
export class WrongBeforeAnExpiry extends WrongSometimes {
  readonly name = 'wrong-before-an-expiry';
  protected wrongWhen(request: SwitchRequest, view: RotationView): boolean {
    const now = view.nowSeconds;
    for (let vm = 0; vm < view.vmCount; vm++) {
      if (vm === request.vm || view.stateOf(vm) !== 'active') continue;
      const expiry = view.stateEndsAtSeconds(vm);
      if (expiry > now && expiry <= now + 10) return true;
    }
    return false;
  }
}

/** Off by one: accepts a level one below the target. */
export class OffByOneTarget implements RotationStrategy {
  readonly name = 'off-by-one-target';
  choose(request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision {
    const { service, host } = request;
    const spare = chooseSpareWhere(view, random, (to) => {
      const lost = to !== host && view.activeCount(service, host) === 1 ? 1 : 0;
      const gained = to !== host && view.activeCount(service, to) === 0 ? 1 : 0;
      return view.level(service) - lost + gained >= view.target(service) - 1;
    });
    return spare < 0 ? { kind: 'wait', reason: 'none' } : { kind: 'switch', spare };
  }
}

/** Forgets that leaving a host where the service runs once lowers the level. */
export class ForgetsTheLoss implements RotationStrategy {
  readonly name = 'forgets-the-loss';
  choose(request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision {
    const { service } = request;
    const spare = chooseSpareWhere(view, random, (to) => {
      const gained = view.activeCount(service, to) === 0 ? 1 : 0;
      return view.level(service) + gained >= view.target(service);
    });
    return spare < 0 ? { kind: 'wait', reason: 'none' } : { kind: 'switch', spare };
  }
}

/** Throws on its instance's 1000th call. */
export class ThrowsOnThousandthCall implements RotationStrategy {
  readonly name = 'throws-on-1000th-call';
  private calls = 0;
  choose(request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision {
    if (++this.calls === 1000) throw new Error('internal buffer full');
    return paperRule(request, view, random);
  }
}

/** Picks among the qualifying spares with Math.random instead of the stream it is given. */
export class UsesMathRandom implements RotationStrategy {
  readonly name = 'uses-math-random';
  choose(request: SwitchRequest, view: DistributionView): SpareDecision {
    const qualifying: number[] = [];
    for (let i = 0; i < view.totalSpares; i++) {
      const spare = view.spareAt(i);
      if (keepsTarget(view, request.service, request.host, view.hostOf(spare))) qualifying.push(spare);
    }
    if (qualifying.length === 0) return { kind: 'wait', reason: 'none' };
    return { kind: 'switch', spare: qualifying[Math.floor(Math.random() * qualifying.length)] };
  }
}

/** Hidden per-instance state: every other call it takes the first qualifying spare instead of a random one. */
/** State kept outside any instance (what a module-level cache does): shared by every run in the process. */
const moduleState = { odd: false };

/** Alternates between two rules on a module-level toggle: each run depends on the runs before it. */
export class AlternatesAcrossInstances implements RotationStrategy {
  readonly name = 'alternates-across-instances';
  choose(request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision {
    moduleState.odd = !moduleState.odd;
    if (!moduleState.odd) return paperRule(request, view, random);
    for (let i = 0; i < view.totalSpares; i++) {
      const spare = view.spareAt(i);
      if (keepsTarget(view, request.service, request.host, view.hostOf(spare)))
        return { kind: 'switch', spare };
    }
    return { kind: 'wait', reason: 'none' };
  }
}

/** Never rotates: waits every time. */
export class NeverRotates implements RotationStrategy {
  readonly name = 'never-rotates';
  choose(): SpareDecision {
    return { kind: 'wait', reason: 'rotation paused' };
  }
}

/** Reserve-aware, except that it never replaces the first service's VMs. */
export class StarvesFirstService implements RotationStrategy {
  readonly name = 'starves-first-service';
  choose(request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision {
    if (request.service === 0 && view.serviceCount > 1) return { kind: 'wait', reason: 'low priority' };
    const { service, host } = request;
    const spare = chooseSpareWhere(
      view,
      random,
      (to) => to === host || (view.offlineCount(to) >= 2 && keepsTarget(view, service, host, to)),
    );
    return spare < 0 ? { kind: 'wait', reason: 'none' } : { kind: 'switch', spare };
  }
}

/** Over-strict, claiming progress: counts a move to a host without the service as no gain. */
export class OverStrictClaimingProgress implements RotationStrategy {
  readonly name = 'over-strict-claiming-progress';
  choose(request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision {
    const { service, host } = request;
    const spare = chooseSpareWhere(view, random, (to) => {
      const lost = to !== host && view.activeCount(service, host) === 1 ? 1 : 0;
      return view.level(service) - lost >= view.target(service);
    });
    return spare < 0 ? { kind: 'wait', reason: 'none' } : { kind: 'switch', spare };
  }
}

/** Returns the spare's id as a string when the spare is on another host. */
export class ReturnsStringId implements RotationStrategy {
  readonly name = 'returns-string-id';
  choose(request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision {
    const d = paperRule(request, view, random);
    if (d.kind === 'switch' && view.hostOf(d.spare) !== request.host)
      return { kind: 'switch', spare: String(d.spare) as unknown as number };
    return d;
  }
}

/** Returns a fractional id (an averaging bug) when two spares qualify on one host. */
export class ReturnsFractionalId implements RotationStrategy {
  readonly name = 'returns-fractional-id';
  choose(request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision {
    const d = paperRule(request, view, random);
    if (d.kind === 'switch') {
      const host = view.hostOf(d.spare);
      if (view.spareCount(host) >= 2)
        return {
          kind: 'switch',
          spare: (view.spareOnHostAt(host, 0) + view.spareOnHostAt(host, 1)) / 2 + 0.25,
        };
    }
    return d;
  }
}

/** Off by one in the pool index: sometimes reads the slot past the last live spare. */
export class ReadsPastThePool implements RotationStrategy {
  readonly name = 'reads-past-the-pool';
  choose(_request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision {
    if (view.totalSpares === 0) return { kind: 'wait', reason: 'no live spare' };
    return { kind: 'switch', spare: view.spareAt(random.int(0, view.totalSpares)) };
  }
}

/** Misspells the kind when the spare is on the expiring VM's own host. */
export class MisspelledKind implements RotationStrategy {
  readonly name = 'misspelled-kind';
  choose(request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision {
    const d = paperRule(request, view, random);
    if (d.kind === 'switch' && view.hostOf(d.spare) === request.host)
      return { kind: 'Switch', spare: d.spare } as unknown as SpareDecision;
    return d;
  }
}

/** Waits without giving a reason when nothing qualifies. */
export class WaitsWithoutReason implements RotationStrategy {
  readonly name = 'waits-without-reason';
  choose(request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision {
    const d = paperRule(request, view, random);
    return d.kind === 'wait' ? ({ kind: 'wait' } as unknown as SpareDecision) : d;
  }
}

/** "Reserves" a spare on another host by removing it from the table through a cast. */
export class MutatesTheView implements RotationStrategy {
  readonly name = 'mutates-the-view';
  choose(request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision {
    const d = paperRule(request, view, random);
    if (d.kind === 'switch' && view.hostOf(d.spare) !== request.host)
      (view as DistributionTable).removeSpare(d.spare);
    return d;
  }
}

/** Rewrites the request's host to the spare's (to "remember" the move). */
export class MutatesTheRequest implements RotationStrategy {
  readonly name = 'mutates-the-request';
  choose(request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision {
    const d = paperRule(request, view, random);
    if (d.kind === 'switch') (request as { host: number }).host = view.hostOf(d.spare);
    return d;
  }
}

/** Its constructor needs something it does not get. */
export class ThrowsInConstructor implements RotationStrategy {
  readonly name = 'throws-in-constructor';
  constructor() {
    throw new Error('missing configuration: rotation.weights');
  }
  choose(): SpareDecision {
    return { kind: 'wait', reason: 'never constructed' };
  }
}

/** Lowers every target to 1 on systems of five hosts or more, through the table it reaches by a cast. */
export class LowersTargetsOnBigSystems implements RotationStrategy {
  readonly name = 'lowers-targets-on-big-systems';
  choose(request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision {
    if (view.hostCount >= 5) (view as unknown as { targets: Int32Array }).targets.fill(1);
    return paperRule(request, view, random);
  }
}

/** Counts its attempts on the request object and gives up on the paper rule after the second. */
export class CountsAttemptsOnRequest implements RotationStrategy {
  readonly name = 'counts-attempts-on-request';
  choose(request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision {
    const r = request as SwitchRequest & { attempts?: number };
    r.attempts = (r.attempts ?? 0) + 1;
    return r.attempts > 2 ? anySpare(view, random) : paperRule(request, view, random);
  }
}

/** Wrong (conventional) once the run's simulated clock passes an hour: it injects the run's simulation. */
@injectable()
export class WrongAfterAnHourOnTheClock implements RotationStrategy {
  readonly name = 'wrong-after-an-hour-on-the-clock';
  constructor(@inject(SIMULATION) private readonly sim: Simulation) {}
  choose(request: SwitchRequest, view: DistributionView, random: RandomStream): SpareDecision {
    return this.sim.now > 3600 ? anySpare(view, random) : paperRule(request, view, random);
  }
}

/** A mutant: how to make it, what it claims, the property that must catch it and what it must say. */
export interface Mutant {
  /** The class, built by the checker in a run scope of the composition root (as a production run). */
  strategy: Newable<RotationStrategy>;
  claims: RotationClaims;
  caughtBy: SpecProperty;
  violation: RegExp;
  /** What the counterexample must be (where the mutant is wrong), when that is narrower than any case. */
  counterexample?: { readonly what: string; readonly holds: (c: ScitCase) => boolean };
}

const REDUNDANCY: RotationClaims = { preservesRedundancy: true };

export const MUTANTS: readonly Mutant[] = [
  {
    strategy: WrongOnPaperSystem,
    claims: REDUNDANCY,
    caughtBy: 'redundancy',
    violation: /^service (Web|DNS): level \d+ < target \d+/,
  },
  {
    strategy: AssumesEvenHosts,
    claims: REDUNDANCY,
    caughtBy: 'redundancy',
    violation: /level \d+ < target \d+/,
    // Right on every even system (the fixed cases run first and pass): caught on a generated uneven one.
    counterexample: {
      what: 'a system of uneven hosts',
      holds: (c) => {
        const slots = typeof c.config.hosts === 'number' ? [] : c.config.hosts.map((h) => h.vms);
        return c.name === undefined && slots.some((n) => n !== slots[0]);
      },
    },
  },
  {
    strategy: WrongWithManyHosts,
    claims: REDUNDANCY,
    caughtBy: 'redundancy',
    violation: /level \d+ < target \d+/,
  },
  {
    strategy: WrongWithManyServices,
    claims: REDUNDANCY,
    caughtBy: 'redundancy',
    violation: /level \d+ < target \d+/,
  },
  {
    strategy: WrongAfterADay,
    claims: REDUNDANCY,
    caughtBy: 'redundancy',
    violation: /level \d+ < target \d+ at t=(8[6-9]|9\d|1\d\d)\d{3}/,
  },
  {
    strategy: WrongBeforeAnExpiry,
    claims: REDUNDANCY,
    caughtBy: 'redundancy',
    violation: /level \d+ < target \d+/,
  },
  {
    strategy: OffByOneTarget,
    claims: REDUNDANCY,
    caughtBy: 'redundancy',
    violation: /level \d+ < target \d+/,
  },
  {
    strategy: ForgetsTheLoss,
    claims: REDUNDANCY,
    caughtBy: 'redundancy',
    violation: /level \d+ < target \d+/,
  },
  {
    strategy: ThrowsOnThousandthCall,
    claims: REDUNDANCY,
    caughtBy: 'valid-decision',
    violation: /choose threw Error: internal buffer full for VM \d+/,
  },
  {
    strategy: UsesMathRandom,
    claims: REDUNDANCY,
    caughtBy: 'determinism',
    violation: /the same case run twice gave different decisions/,
  },
  {
    strategy: AlternatesAcrossInstances,
    claims: REDUNDANCY,
    caughtBy: 'determinism',
    violation: /the same case run twice gave different decisions/,
  },
  {
    strategy: NeverRotates,
    claims: { ...REDUNDANCY, progress: true },
    caughtBy: 'progress',
    violation: /waited \("rotation paused"\) .* although spare \d+/,
  },
  {
    strategy: StarvesFirstService,
    claims: { ...REDUNDANCY, liveWhen: 'every-host-offline' },
    caughtBy: 'liveness',
    violation: /still waits .* beyond the FIFO bound/,
  },
  {
    strategy: OverStrictClaimingProgress,
    claims: { ...REDUNDANCY, progress: true },
    caughtBy: 'progress',
    violation: /waited .* although spare \d+ \(host \d+\) keeps every target/,
  },
  {
    strategy: ReturnsStringId,
    claims: REDUNDANCY,
    caughtBy: 'valid-decision',
    violation: /spare must be a number, the id of a live spare \(got a string\)/,
  },
  {
    strategy: ReturnsFractionalId,
    claims: REDUNDANCY,
    caughtBy: 'valid-decision',
    violation: /spare must be an integer VM id \(got \d+\.\d+\)/,
  },
  {
    strategy: ReadsPastThePool,
    claims: { preservesRedundancy: false },
    caughtBy: 'valid-decision',
    violation: /is not a live spare|there is no VM|got a undefined/,
  },
  {
    strategy: MisspelledKind,
    claims: REDUNDANCY,
    caughtBy: 'valid-decision',
    violation: /"kind":"Switch".*expected \{kind: 'switch', spare\} or \{kind: 'wait', reason\}/,
  },
  {
    strategy: WaitsWithoutReason,
    claims: REDUNDANCY,
    caughtBy: 'valid-decision',
    violation: /a wait needs a reason/,
  },
  {
    strategy: MutatesTheView,
    claims: REDUNDANCY,
    caughtBy: 'purity',
    violation:
      /tried to change a read-only object \(TypeError: Cannot call removeSpare: the view is read-only/,
  },
  {
    strategy: MutatesTheRequest,
    claims: REDUNDANCY,
    caughtBy: 'purity',
    violation: /tried to change a read-only object \(TypeError: Cannot assign to read only property 'host'/,
  },
  {
    strategy: ThrowsInConstructor,
    claims: REDUNDANCY,
    caughtBy: 'valid-decision',
    violation: /could not be constructed: Error: missing configuration/,
  },
  {
    strategy: LowersTargetsOnBigSystems,
    claims: REDUNDANCY,
    caughtBy: 'purity',
    violation:
      /tried to change a read-only object \(TypeError: Cannot reach targets: the table's state is not part of the read-only view/,
  },
  {
    strategy: CountsAttemptsOnRequest,
    claims: REDUNDANCY,
    caughtBy: 'purity',
    violation:
      /tried to change a read-only object \(TypeError: Cannot add property attempts, object is not extensible/,
  },
  {
    strategy: WrongAfterAnHourOnTheClock,
    claims: REDUNDANCY,
    caughtBy: 'redundancy',
    violation: /level \d+ < target \d+ at t=(3[6-9]\d\d|[4-9]\d{3}|\d{5,})/,
  },
];
