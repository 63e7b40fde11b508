/**
 * The tolerance controller: keeps the service distribution table up to date (O(1) per change) and
 * answers "which spare replaces this expiring VM" by asking the bound rotation strategy. It never looks
 * at which strategy that is; it only checks that the answer is a live spare.
 */

import { describeError, describeValue } from '../../core/errors.js';
import type { RandomStream } from '../../core/random.js';
import type { ResolvedScitConfig } from './config.js';
import { DistributionTable } from './distribution-table.js';
import {
  type DecisionObserver,
  type RotationStrategy,
  type SpareDecision,
  StrategyError,
  type StrategyFailure,
  type SwitchRequest,
} from './rotation-strategy.js';
import { describeDecisionRequest } from './strategy-error.js';
import { isReadOnlyWrite, StrategyView, switchRequest } from './strategy-view.js';
import { VmRecords } from './vm-records.js';
import { VmTimes } from './vm-times.js';

/** Options of the tolerance controller beyond its table and strategy. */
export interface ToleranceOptions {
  /** The system's shared VM records (see {@link DistributionTable}). */
  records?: VmRecords;
  /** Told about every decision (the spec checker, a watchdog). */
  observer?: DecisionObserver;
  /** Describes a VM that is not a live spare, for the message of a decision that chose it. */
  describeVm?: (vm: number) => string;
  /**
   * The central controller's times, shown in the view (default: times of a table used without a
   * simulation, its clock at 0).
   */
  times?: VmTimes;
}

export class ToleranceController {
  private readonly distribution: DistributionTable;
  /** What the strategy is handed: the read-only view of the table, the VMs' states and times. */
  readonly view: StrategyView;
  /** The times shown in the view; the central controller writes them. */
  readonly times: VmTimes;
  private readonly observer: DecisionObserver | undefined;
  private readonly describeVm: ((vm: number) => string) | undefined;

  /**
   * @param vmHosts host of each VM, by VM id.
   * @param random the stream handed to the strategy (the run's `scit.rotation`).
   */
  constructor(
    private readonly config: ResolvedScitConfig,
    vmHosts: ArrayLike<number>,
    private readonly strategy: RotationStrategy,
    private readonly random: RandomStream,
    options: ToleranceOptions = {},
  ) {
    const records = options.records ?? new VmRecords(vmHosts);
    this.distribution = new DistributionTable(
      config.hostCount,
      vmHosts,
      config.services.map((s) => s.target),
      records,
    );
    this.times = options.times ?? new VmTimes(vmHosts.length, config.hostCount, { now: 0 });
    this.view = new StrategyView(this.distribution, records, this.times);
    this.observer = options.observer;
    this.describeVm = options.describeVm;
  }

  /** The table (the controllers' own; strategies and plugins get {@link view}). */
  get table(): DistributionTable {
    return this.distribution;
  }

  /** Name of the bound strategy (for outputs only). */
  get strategyName(): string {
    return String(this.strategy.name);
  }

  /**
   * Asks the strategy for a replacement of `vm` (a new frozen request, the read-only view) and checks
   * the answer: a switch to the integer id of a live spare, or a wait with a reason. The decision's
   * fields are read once, right after the call (a copy is returned); anything else throws a
   * {@link StrategyError} naming the strategy, what it did and the request (never applied half-way).
   */
  chooseReplacement(
    vm: number,
    service: number,
    host: number,
    expiredAtSeconds: number,
    nowSeconds: number,
  ): SpareDecision {
    const request = switchRequest(vm, service, host, expiredAtSeconds, nowSeconds);
    const observer = this.observer;
    observer?.enter(request);
    let outcome: SpareDecision | StrategyError;
    try {
      outcome = this.decide(request);
    } catch (error) {
      outcome = this.failure(request, isReadOnlyWrite(error) ? 'read-only' : 'threw', thrown(error), error);
    }
    observer?.leave(request, outcome);
    if (outcome instanceof StrategyError) throw outcome;
    return outcome;
  }

  /** Calls the strategy and reads its decision into a fresh object, or describes what is wrong. */
  private decide(request: SwitchRequest): SpareDecision | StrategyError {
    const decision: unknown = this.strategy.choose(request, this.view, this.random);
    this.observer?.returned?.(request);
    if (typeof decision === 'object' && decision !== null) {
      const d = decision as { kind?: unknown; spare?: unknown; reason?: unknown };
      const kind = d.kind;
      if (kind === 'switch') {
        const spare = d.spare;
        if (Number.isInteger(spare) && this.distribution.isSpare(spare as number))
          return { kind: 'switch', spare: spare as number };
        return this.failure(request, 'invalid', this.invalidSpare(decision, spare));
      }
      if (kind === 'wait') {
        const reason = d.reason;
        if (typeof reason === 'string') return { kind: 'wait', reason };
        return this.failure(
          request,
          'invalid',
          `returned ${describeValue(decision)}: a wait needs a reason (a string)`,
        );
      }
      return this.failure(
        request,
        'invalid',
        `returned ${describeValue(decision)}: expected {kind: 'switch', spare} or {kind: 'wait', reason}`,
      );
    }
    return this.failure(
      request,
      'invalid',
      `returned ${describeValue(decision)}, not a decision ({kind: 'switch', spare} or {kind: 'wait', reason})`,
    );
  }

  private invalidSpare(decision: object, spare: unknown): string {
    const shown = `returned ${describeValue(decision)}`;
    if (typeof spare !== 'number')
      return `${shown}: spare must be a number, the id of a live spare (got a ${typeof spare})`;
    if (!Number.isInteger(spare)) return `${shown}: spare must be an integer VM id (got ${spare})`;
    const vmCount = this.distribution.vmCount;
    if (spare < 0 || spare >= vmCount) return `${shown}: there is no VM ${spare} (ids are 0–${vmCount - 1})`;
    const state = this.describeVm?.(spare) ?? `on host ${this.distribution.hostOf(spare)}`;
    return `${shown}: VM ${spare} is not a live spare (it is ${state})`;
  }

  private failure(
    request: SwitchRequest,
    failure: StrategyFailure,
    detail: string,
    cause?: unknown,
  ): StrategyError {
    return new StrategyError(
      this.strategyName,
      failure,
      detail,
      describeRequest(this.config, request),
      request,
      cause,
    );
  }

  /** Records an initially Active VM. */
  addInitialActive(service: number, host: number): void {
    this.distribution.addActive(service, host);
  }

  /** Records `expiringHost`'s Active VM of `service` being replaced by `spare`; returns the spare's host. */
  recordSwitch(service: number, expiringHost: number, spare: number): number {
    const spareHost = this.distribution.hostOf(spare);
    this.distribution.removeActive(service, expiringHost);
    this.distribution.removeSpare(spare);
    this.distribution.addActive(service, spareHost);
    return spareHost;
  }

  recordCleansingStarted(host: number): void {
    this.distribution.addCleansing(host);
  }

  /** `vm` on `host` finished cleansing (or starts as a spare) and is now a live spare. */
  recordSpareReady(vm: number, host: number, wasCleansing: boolean): void {
    if (wasCleansing) this.distribution.removeCleansing(host);
    this.distribution.addSpare(vm);
  }
}

/** "threw TypeError: …" (a frozen-object write is said as such). */
function thrown(error: unknown): string {
  const what = describeError(error);
  return isReadOnlyWrite(error)
    ? `tried to change a read-only object (${what}); the view and the request are read-only`
    : `threw ${what}`;
}

/** "for VM 4 (Web, host 2) at t=360s" (with the expiry time when the VM has waited). */
export function describeRequest(config: ResolvedScitConfig, request: SwitchRequest): string {
  return `for ${describeDecisionRequest(request, config.services[request.service]?.name)}`;
}

export { describeDecisionRequest, seconds } from './strategy-error.js';
