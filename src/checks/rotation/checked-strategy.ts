/**
 * The strategy under test as the controller of a spec-checker case sees it: {@link CheckedStrategy}
 * passes every request to the real strategy — with a read-only {@link GuardedView} instead of the table —
 * then checks and records the decision: `valid-decision`, `purity`, `progress` and the waits that
 * `liveness` bounds (see `case-run.ts`). {@link CaseState} holds a run's first violation per property and
 * the last decisions, for the trace printed with a counterexample.
 */
import { describeValue } from '../../core/errors.js';
import type { RandomStream } from '../../core/random.js';
import type { Simulation } from '../../core/simulation.js';
import type { ResolvedScitConfig } from '../../entities/scit/config.js';
import type { DistributionTable, DistributionView } from '../../entities/scit/distribution-table.js';
import type {
  RotationStrategy,
  SpareDecision,
  SwitchRequest,
} from '../../entities/scit/rotation-strategy.js';
import type { ScitSystem } from '../../entities/scit/scit-system.js';
import { keepsTarget } from '../../policies/scit/spare-choice.js';
import type { CaseRunSettings, DecisionRecord, SpecProperty, Violation } from './case-run.js';
import { GuardedView, snapshotDifference, viewSnapshot } from './guarded-view.js';

/** Decisions kept for a counterexample's trace. */
export const TRACE_LENGTH = 20;

/** Thrown through the simulation to end a case that cannot go on (an invalid decision, an exception). */
export class CaseAbort extends Error {}

/** "for VM 4 (S1, host 2) at t=360s" */
function describeRequest(config: ResolvedScitConfig, r: RequestCopy): string {
  const name = config.services[r.service]?.name ?? `service ${r.service}`;
  const late = r.now > r.expiredAt ? `, expired at t=${r.expiredAt}s` : '';
  return `for VM ${r.vm} (${name}, host ${r.host}) at t=${r.now}s${late}`;
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return describeValue(error);
}

interface RequestCopy {
  vm: number;
  service: number;
  host: number;
  expiredAt: number;
  now: number;
}

interface Waiter {
  since: number;
  deadline: number;
  position: number;
  service: number;
  host: number;
  serviceSwitches: number;
  switches: number;
}

/** Per-run state shared by the checked strategy and the event hook. */
export class CaseState {
  readonly violations: Partial<Record<SpecProperty, Violation>> = {};
  decisions = 0;
  switches = 0;
  waits = 0;
  risky = 0;
  private readonly ring: DecisionRecord[] = [];
  private ringNext = 0;

  note(property: SpecProperty, message: string): void {
    if (this.violations[property] === undefined)
      this.violations[property] = { message, decisions: this.decisions, trace: this.trace() };
  }

  /** A reusable record for the next decision (the ring keeps the last {@link TRACE_LENGTH}). */
  nextRecord(): DecisionRecord {
    if (this.ring.length < TRACE_LENGTH) {
      const record = {
        number: 0,
        timeSeconds: 0,
        vm: 0,
        service: 0,
        host: 0,
        expiredAtSeconds: 0,
      } as DecisionRecord;
      this.ring.push(record);
      this.ringNext = this.ring.length % TRACE_LENGTH;
      return record;
    }
    const record = this.ring[this.ringNext];
    this.ringNext = (this.ringNext + 1) % TRACE_LENGTH;
    return record;
  }

  /** The recorded decisions, oldest first (copies). */
  trace(): DecisionRecord[] {
    const n = this.ring.length;
    const start = n < TRACE_LENGTH ? 0 : this.ringNext;
    const out: DecisionRecord[] = [];
    for (let i = 0; i < n; i++) {
      const r = this.ring[(start + i) % n];
      const copy: DecisionRecord = { ...r };
      for (const key of ['spare', 'spareHost', 'detail'] as const)
        if (copy[key] === undefined) delete copy[key];
      out.push(copy);
    }
    return out;
  }
}

/**
 * The strategy under test as the controller sees it: every decision goes through here, is checked, and
 * is recorded. Invalid decisions and exceptions end the case (they cannot be applied).
 */
export class CheckedStrategy implements RotationStrategy {
  readonly name: string;
  private system!: ScitSystem;
  private sim!: Simulation;
  private table!: DistributionTable;
  private guard!: GuardedView;
  private vmCount = 0;
  readonly codes: number[] | undefined;
  /** Liveness: VMs waiting for a spare, and the earliest deadline among them. */
  private readonly waiting = new Map<number, Waiter>();
  private earliestDeadline = Number.POSITIVE_INFINITY;
  private serviceSwitches: Int32Array = new Int32Array(0);
  private readonly request: RequestCopy = { vm: 0, service: 0, host: 0, expiredAt: 0, now: 0 };

  constructor(
    private readonly inner: RotationStrategy,
    private readonly state: CaseState,
    private readonly settings: CaseRunSettings,
    private readonly config: ResolvedScitConfig,
  ) {
    this.name = String(inner.name);
    this.codes = settings.recordCodes ? [] : undefined;
  }

  bind(system: ScitSystem, sim: Simulation): void {
    this.system = system;
    this.sim = sim;
    this.table = system.tolerance.table as DistributionTable;
    this.vmCount = system.fleet.size;
    this.serviceSwitches = new Int32Array(this.config.services.length);
    this.guard = new GuardedView(this.table, (call) => {
      this.state.note(
        'purity',
        `strategy "${this.name}" called view.${call} ${describeRequest(this.config, this.request)}: ` +
          'the view is read-only (choose must not change the table)',
      );
      throw new CaseAbort();
    });
  }

  choose(request: SwitchRequest, _view: DistributionView, random: RandomStream): SpareDecision {
    const state = this.state;
    const settings = this.settings;
    const r = this.request;
    r.vm = request.vm;
    r.service = request.service;
    r.host = request.host;
    r.expiredAt = request.expiredAtSeconds;
    r.now = request.nowSeconds;
    const index = state.decisions;
    const checkPurity = settings.purity !== false && settings.checks !== false;
    const before =
      checkPurity && (index < 32 || (index & 63) === 0) ? viewSnapshot(this.guard, this.vmCount) : undefined;
    const heartbeat = settings.heartbeat;
    let decision: unknown;
    heartbeat?.enterChoose(request, index);
    try {
      decision = this.inner.choose(request, this.guard, random);
    } catch (error) {
      heartbeat?.leave();
      if (error instanceof CaseAbort) throw error;
      state.decisions++;
      const detail = describeError(error);
      this.record('threw', undefined, detail, false);
      state.note(
        'valid-decision',
        `strategy "${this.name}": choose threw ${detail} ${describeRequest(this.config, r)}`,
      );
      throw new CaseAbort();
    }
    heartbeat?.leave();
    state.decisions++;
    if (checkPurity) this.checkPurity(request, before);
    const invalid = this.validate(decision);
    if (invalid !== undefined) {
      this.record('invalid', undefined, describeValue(decision), false);
      state.note(
        'valid-decision',
        `strategy "${this.name}": choose returned ${invalid} ${describeRequest(this.config, r)}`,
      );
      throw new CaseAbort();
    }
    const valid = decision as SpareDecision;
    const risky = settings.checks !== false && this.isRisky();
    if (risky) state.risky++;
    if (valid.kind === 'switch') {
      state.switches++;
      this.serviceSwitches[r.service]++;
      this.record('switch', valid.spare, undefined, risky);
      if (settings.live && this.waiting.size > 0) this.stopWaiting(r.vm);
    } else {
      state.waits++;
      this.record('wait', undefined, valid.reason, risky);
      if (settings.progress !== undefined) this.checkProgress(valid.reason);
      if (settings.live && !this.waiting.has(r.vm)) this.startWaiting();
    }
    this.codes?.push(r.now, r.vm, valid.kind === 'switch' ? valid.spare : -1);
    if (state.decisions >= settings.maxDecisions) this.sim.terminate();
    return valid;
  }

  private record(
    outcome: DecisionRecord['outcome'],
    spare: number | undefined,
    detail: string | undefined,
    risky: boolean,
  ): void {
    const rec = this.state.nextRecord();
    const r = this.request;
    rec.number = this.state.decisions;
    rec.timeSeconds = r.now;
    rec.vm = r.vm;
    rec.service = r.service;
    rec.host = r.host;
    rec.expiredAtSeconds = r.expiredAt;
    rec.outcome = outcome;
    rec.spare = spare;
    rec.spareHost = spare === undefined ? undefined : this.table.hostOf(spare);
    rec.detail = detail;
    rec.risky = risky;
  }

  private checkPurity(request: SwitchRequest, before: number[] | undefined): void {
    const r = this.request;
    if (
      request.vm !== r.vm ||
      request.service !== r.service ||
      request.host !== r.host ||
      request.expiredAtSeconds !== r.expiredAt ||
      request.nowSeconds !== r.now
    )
      this.state.note(
        'purity',
        `strategy "${this.name}": choose changed the request ${describeRequest(this.config, r)} to ${describeValue({ ...request })}`,
      );
    if (before !== undefined) {
      const after = viewSnapshot(this.guard, this.vmCount);
      const difference = snapshotDifference(before, after, this.guard, this.vmCount);
      if (difference !== undefined)
        this.state.note(
          'purity',
          `strategy "${this.name}": choose changed the view ${describeRequest(this.config, r)}: ${difference}`,
        );
    }
  }

  /** `undefined` for a valid decision, else what is wrong with it. */
  private validate(decision: unknown): string | undefined {
    if (typeof decision === 'object' && decision !== null) {
      // The common case first, without describing anything.
      const d = decision as { kind?: unknown; spare?: unknown; reason?: unknown };
      if (d.kind === 'switch' && Number.isInteger(d.spare) && this.table.isSpare(d.spare as number))
        return undefined;
      if (d.kind === 'wait' && typeof d.reason === 'string') return undefined;
    }
    const shown = describeValue(decision);
    if (typeof decision !== 'object' || decision === null)
      return `${shown}, not a decision ({kind: 'switch', spare} or {kind: 'wait', reason})`;
    const { kind } = decision as { kind?: unknown };
    if (kind === 'switch') {
      const { spare } = decision as { spare?: unknown };
      if (typeof spare !== 'number')
        return `${shown}: spare must be a number, the id of a live spare (got a ${typeof spare})`;
      if (!Number.isInteger(spare)) return `${shown}: spare must be an integer VM id (got ${spare})`;
      if (spare < 0 || spare >= this.vmCount)
        return `${shown}: there is no VM ${spare} (ids are 0–${this.vmCount - 1})`;
      if (!this.table.isSpare(spare)) {
        const fleet = this.system.fleet;
        const service = fleet.service(spare);
        const of = service >= 0 ? ` of ${this.config.services[service].name}` : '';
        return `${shown}: VM ${spare} is not a live spare (it is ${fleet.state(spare)}${of} on host ${fleet.hostOf(spare)})`;
      }
      return undefined;
    }
    if (kind === 'wait') {
      const { reason } = decision as { reason?: unknown };
      return typeof reason === 'string' ? undefined : `${shown}: a wait needs a reason (a string)`;
    }
    return `${shown}: expected {kind: 'switch', spare} or {kind: 'wait', reason}`;
  }

  /** Some live spare would break a target: the expiring VM is its service's only one on its host, the
   * level is at (or below) target, and a spare sits on another host that already runs the service. */
  private isRisky(): boolean {
    const table = this.table;
    const { service, host } = this.request;
    if (table.activeCount(service, host) !== 1 || table.level(service) > table.target(service)) return false;
    for (let i = 0; i < table.hostsWithSpares; i++) {
      const to = table.hostWithSpareAt(i);
      if (!keepsTarget(table, service, host, to)) return true;
    }
    return false;
  }

  private checkProgress(reason: string): void {
    const table = this.table;
    const { service, host } = this.request;
    const anySpare = this.settings.progress === 'any-spare';
    for (let i = 0; i < table.hostsWithSpares; i++) {
      const to = table.hostWithSpareAt(i);
      if (anySpare || keepsTarget(table, service, host, to)) {
        const spare = table.spareOnHostAt(to, 0);
        const which = anySpare ? 'is a live spare' : 'keeps every target';
        this.state.note(
          'progress',
          `strategy "${this.name}" waited (${JSON.stringify(reason)}) ${describeRequest(this.config, this.request)} ` +
            `although spare ${spare} (host ${to}) ${which}`,
        );
        return;
      }
    }
  }

  private startWaiting(): void {
    const r = this.request;
    const cycle = this.config.graceSeconds + this.config.cleansingSeconds;
    const position = this.waiting.size;
    const deadline = r.expiredAt + (position + 1) * cycle;
    this.waiting.set(r.vm, {
      since: r.expiredAt,
      deadline,
      position,
      service: r.service,
      host: r.host,
      serviceSwitches: this.serviceSwitches[r.service],
      switches: this.state.switches,
    });
    if (deadline < this.earliestDeadline) this.earliestDeadline = deadline;
  }

  private stopWaiting(vm: number): void {
    const waiter = this.waiting.get(vm);
    if (waiter === undefined) return;
    this.waiting.delete(vm);
    if (waiter.deadline <= this.earliestDeadline) {
      let earliest = Number.POSITIVE_INFINITY;
      for (const w of this.waiting.values()) if (w.deadline < earliest) earliest = w.deadline;
      this.earliestDeadline = earliest;
    }
  }

  /** Liveness at time `now`: a waiting VM past its FIFO deadline is a violation. */
  checkDeadlines(now: number): void {
    if (now <= this.earliestDeadline + 1e-6) return;
    for (const [vm, w] of this.waiting) {
      if (now <= w.deadline + 1e-6) continue;
      const name = this.config.services[w.service].name;
      const cycle = this.config.graceSeconds + this.config.cleansingSeconds;
      const others = this.state.switches - w.switches;
      const own = this.serviceSwitches[w.service] - w.serviceSwitches;
      const starving =
        own === 0 && others > 0
          ? `; service ${name} starves: none of its VMs was switched meanwhile, other services were switched ${others} times`
          : '';
      this.state.note(
        'liveness',
        `VM ${vm} (${name}, host ${w.host}) expired at t=${w.since}s and still waits at t=${now}s: ` +
          `beyond the FIFO bound (k + 1)·(G + C) = ${w.position + 1}·${cycle}s for the ${ordinal(w.position + 1)} VM in line${starving}`,
      );
      this.earliestDeadline = Number.POSITIVE_INFINITY; // one report per run is enough
      return;
    }
  }
}

function ordinal(n: number): string {
  const suffix =
    n % 10 === 1 && n % 100 !== 11
      ? 'st'
      : n % 10 === 2 && n % 100 !== 12
        ? 'nd'
        : n % 10 === 3 && n % 100 !== 13
          ? 'rd'
          : 'th';
  return `${n}${suffix}`;
}
