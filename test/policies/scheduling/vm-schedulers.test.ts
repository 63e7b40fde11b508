import { describe, expect, it } from 'vitest';
import { makePes, Vm } from '../../../src/entities/index.js';
import { VmSchedulerSpaceShared, VmSchedulerTimeShared } from '../../../src/policies/scheduling/index.js';

const vm = (id: number, mips: number, pes = 1) => new Vm({ id, mips, pes, ramMb: 1, bwMbps: 1, sizeMb: 1 });

describe('VmSchedulerTimeShared', () => {
  it('lets VMs share one PE while total MIPS last', () => {
    const s = new VmSchedulerTimeShared(makePes(1, 1000));
    expect(s.allocatePesForVm(vm(0, 250), [250])).toBe(true);
    expect(s.allocatePesForVm(vm(1, 250), [250])).toBe(true);
    expect(s.availableMips).toBe(500);
    expect(s.allocatePesForVm(vm(2, 600), [600])).toBe(false);
    expect(s.availableMips).toBe(500);
  });

  it('gives a VM exactly the MIPS it asked for on each virtual PE and frees them', () => {
    const s = new VmSchedulerTimeShared(makePes(8, 10000));
    const v = vm(0, 1000, 2);
    s.allocatePesForVm(v, v.requestedMips());
    expect(s.allocatedMipsForVm(v)).toEqual([1000, 1000]);
    s.deallocatePesForVm(v);
    expect(s.allocatedMipsForVm(v)).toEqual([]);
    expect(s.availableMips).toBe(80000);
  });

  it('refuses more virtual PEs than physical PEs', () => {
    const s = new VmSchedulerTimeShared(makePes(1, 1000));
    expect(s.canAllocate(vm(0, 100, 2), [100, 100])).toBe(false);
  });
});

describe('VmSchedulerSpaceShared', () => {
  it('gives each virtual PE a whole physical PE (CloudSim example 4: the second VM does not fit)', () => {
    const s = new VmSchedulerSpaceShared(makePes(1, 1000));
    expect(s.allocatePesForVm(vm(0, 250), [250])).toBe(true);
    expect(s.freePes).toBe(0);
    expect(s.canAllocate(vm(1, 250), [250])).toBe(false);
    s.deallocatePesForVm(vm(9, 1));
    expect(s.freePes).toBe(0);
  });

  it('frees the PE on deallocation', () => {
    const s = new VmSchedulerSpaceShared(makePes(2, 1000));
    const v = vm(0, 1000, 2);
    expect(s.allocatePesForVm(v, v.requestedMips())).toBe(true);
    s.deallocatePesForVm(v);
    expect(s.freePes).toBe(2);
    expect(s.availableMips).toBe(2000);
  });
});
