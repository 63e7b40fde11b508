/**
 * The eight CloudSim examples, with expected rows derived by hand from CloudSim 7.0.1's semantics
 * (cloudsim-examples.md), not from our own output.
 *
 * Shared timeline: at t = 0 datacenters register, the broker asks for their characteristics and
 * requests its VMs in the first datacenter; the acknowledgement comes 0.01 s later (minimum time
 * between events). When every VM is acknowledged the broker submits all cloudlets at once, so they
 * start at 0.01 (or 0.02 when some VMs had to be retried in the second datacenter). A cloudlet alone
 * on a VM of M MIPS with L MI finishes at start + L / M: the datacenter is woken up then by the event
 * the submission scheduled, and truncation leaves less than 1 MI (whole MI rounded down = 0).
 * Time = finish − start. Return order: datacenter by datacenter (entity id order), host by host,
 * VM by VM (placement order on the host).
 */
import { describe, expect, it } from 'vitest';
import { example1 } from '../../../examples/cloudsim/example1.js';
import { example2 } from '../../../examples/cloudsim/example2.js';
import { example3 } from '../../../examples/cloudsim/example3.js';
import { example4 } from '../../../examples/cloudsim/example4.js';
import { example5 } from '../../../examples/cloudsim/example5.js';
import { example6 } from '../../../examples/cloudsim/example6.js';
import { example7 } from '../../../examples/cloudsim/example7.js';
import { example8 } from '../../../examples/cloudsim/example8.js';
import type { Container, DatacenterBroker } from '../../../src/index.js';
import { createRunContainer, VM_SCHEDULER_FACTORY, VM_SCHEDULERS } from '../../../src/index.js';
import { type CloudletRow, cloudletRows } from '../../../src/report/cloudlet-table.js';

/** Default policies; examples 4 and 5 rebind the VM scheduler to space-shared, as their scripts do. */
function container(vmScheduler: keyof typeof VM_SCHEDULERS = 'time-shared'): Container {
  const c = createRunContainer();
  c.rebind(VM_SCHEDULER_FACTORY).toConstantValue(VM_SCHEDULERS[vmScheduler]);
  return c;
}

const EXAMPLES: Record<number, () => { rows: CloudletRow[] }> = {
  1: () => rowsOf(example1(container())),
  2: () => rowsOf(example2(container())),
  3: () => rowsOf(example3(container())),
  4: () => rowsOf(example4(container('space-shared'))),
  5: () => rowsOf(example5(container('space-shared'))),
  6: () => rowsOf(example6(container())),
  7: () => rowsOf(example7(container())),
  8: () => rowsOf(example8(container())),
};

function rowsOf(brokers: DatacenterBroker[]) {
  return { rows: cloudletRows(brokers) };
}

type Expected = Omit<CloudletRow, 'cpuTime' | 'status'>;

function row(
  broker: string,
  cloudletId: number,
  datacenterId: number,
  vmId: number,
  start: number,
  finish: number,
) {
  return { broker, cloudletId, datacenterId, vmId, start, finish };
}

function expectRows(actual: readonly CloudletRow[], expected: readonly Expected[]): void {
  expect(actual.map((r) => [r.broker, r.cloudletId, r.datacenterId, r.vmId])).toEqual(
    expected.map((r) => [r.broker, r.cloudletId, r.datacenterId, r.vmId]),
  );
  actual.forEach((r, i) => {
    const e = expected[i];
    expect(r.status).toBe('SUCCESS');
    expect(Math.abs(r.start - e.start)).toBeLessThan(1e-9);
    expect(Math.abs(r.finish - e.finish)).toBeLessThan(1e-9);
    expect(Math.abs(r.cpuTime - (e.finish - e.start))).toBeLessThan(1e-9);
  });
}

describe('CloudSim examples', () => {
  it('example 1: 400000 MI on a 1000-MIPS VM takes 400 s (start 0.01, finish 400.01)', () => {
    // Ids: 0 shutdown, 1 information service, 2 Datacenter_0, 3 broker.
    expectRows(EXAMPLES[1]().rows, [row('Broker', 0, 2, 0, 0.01, 0.01 + 400000 / 1000)]);
  });

  it('example 2: two 250-MIPS VMs share the 1000-MIPS PE, 250000 MI each takes 1000 s', () => {
    // Time-shared host: each VM gets the 250 MIPS it asked for (500 of 1000 used).
    const finish = 0.01 + 250000 / 250;
    expectRows(EXAMPLES[2]().rows, [
      row('Broker', 0, 2, 0, 0.01, finish),
      row('Broker', 1, 2, 1, 0.01, finish),
    ]);
  });

  it('example 3: the 500-MIPS VM returns first (80 s), then the 250-MIPS one (160 s)', () => {
    expectRows(EXAMPLES[3]().rows, [
      row('Broker', 1, 2, 1, 0.01, 0.01 + 40000 / 500),
      row('Broker', 0, 2, 0, 0.01, 0.01 + 40000 / 250),
    ]);
  });

  it('example 4: VM 1 does not fit the space-shared host of Datacenter_0 and runs in Datacenter_1', () => {
    // Datacenter_0 (id 2) has one PE, taken by VM 0; VM 1 fails there and is created in
    // Datacenter_1 (id 3) at 0.01, acknowledged at 0.02, so both cloudlets start at 0.02.
    const finish = 0.02 + 40000 / 250;
    expectRows(EXAMPLES[4]().rows, [
      row('Broker', 0, 2, 0, 0.02, finish),
      row('Broker', 1, 3, 1, 0.02, finish),
    ]);
  });

  it('example 5: the first user gets Datacenter_0, the second is moved to Datacenter_1', () => {
    // Broker1 (id 4) is processed before Broker2 (id 5) at t = 0, so its VM takes the only PE of
    // Datacenter_0; Broker2's VM is retried in Datacenter_1 and its cloudlet starts at 0.02.
    expectRows(EXAMPLES[5]().rows, [
      row('Broker1', 0, 2, 0, 0.01, 0.01 + 160),
      row('Broker2', 0, 3, 0, 0.02, 0.02 + 160),
    ]);
  });

  it('example 6: 12 of 20 VMs are created; VMs with 3 cloudlets finish at 3.018, with 4 at 4.018', () => {
    // Each datacenter: host 0 (4 PEs) and host 1 (2 PEs), 2048 MB. VmAllocationPolicySimple (most
    // free MIPS, ties to the first host) places VMs 0,1,2 on host 0, 3 on host 1, 4 on host 0, 5 on
    // host 1, then both hosts are full; VMs 6-11 go the same way in Datacenter_1, 12-19 fail.
    // Cloudlets are dealt round-robin over VMs 0-11 at 0.02: VMs 0-3 get 4, VMs 4-11 get 3.
    //
    // A VM of 1000 MIPS running n cloudlets of 1000 MI gives each 1000/n MIPS. The k-th submission
    // schedules an update after 1000 / (capacity at the previous update) s: 1, 1, 2, (3) s.
    // 3 cloudlets: update at 1.02 -> 333,333,333 instructions done, 666 whole MI left, estimate
    //   1.02 + 666/(1000/3) = 3.018; at 3.018 they have 999,333,332 done (< 1 MI left): finished.
    const t3 = 1.02 + 666 / (1000 / 3);
    // 4 cloudlets (250 MIPS each): updates at 1.02 and 2.02 (+250,000,000 each) and at 3.018 (woken
    // by the other VMs: +trunc(250 x 0.998 x 1e6) = 249,500,000) leave 250.5 MI, i.e. 250 whole MI:
    // estimate 3.018 + 250/250 = 4.018, where 0.5 MI is left: finished. (Updates at 3.019 and 3.02
    // are skipped: less than 0.01 s after 3.018.)
    const t4 = t3 + 250 / 250;
    const three = (vm: number, dc: number) =>
      [vm, vm + 12, vm + 24].map((id) => row('Broker', id, dc, vm, 0.02, t3));
    const four = (vm: number) =>
      [vm, vm + 12, vm + 24, vm + 36].map((id) => row('Broker', id, 2, vm, 0.02, t4));
    // Datacenter_1's hosts: host 0 holds VMs 6, 7, 8, 10; host 1 holds 9, 11.
    expectRows(EXAMPLES[6]().rows, [
      ...three(4, 2),
      ...three(5, 2),
      ...[6, 7, 8, 10, 9, 11].flatMap((vm) => three(vm, 3)),
      ...[0, 1, 2, 3].flatMap(four),
    ]);
  });

  // Examples 7 and 8: 5 VMs of 250 MIPS per broker, 2 cloudlets of 40000 MI per VM (125 MIPS each);
  // all VMs of both brokers fit Datacenter_0's host 0 except VM 104 (host 0 has 1750 MIPS left, host 1
  // 2000). Broker_1 starts at 200: its cloudlets start at 200.01.
  const vmsOf = (first: number) => [0, 1, 2, 3, 4].map((i) => first + i);

  it('example 7: the pause at 200 makes the datacenter update at 200.0, so Broker_0 finishes at 320.008', () => {
    // Broker_0: update at 160.01 (the submissions' events, 0.01 + 40000/250) leaves 20000 MI, next
    // event 320.01. That dispatch empties CloudSim's queue beyond the pause time, so CloudSim sets
    // its clock back to 200 and processes it there: +trunc(125 x 39.99 x 1e6) leaves 15001.25 MI,
    // estimate 200 + 15001/125 = 320.008. At 320.008 less than 1 MI is left (the 200.01 update only
    // adds 1.25 MI): finished.
    const b0 = 200 + 15001 / 125;
    // Broker_1 (created during the pause): at 320.008, 14,999,749,999 instructions done since 200.01
    // -> 25000 whole MI left -> estimate 320.008 + 25000/125 = 520.008, where < 1 MI is left.
    const b1 = b0 + 25000 / 125;
    expectRows(EXAMPLES[7]().rows, [
      ...vmsOf(0).flatMap((vm) => [
        row('Broker_0', vm, 2, vm, 0.01, b0),
        row('Broker_0', vm + 5, 2, vm, 0.01, b0),
      ]),
      ...vmsOf(100).flatMap((vm) => [
        row('Broker_1', vm, 2, vm, 200.01, b1),
        row('Broker_1', vm + 5, 2, vm, 200.01, b1),
      ]),
    ]);
  });

  it('example 8: without a pause both brokers finish exactly after 320 s (GlobalBroker is entity 2)', () => {
    // Ids: 2 GlobalBroker, 3 and 4 datacenters, 5 Broker_0, 6 Broker_1 (created at 200).
    // Broker_0: 160.01 -> 20000 MI left; 200.01 (+5,000,000,000) -> 15000 left, estimate 320.01.
    // Broker_1: 320.01 -> 25000 left; 360.01 -> 20000 left, estimate 360.01 + 160 = 520.01.
    expectRows(EXAMPLES[8]().rows, [
      ...vmsOf(0).flatMap((vm) => [
        row('Broker_0', vm, 3, vm, 0.01, 320.01),
        row('Broker_0', vm + 5, 3, vm, 0.01, 320.01),
      ]),
      ...vmsOf(100).flatMap((vm) => [
        row('Broker_1', vm, 3, vm, 200.01, 520.01),
        row('Broker_1', vm + 5, 3, vm, 200.01, 520.01),
      ]),
    ]);
  });
});
