/**
 * What the spec checker hands a strategy instead of the distribution table: a read-only view that
 * forwards every accessor to the real table (held in a private field no cast can reach), and whose
 * mutators — the names `DistributionTable` has — report a purity violation instead of changing anything.
 * `viewSnapshot` reads every accessor, so a snapshot before and after `choose` shows any other change.
 */
import type { DistributionTable, DistributionView } from '../../entities/scit/distribution-table.js';

/** Reports a call of a mutator on the view; never returns (the checker aborts the case). */
export type MutationReport = (call: string) => never;

export class GuardedView implements DistributionView {
  readonly #table: DistributionTable;
  readonly #report: MutationReport;

  constructor(table: DistributionTable, report: MutationReport) {
    this.#table = table;
    this.#report = report;
  }

  get hostCount(): number {
    return this.#table.hostCount;
  }
  get serviceCount(): number {
    return this.#table.serviceCount;
  }
  activeCount(service: number, host: number): number {
    return this.#table.activeCount(service, host);
  }
  activeTotal(service: number): number {
    return this.#table.activeTotal(service);
  }
  level(service: number): number {
    return this.#table.level(service);
  }
  target(service: number): number {
    return this.#table.target(service);
  }
  cleansingCount(host: number): number {
    return this.#table.cleansingCount(host);
  }
  spareCount(host: number): number {
    return this.#table.spareCount(host);
  }
  offlineCount(host: number): number {
    return this.#table.offlineCount(host);
  }
  get totalSpares(): number {
    return this.#table.totalSpares;
  }
  spareAt(index: number): number {
    return this.#table.spareAt(index);
  }
  sparesOn(host: number): readonly number[] {
    return this.#table.sparesOn(host);
  }
  spareOnHostAt(host: number, index: number): number {
    return this.#table.spareOnHostAt(host, index);
  }
  get hostsWithSpares(): number {
    return this.#table.hostsWithSpares;
  }
  hostWithSpareAt(index: number): number {
    return this.#table.hostWithSpareAt(index);
  }
  hostOf(vm: number): number {
    return this.#table.hostOf(vm);
  }
  /** Read-only extras of the table, for strategies that cast the view. */
  isSpare(vm: number): boolean {
    return this.#table.isSpare(vm);
  }
  levelsSnapshot(): number[] {
    return this.#table.levelsSnapshot();
  }

  // The table's mutators: calling one from `choose` breaks purity.
  addActive(service: number, host: number): never {
    return this.#report(`addActive(${service}, ${host})`);
  }
  removeActive(service: number, host: number): never {
    return this.#report(`removeActive(${service}, ${host})`);
  }
  addCleansing(host: number): never {
    return this.#report(`addCleansing(${host})`);
  }
  removeCleansing(host: number): never {
    return this.#report(`removeCleansing(${host})`);
  }
  addSpare(vm: number): never {
    return this.#report(`addSpare(${vm})`);
  }
  removeSpare(vm: number): never {
    return this.#report(`removeSpare(${vm})`);
  }
}

/**
 * Every value a strategy can read from `view`, in a fixed order: sizes, then per service (level,
 * target, Active total, Active count per host), per host (cleansing, spares, offline, its spares in
 * order), the spare pool in order, the hosts with spares in order, and the host of every VM.
 * `labels`, when given, receives a name for each value (used only to describe a difference).
 */
export function viewSnapshot(view: DistributionView, vmCount: number, labels?: string[]): number[] {
  const out: number[] = [];
  const put = (value: number, label?: () => string) => {
    out.push(value);
    if (labels && label) labels.push(label());
  };
  const hosts = view.hostCount;
  const services = view.serviceCount;
  put(hosts, () => 'hostCount');
  put(services, () => 'serviceCount');
  put(view.totalSpares, () => 'totalSpares');
  put(view.hostsWithSpares, () => 'hostsWithSpares');
  for (let s = 0; s < services; s++) {
    put(view.level(s), () => `level(${s})`);
    put(view.target(s), () => `target(${s})`);
    put(view.activeTotal(s), () => `activeTotal(${s})`);
    for (let h = 0; h < hosts; h++) put(view.activeCount(s, h), () => `activeCount(${s}, ${h})`);
  }
  for (let h = 0; h < hosts; h++) {
    put(view.cleansingCount(h), () => `cleansingCount(${h})`);
    const spares = view.spareCount(h);
    put(spares, () => `spareCount(${h})`);
    put(view.offlineCount(h), () => `offlineCount(${h})`);
    for (let i = 0; i < spares; i++) put(view.spareOnHostAt(h, i), () => `spareOnHostAt(${h}, ${i})`);
  }
  for (let i = 0; i < view.totalSpares; i++) put(view.spareAt(i), () => `spareAt(${i})`);
  for (let i = 0; i < view.hostsWithSpares; i++) put(view.hostWithSpareAt(i), () => `hostWithSpareAt(${i})`);
  for (let vm = 0; vm < vmCount; vm++) put(view.hostOf(vm), () => `hostOf(${vm})`);
  return out;
}

/** The first difference between two snapshots of `view`, described (undefined when equal). */
export function snapshotDifference(
  before: readonly number[],
  after: readonly number[],
  view: DistributionView,
  vmCount: number,
): string | undefined {
  const n = Math.max(before.length, after.length);
  for (let i = 0; i < n; i++) {
    if (before[i] === after[i]) continue;
    const labels: string[] = [];
    viewSnapshot(view, vmCount, labels);
    return `${labels[i] ?? `value #${i}`} was ${before[i]} before choose and ${after[i]} after`;
  }
  return undefined;
}
