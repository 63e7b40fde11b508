import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/index.js';
import { Host, makePes, Vm, type VmSchedulerFactory } from '../../src/entities/index.js';
import { VmSchedulerTimeShared } from '../../src/policies/scheduling/index.js';

const timeShared: VmSchedulerFactory = (pes) => new VmSchedulerTimeShared(pes);

function host(overrides: Partial<ConstructorParameters<typeof Host>[0]> = {}): Host {
  return new Host({
    id: 0,
    pes: makePes(2, 1000),
    ramMb: 2048,
    bwMbps: 10000,
    storageMb: 1_000_000,
    vmScheduler: timeShared,
    ...overrides,
  });
}

const vm = (id: number, extra: Partial<ConstructorParameters<typeof Vm>[0]> = {}) =>
  new Vm({ id, mips: 1000, ramMb: 512, bwMbps: 1000, sizeMb: 10000, ...extra });

describe('Host', () => {
  it('creates a VM that fits and takes its MIPS, RAM, bandwidth and storage', () => {
    const h = host();
    const v = vm(0);
    expect(h.createVm(v)).toBe(true);
    expect(v.host).toBe(h);
    expect(h.vms).toEqual([v]);
    expect(h.availableMips).toBe(1000);
    expect(h.availableRamMb).toBe(1536);
    expect(h.availableBwMbps).toBe(9000);
    expect(h.availableStorageMb).toBe(990_000);
  });

  it('refuses a VM when MIPS run out, naming the resource', () => {
    const h = host();
    expect(h.createVm(vm(0))).toBe(true);
    expect(h.createVm(vm(1))).toBe(true);
    const third = vm(2);
    expect(h.unfitReason(third)).toBe('pes');
    expect(h.createVm(third)).toBe(false);
    expect(third.host).toBeUndefined();
  });

  it('refuses a VM when RAM, bandwidth or storage run out', () => {
    expect(host().unfitReason(vm(0, { ramMb: 4096 }))).toBe('ram');
    expect(host().unfitReason(vm(0, { bwMbps: 20000 }))).toBe('bw');
    expect(host().unfitReason(vm(0, { sizeMb: 2_000_000 }))).toBe('storage');
  });

  it('refuses a VM whose virtual PE asks for more than one physical PE delivers', () => {
    expect(host().unfitReason(vm(0, { mips: 1500 }))).toBe('pes');
  });

  it('frees everything on destroy', () => {
    const h = host();
    const v = vm(0);
    h.createVm(v);
    h.destroyVm(v);
    expect(v.host).toBeUndefined();
    expect(h.vms).toEqual([]);
    expect(h.availableMips).toBe(2000);
    expect(h.availableRamMb).toBe(2048);
    expect(h.availableBwMbps).toBe(10000);
    expect(h.availableStorageMb).toBe(1_000_000);
  });

  it('rejects a host with no PEs before anything runs', () => {
    expect(() => host({ pes: [] })).toThrow(ConfigError);
    try {
      host({ id: 3, pes: [] });
    } catch (error) {
      expect((error as ConfigError).field).toBe('host[3].pes');
    }
  });

  it('rejects a PE with non-positive MIPS', () => {
    expect(() => makePes(1, 0)).toThrow(/mips/);
  });
});

describe('Host.watchPlacements', () => {
  it('calls the watcher after each placement and removal until it is removed', () => {
    const host = new Host({
      id: 0,
      pes: makePes(2, 1000),
      ramMb: 4096,
      bwMbps: 1000,
      storageMb: 100_000,
      vmScheduler: (pes) => new VmSchedulerTimeShared(pes),
    });
    const seen: number[] = [];
    const unwatch = host.watchPlacements((h) => seen.push(h.availableMips));
    const vm = new Vm({ id: 0, mips: 500, ramMb: 512, bwMbps: 100, sizeMb: 1000 });
    host.createVm(vm);
    host.destroyVm(vm);
    expect(host.placementWatcherCount).toBe(1);
    unwatch();
    host.createVm(vm);
    expect(seen).toEqual([1500, 2000]);
    expect(host.placementWatcherCount).toBe(0);
  });
});
