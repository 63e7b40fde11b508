/**
 * The tolerance controller: keeps the service distribution table up to date (O(1) per change) and
 * answers "which spare replaces this expiring VM" by asking the bound rotation strategy. It never looks
 * at which strategy that is; it only checks that the answer is a live spare.
 */
import { describeValue } from '../../core/errors.js';
import type { RandomStream } from '../../core/random.js';
import type { ResolvedScitConfig } from './config.js';
import { DistributionTable, type DistributionView } from './distribution-table.js';
import type { RotationStrategy, SpareDecision, SwitchRequest } from './rotation-strategy.js';
import type { VmRecords } from './vm-records.js';

export class ToleranceController {
  private readonly distribution: DistributionTable;

  /**
   * @param vmHosts host of each VM, by VM id.
   * @param random the stream handed to the strategy (the run's `scit.rotation`).
   * @param records the system's shared VM records (see {@link DistributionTable}).
   */
  constructor(
    config: ResolvedScitConfig,
    vmHosts: ArrayLike<number>,
    private readonly strategy: RotationStrategy,
    private readonly random: RandomStream,
    records?: VmRecords,
  ) {
    this.distribution = new DistributionTable(
      config.hostCount,
      vmHosts,
      config.services.map((s) => s.target),
      records,
    );
  }

  /** The table, read-only. */
  get table(): DistributionView {
    return this.distribution;
  }

  /** Name of the bound strategy (for outputs only). */
  get strategyName(): string {
    return this.strategy.name;
  }

  /**
   * Asks the strategy for a replacement and checks the answer: a switch to the integer id of a live
   * spare, or a wait. Anything else throws, naming what was returned (never applied half-way).
   */
  chooseReplacement(request: SwitchRequest): SpareDecision {
    const decision = this.strategy.choose(request, this.distribution, this.random);
    if (decision?.kind === 'wait') return decision;
    if (decision?.kind !== 'switch' || !Number.isInteger(decision.spare))
      throw new Error(
        `rotation strategy "${this.strategy.name}" returned ${describeValue(decision)}: ` +
          "expected { kind: 'switch', spare: <integer VM id> } or { kind: 'wait', reason }",
      );
    if (!this.distribution.isSpare(decision.spare))
      throw new Error(
        `rotation strategy "${this.strategy.name}" chose VM ${decision.spare}, which is not a live spare`,
      );
    return decision;
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
