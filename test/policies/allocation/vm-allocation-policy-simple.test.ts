import { describe, expect, it } from 'vitest';
import { Host, makePes, placeVm, Vm } from '../../../src/entities/index.js';
import { VmAllocationPolicySimple } from '../../../src/policies/allocation/index.js';
import { VmSchedulerTimeShared } from '../../../src/policies/scheduling/index.js';

const makeHost = (id: number, pes: number, ramMb = 2048) =>
  new Host({
    id,
    pes: makePes(pes, 1000),
    ramMb,
    bwMbps: 10000,
    storageMb: 1_000_000,
    vmScheduler: (p) => new VmSchedulerTimeShared(p),
  });
const makeVm = (id: number, ramMb = 512) => new Vm({ id, mips: 1000, ramMb, bwMbps: 1000, sizeMb: 10000 });

describe('VmAllocationPolicySimple', () => {
  it('picks the host with the most available MIPS, ties to the first host (CloudSim example 6 layout)', () => {
    // Host 0: 4 PEs x 1000 MIPS, host 1: 2 PEs. Available MIPS before each VM:
    // vm0: 4000 vs 2000 -> h0; vm1: 3000 vs 2000 -> h0; vm2: 2000 vs 2000 (tie) -> h0;
    // vm3: 1000 vs 2000 -> h1; vm4: 1000 vs 1000 (tie) -> h0; vm5: 0 vs 1000 -> h1; vm6: 0 vs 0 -> none.
    const hosts = [makeHost(0, 4), makeHost(1, 2)];
    const policy = new VmAllocationPolicySimple();
    const placed = [0, 1, 2, 3, 4, 5, 6].map((id) => placeVm(policy, makeVm(id), hosts)?.id);
    expect(placed).toEqual([0, 0, 0, 1, 0, 1, undefined]);
  });

  it('excludes a host that cannot take the VM and retries with the next best', () => {
    // Host 0 has more MIPS but too little RAM for a 4096 MB VM; host 1 has the RAM.
    const hosts = [makeHost(0, 4, 2048), makeHost(1, 2, 8192)];
    const chosen = new VmAllocationPolicySimple().allocateHostForVm(makeVm(0, 4096), hosts);
    expect(chosen?.id).toBe(1);
  });

  it('returns undefined when no host can take the VM, and leaves hosts untouched', () => {
    const hosts = [makeHost(0, 1, 256)];
    expect(new VmAllocationPolicySimple().allocateHostForVm(makeVm(0), hosts)).toBeUndefined();
    expect(hosts[0].vms).toHaveLength(0);
  });
});
