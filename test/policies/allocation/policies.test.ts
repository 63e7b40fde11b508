import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/core/index.js';
import { Host, makePes, placeVm, Vm, type VmAllocationPolicy } from '../../../src/entities/index.js';
import {
  VmAllocationPolicyBestFit,
  VmAllocationPolicyFirstFit,
  VmAllocationPolicyRandom,
  VmAllocationPolicyRoundRobin,
  VmAllocationPolicySimple,
  VmAllocationPolicyWorstFit,
} from '../../../src/policies/allocation/index.js';
import { VmSchedulerTimeShared } from '../../../src/policies/scheduling/index.js';

/** Hosts with 2, 4 and 3 PEs of 1000 MIPS (ids 0, 1, 2). */
const hosts = () =>
  [2, 4, 3].map(
    (pes, id) =>
      new Host({
        id,
        pes: makePes(pes, 1000),
        ramMb: 8192,
        bwMbps: 10000,
        storageMb: 1_000_000,
        vmScheduler: (p) => new VmSchedulerTimeShared(p),
      }),
  );
const vm = (id: number, mips = 1000) => new Vm({ id, mips, ramMb: 512, bwMbps: 100, sizeMb: 1000 });
const place = (policy: VmAllocationPolicy, list: Host[], count: number) =>
  Array.from({ length: count }, (_, id) => placeVm(policy, vm(id), list)?.id);

describe('VM allocation policies', () => {
  it('FirstFit fills hosts in list order', () => {
    // host 0 takes 2 VMs, then host 1 takes 4.
    expect(place(new VmAllocationPolicyFirstFit(), hosts(), 7)).toEqual([0, 0, 1, 1, 1, 1, 2]);
  });

  it('BestFit picks the suitable host with the least free MIPS', () => {
    // Free MIPS 2000/4000/3000: host 0 is tightest until full, then host 2 (3000 < 4000), then host 1.
    expect(place(new VmAllocationPolicyBestFit(), hosts(), 9)).toEqual([0, 0, 2, 2, 2, 1, 1, 1, 1]);
  });

  it('WorstFit picks the suitable host with the most free MIPS, ties to the first', () => {
    // 4000 -> h1; 3000 vs 3000 (h1, h2) -> h1; then 2000/2000/3000 -> h2; 2000/2000/2000 -> h0 ...
    expect(place(new VmAllocationPolicyWorstFit(), hosts(), 9)).toEqual([1, 1, 2, 0, 1, 2, 0, 1, 2]);
  });

  it('Simple and WorstFit agree when every host with free MIPS can take the VM', () => {
    expect(place(new VmAllocationPolicySimple(), hosts(), 9)).toEqual(
      place(new VmAllocationPolicyWorstFit(), hosts(), 9),
    );
  });

  it('RoundRobin cycles through the hosts, skipping full ones', () => {
    // 0,1,2,0,1,2, then host 0 (2 PEs) is full: 1,2,1
    expect(place(new VmAllocationPolicyRoundRobin(), hosts(), 9)).toEqual([0, 1, 2, 0, 1, 2, 1, 2, 1]);
  });

  it('Random is reproducible for a seed and only picks suitable hosts', () => {
    const run = (seed: number) => place(new VmAllocationPolicyRandom(new Simulation({ seed })), hosts(), 9);
    const first = run(7);
    expect(run(7)).toEqual(first);
    // 9 VMs of 1000 MIPS exactly fill 2 + 4 + 3 PEs: each host gets as many VMs as it has PEs.
    expect(first.filter((h) => h === 0)).toHaveLength(2);
    expect(first.filter((h) => h === 1)).toHaveLength(4);
    expect(first.filter((h) => h === 2)).toHaveLength(3);
  });

  it('every policy returns undefined when no host can take the VM', () => {
    const sim = new Simulation();
    for (const policy of [
      new VmAllocationPolicySimple(),
      new VmAllocationPolicyFirstFit(),
      new VmAllocationPolicyBestFit(),
      new VmAllocationPolicyWorstFit(),
      new VmAllocationPolicyRoundRobin(),
      new VmAllocationPolicyRandom(sim),
    ]) {
      expect(policy.allocateHostForVm(vm(0, 5000), hosts())).toBeUndefined();
    }
  });
});
