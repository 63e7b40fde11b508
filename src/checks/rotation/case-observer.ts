/**
 * How a spec-checker case watches the strategy under test: a {@link CaseObserver} is the
 * `DecisionObserver` of the case's SCIT system, told by the tolerance controller before and after every
 * decision — the very calls a production run makes, with the same frozen view and request, and the
 * decision copied and validated by the same code. It checks and records each decision: `purity`,
 * `progress`, the waits that `liveness` bounds, and a failed decision (`valid-decision`, or `purity`
 * for a write to the read-only view or request). {@link CaseState} holds a run's first violation per
 * property and the last decisions, for the trace printed with a counterexample.
 */
import type { Simulation } from '../../core/simulation.js';
import type { ResolvedScitConfig } from '../../entities/scit/config.js';
import type { DistributionTable } from '../../entities/scit/distribution-table.js';
import {
  type DecisionObserver,
  type SpareDecision,
  StrategyError,
  type SwitchRequest,
} from '../../entities/scit/rotation-strategy.js';
import type { ScitSystem } from '../../entities/scit/scit-system.js';
import type { StrategyView } from '../../entities/scit/strategy-view.js';
import { describeRequest } from '../../entities/scit/tolerance-controller.js';
import { keepsTarget } from '../../policies/scit/spare-choice.js';
import type { CaseRunSettings, DecisionRecord, SpecProperty, Violation } from './case-run.js';
import { snapshotDifference, viewSnapshot } from './view-snapshot.js';

/** Decisions kept for a counterexample's trace. */
export const TRACE_LENGTH = 20;

export { describeError } from '../../core/errors.js';

/** What purity compares of the request and the view besides the view's values: own keys and values, frozen and extensible state. */
function shape(value: object): string {
  const own = Object.keys(value)
    .map((key) => `${key}=${String((value as Record<string, unknown>)[key])}`)
    .join(',');
  return `${own};${Object.isFrozen(value) ? 'frozen' : 'not frozen'};${Object.isExtensible(value) ? 'extensible' : 'not extensible'}`;
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
        levelsAfter: [],
      } as unknown as DecisionRecord;
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
      const copy: DecisionRecord = { ...r, levelsAfter: [...r.levelsAfter] };
      for (const key of ['spare', 'spareHost', 'detail'] as const)
        if (copy[key] === undefined) delete copy[key];
      out.push(copy);
    }
    return out;
  }
}

/**
 * The checker's observer of one case's decisions (see the module comment). Bound to the system once it
 * is built; a failed decision is recorded and noted here, and the controller's `StrategyError` then
 * ends the run.
 */
export class CaseObserver implements DecisionObserver {
  private sim!: Simulation;
  private table!: DistributionTable;
  private view!: StrategyView;
  private vmCount = 0;
  private name = 'strategy';
  readonly codes: number[] | undefined;
  /** Liveness: VMs waiting for a spare, and the earliest deadline among them. */
  private readonly waiting = new Map<number, Waiter>();
  private earliestDeadline = Number.POSITIVE_INFINITY;
  private serviceSwitches: Int32Array = new Int32Array(0);
  /** The request being decided (frozen: it is what the strategy was handed). */
  private request!: SwitchRequest;
  /** Purity: what the view read before the decision (on sampled decisions), the request's and view's shapes. */
  private before: number[] | undefined;
  private requestShape = '';
  private viewShape = '';

  constructor(
    private readonly state: CaseState,
    private readonly settings: CaseRunSettings,
    private readonly config: ResolvedScitConfig,
  ) {
    this.codes = settings.recordCodes ? [] : undefined;
  }

  bind(system: ScitSystem, sim: Simulation): void {
    this.sim = sim;
    this.table = system.tolerance.table;
    this.view = system.tolerance.view;
    this.vmCount = system.fleet.size;
    this.name = system.tolerance.strategyName;
    this.serviceSwitches = new Int32Array(this.config.services.length);
  }

  enter(request: SwitchRequest): void {
    this.request = request;
    if (this.checkPurity()) {
      const index = this.state.decisions;
      this.before = index < 32 || (index & 63) === 0 ? viewSnapshot(this.view, this.vmCount) : undefined;
      this.requestShape = shape(request);
      this.viewShape = shape(this.view);
    }
  }

  leave(request: SwitchRequest, outcome: SpareDecision | StrategyError): void {
    const state = this.state;
    const settings = this.settings;
    const r = this.request;
    state.decisions++;
    if (outcome instanceof StrategyError) {
      const readOnly = outcome.failure === 'read-only';
      this.record(outcome.failure === 'invalid' ? 'invalid' : 'threw', undefined, outcome.detail, false);
      state.note(readOnly ? 'purity' : 'valid-decision', outcome.message);
      return;
    }
    if (this.checkPurity()) this.comparePurity(request);
    const risky = settings.checks !== false && this.isRisky();
    if (risky) state.risky++;
    if (outcome.kind === 'switch') {
      state.switches++;
      this.serviceSwitches[r.service]++;
      this.record('switch', outcome.spare, undefined, risky);
      if (settings.live && this.waiting.size > 0) this.stopWaiting(r.vm);
    } else {
      state.waits++;
      this.record('wait', undefined, outcome.reason, risky);
      if (settings.progress !== undefined) this.checkProgress(outcome.reason);
      if (settings.live && !this.waiting.has(r.vm)) this.startWaiting();
    }
    this.codes?.push(r.nowSeconds, r.vm, outcome.kind === 'switch' ? outcome.spare : -1);
    if (state.decisions >= settings.maxDecisions) this.sim.terminate();
  }

  private checkPurity(): boolean {
    return this.settings.purity !== false && this.settings.checks !== false;
  }

  /** "for VM 4 (Web, host 2) at t=360s", the request being decided. */
  private where(): string {
    return describeRequest(this.config, this.request);
  }

  private comparePurity(request: SwitchRequest): void {
    const problems: string[] = [];
    const requestShape = shape(request);
    if (requestShape !== this.requestShape)
      problems.push(`the request (${this.requestShape} before, ${requestShape} after)`);
    const viewShape = shape(this.view);
    if (viewShape !== this.viewShape)
      problems.push(`the view (${this.viewShape} before, ${viewShape} after)`);
    if (this.before !== undefined) {
      const after = viewSnapshot(this.view, this.vmCount);
      const difference = snapshotDifference(this.before, after, this.view, this.vmCount);
      if (difference !== undefined) problems.push(`the table behind the view: ${difference}`);
    }
    if (problems.length > 0)
      this.state.note(
        'purity',
        `rotation strategy "${this.name}": choose changed ${problems.join('; ')} ${this.where()}`,
      );
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
    rec.timeSeconds = r.nowSeconds;
    rec.vm = r.vm;
    rec.service = r.service;
    rec.host = r.host;
    rec.expiredAtSeconds = r.expiredAtSeconds;
    rec.outcome = outcome;
    rec.spare = spare;
    rec.spareHost = spare === undefined ? undefined : this.table.hostOf(spare);
    rec.detail = detail;
    rec.risky = risky;
    this.levelsAfter(rec.levelsAfter, outcome === 'switch' ? spare : undefined);
  }

  /**
   * The levels once the decision took effect, into `levels` (reused): a switch moves the service from
   * the expiring VM's host to the spare's; anything else leaves the expiring VM Active (it waits).
   */
  private levelsAfter(levels: number[], spare: number | undefined): void {
    const table = this.table;
    levels.length = table.serviceCount;
    for (let s = 0; s < table.serviceCount; s++) levels[s] = table.level(s);
    if (spare === undefined) return;
    const { service, host } = this.request;
    const to = table.hostOf(spare);
    const leaves = table.activeCount(service, host) === 1 && to !== host;
    const arrives = to !== host && table.activeCount(service, to) === 0;
    levels[service] += (arrives ? 1 : 0) - (leaves ? 1 : 0);
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
          `rotation strategy "${this.name}" waited (${JSON.stringify(reason)}) ${this.where()} ` +
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
    const deadline = r.expiredAtSeconds + (position + 1) * cycle;
    this.waiting.set(r.vm, {
      since: r.expiredAtSeconds,
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
