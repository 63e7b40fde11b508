/**
 * Every value a strategy can read from the view, in a fixed order, so that purity can compare the
 * table behind the view before and after a decision.
 */
import type { RotationView } from '../../entities/scit/rotation-strategy.js';
import { SCIT_STATES } from '../../entities/scit/scit-state.js';

/**
 * Every value a strategy can read from `view`, in a fixed order: sizes, then per service (level,
 * target, Active total, Active count per host), per host (cleansing, spares, offline, its spares in
 * order, when it last finished a cleansing), the spare pool in order, the hosts with spares in order,
 * the time, and per VM its host, state, service and the times it entered its state and will leave it.
 * `labels`, when given, receives a name for each value (used only to describe a difference).
 */
export function viewSnapshot(view: RotationView, vmCount: number, labels?: string[]): number[] {
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
    put(view.vmsOn(h), () => `vmsOn(${h})`);
    for (let i = 0; i < spares; i++) put(view.spareOnHostAt(h, i), () => `spareOnHostAt(${h}, ${i})`);
    put(view.lastCleansedAtSeconds(h), () => `lastCleansedAtSeconds(${h})`);
  }
  for (let i = 0; i < view.totalSpares; i++) put(view.spareAt(i), () => `spareAt(${i})`);
  for (let i = 0; i < view.hostsWithSpares; i++) put(view.hostWithSpareAt(i), () => `hostWithSpareAt(${i})`);
  put(view.nowSeconds, () => 'nowSeconds');
  for (let vm = 0; vm < vmCount; vm++) {
    put(view.hostOf(vm), () => `hostOf(${vm})`);
    put(SCIT_STATES.indexOf(view.stateOf(vm)), () => `stateOf(${vm})`);
    put(view.serviceOf(vm), () => `serviceOf(${vm})`);
    put(view.stateEnteredAtSeconds(vm), () => `stateEnteredAtSeconds(${vm})`);
    put(view.stateEndsAtSeconds(vm), () => `stateEndsAtSeconds(${vm})`);
  }
  return out;
}

/** The first difference between two snapshots of `view`, described (undefined when equal). */
export function snapshotDifference(
  before: readonly number[],
  after: readonly number[],
  view: RotationView,
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
