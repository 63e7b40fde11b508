import { describe, expect, it } from 'vitest';
import { Cloudlet, CloudSimulation, DatacenterBroker, Vm } from '../../src/entities/index.js';
import { configError } from '../config-error.js';
import { exampleDatacenter, exampleVm } from '../support/cloudsim-fixtures.js';

describe('bad input', () => {
  it('a VM that fits no host is reported as failed and the run goes on', () => {
    const cloud = new CloudSimulation();
    exampleDatacenter(cloud, 'Datacenter_0', [{ pes: 1, mipsPerPe: 1000, ramMb: 2048 }]);
    const broker = new DatacenterBroker(cloud.bus, 'Broker', cloud.informationService);
    const huge = exampleVm(1, 1000, 8192); // 8 GB on a 2 GB host
    broker.submitVmList([exampleVm(0, 1000, 512), huge]);
    broker.submitCloudletList([
      new Cloudlet({ id: 0, lengthMi: 1000, vmId: 0 }),
      new Cloudlet({ id: 1, lengthMi: 1000, vmId: 1 }),
      new Cloudlet({ id: 2, lengthMi: 1000 }),
    ]);
    cloud.sim.run();
    expect(broker.vmsFailed).toEqual([huge]);
    expect(broker.cloudletsReceived.map((c) => [c.id, c.status, c.vmId])).toEqual([
      [0, 'SUCCESS', 0],
      [2, 'SUCCESS', 0],
    ]);
    // The cloudlet bound to the failed VM can never run: it ends CANCELED, not stuck.
    expect(broker.cloudletsNotRun.map((c) => [c.id, c.status])).toEqual([[1, 'CANCELED']]);
  });

  it('a cloudlet bound to an unknown VM is an error before the run starts, naming the field', () => {
    const cloud = new CloudSimulation();
    exampleDatacenter(cloud, 'Datacenter_0', [{ pes: 1, mipsPerPe: 1000, ramMb: 2048 }]);
    const broker = new DatacenterBroker(cloud.bus, 'Broker', cloud.informationService);
    broker.submitVmList([exampleVm(0, 1000, 512)]);
    broker.submitCloudletList([new Cloudlet({ id: 7, lengthMi: 1000, vmId: 3 })]);
    const error = configError(() => cloud.sim.run());
    expect(error.field).toBe('Broker.cloudlets[7].vmId');
    expect(error.value).toBe(3);
    expect(error.message).toMatch(/VM ids: 0/);
    expect(cloud.sim.eventsProcessed).toBe(0);
  });

  it('non-positive cloudlet length or MIPS are rejected when built', () => {
    expect(configError(() => new Cloudlet({ id: 4, lengthMi: 0 })).field).toBe('cloudlet[4].lengthMi');
    expect(configError(() => new Cloudlet({ id: 4, lengthMi: -5 })).value).toBe(-5);
    expect(configError(() => new Cloudlet({ id: 4, lengthMi: 1.5 })).field).toBe('cloudlet[4].lengthMi');
    const vm = { id: 2, ramMb: 512, bwMbps: 1000, sizeMb: 10000 };
    expect(configError(() => new Vm({ ...vm, mips: 0 })).field).toBe('vm[2].mips');
    expect(configError(() => new Vm({ ...vm, mips: Number.NaN })).field).toBe('vm[2].mips');
  });

  it('a host with no PEs or a datacenter with no hosts is rejected when built', () => {
    const cloud = new CloudSimulation();
    expect(configError(() => exampleDatacenter(cloud, 'Empty', [])).field).toBe('datacenter "Empty".hosts');
    expect(
      configError(() => exampleDatacenter(cloud, 'NoPes', [{ pes: 0, mipsPerPe: 1000, ramMb: 1 }])).field,
    ).toBe('host[0].pes');
  });

  it('two VMs with the same id for one broker are rejected', () => {
    const cloud = new CloudSimulation();
    const broker = new DatacenterBroker(cloud.bus, 'Broker', cloud.informationService);
    expect(configError(() => broker.submitVmList([exampleVm(0, 100, 1), exampleVm(0, 100, 1)])).field).toBe(
      'Broker.vms[0].id',
    );
  });
});
