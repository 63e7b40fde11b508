import { describe, expect, it } from 'vitest';
import { Cloudlet, CloudSimulation, DatacenterBroker, Vm } from '../../src/entities/index.js';
import { configError } from '../config-error.js';
import {
  exampleCloudlet,
  exampleCloudlets,
  exampleDatacenter,
  exampleVm,
  exampleVms,
} from '../support/cloudsim-fixtures.js';

const HOST_1PE_2GB = { pes: 1, mipsPerPe: 1000, ramMb: 2048 };

function setup(datacenters: number) {
  const cloud = new CloudSimulation();
  const dcs = Array.from({ length: datacenters }, (_, i) =>
    exampleDatacenter(cloud, `Datacenter_${i}`, [HOST_1PE_2GB]),
  );
  const broker = new DatacenterBroker(cloud.bus, 'Broker', cloud.informationService);
  return { cloud, dcs, broker };
}

describe('DatacenterBroker', () => {
  describe('having VMs that fit', () => {
    it('retries a failed VM in the next datacenter, and destroys its VMs once every cloudlet is back', () => {
      const { cloud, dcs, broker } = setup(2);
      // Two 1000-MIPS VMs, one 1000-MIPS host per datacenter: VM 1 fails in the first, fits the second.
      broker.submitVmList(exampleVms(2, 1000, 512));
      broker.submitCloudletList([exampleCloudlet(0, 1000, 0), exampleCloudlet(1, 1000, 1)]);
      cloud.sim.run();
      expect(broker.vmsFailed).toEqual([]);
      expect(broker.vmFailures).toEqual([]); // VM 1's refusal by Datacenter_0 is not a final failure
      expect(broker.cloudletsReceived.map((c) => [c.id, c.datacenterId])).toEqual([
        [0, dcs[0].id],
        [1, dcs[1].id],
      ]);
      expect(dcs.map((dc) => dc.vms.length)).toEqual([0, 0]);
      expect(broker.isFinished).toBe(true);
    });

    it('spreads unbound cloudlets round-robin over the created VMs, in acknowledgement order', () => {
      const { cloud, broker } = setup(1);
      broker.submitVmList(exampleVms(3, 250, 256));
      broker.submitCloudletList(exampleCloudlets(7, 1000));
      cloud.sim.run();
      const vmOf = new Map(broker.cloudletsReceived.map((c) => [c.id, c.vmId]));
      expect([0, 1, 2, 3, 4, 5, 6].map((id) => vmOf.get(id))).toEqual([0, 1, 2, 0, 1, 2, 0]);
    });
  });

  describe('having cloudlets that can never run', () => {
    it('cancels them when the broker has no VM at all (it used to wait for ever)', () => {
      const { cloud, broker } = setup(1);
      const cloudlets = [new Cloudlet({ id: 0, lengthMi: 1000 }), new Cloudlet({ id: 1, lengthMi: 10 })];
      broker.submitCloudletList(cloudlets);
      cloud.sim.run();
      expect(broker.cloudletsReceived).toEqual([]);
      expect(broker.cloudletsNotRun.map((c) => [c.id, c.status])).toEqual([
        [0, 'CANCELED'],
        [1, 'CANCELED'],
      ]);
      expect(broker.isFinished).toBe(true);
    });

    it('cancels them when no datacenter is registered', () => {
      const cloud = new CloudSimulation();
      const broker = new DatacenterBroker(cloud.bus, 'Broker', cloud.informationService);
      broker.submitVmList([exampleVm(0, 1000, 512)]);
      broker.submitCloudletList([exampleCloudlet(0, 1000)]);
      cloud.sim.run();
      expect(broker.cloudletsNotRun.map((c) => c.status)).toEqual(['CANCELED']);
      expect(broker.vmsFailed).toEqual([broker.vms[0]]);
    });

    it('records why a VM larger than every host of every datacenter failed, per datacenter', () => {
      const { cloud, dcs, broker } = setup(2);
      const huge = exampleVm(1, 500, 4096); // 4 GB; every host has 2 GB
      broker.submitVmList([exampleVm(0, 500, 512), huge]);
      broker.submitCloudletList([exampleCloudlet(0, 1000, 0), exampleCloudlet(1, 1000, 1)]);
      cloud.sim.run();
      expect(broker.vmsFailed).toEqual([huge]);
      expect(broker.vmFailures).toEqual([
        { vm: huge, datacenter: dcs[0], reason: 'ram' },
        { vm: huge, datacenter: dcs[1], reason: 'ram' },
      ]);
      expect(broker.cloudletsReceived.map((c) => c.id)).toEqual([0]);
      expect(broker.cloudletsNotRun.map((c) => [c.id, c.status])).toEqual([[1, 'CANCELED']]);
    });
  });

  describe('bad configuration', () => {
    it('a VM without a cloudlet scheduler is an error at submission, naming the VM and the remedy', () => {
      const { broker } = setup(1);
      const bare = new Vm({ id: 3, mips: 1000, ramMb: 512, bwMbps: 1000, sizeMb: 10000 });
      const error = configError(() => broker.submitVmList([bare]));
      expect(error.field).toBe('Broker.vms[3].cloudletScheduler');
      expect(error.message).toMatch(/VM 3 has no cloudlet scheduler/);
      expect(error.message).toMatch(/CLOUDLET_SCHEDULER_FACTORY/);
      expect(broker.vms).toEqual([]);
    });

    it('a duplicate cloudlet id is an error naming the id, within one list or across two; none is taken', () => {
      const { broker } = setup(1);
      const within = configError(() =>
        broker.submitCloudletList([...exampleCloudlets(2, 10), exampleCloudlet(1, 10)]),
      );
      expect([within.field, within.value]).toEqual(['Broker.cloudlets[1].id', 1]);
      broker.submitCloudletList([exampleCloudlet(0, 10)]); // nothing of the failed list was taken
      const across = configError(() => broker.submitCloudletList([exampleCloudlet(0, 10)]));
      expect(across.message).toBe('Broker.cloudlets[0].id: duplicate cloudlet id for this broker (got 0)');
      // Ids far apart, negative or beyond the dense range are told apart as well.
      broker.submitCloudletList([-1, 31, 32, 2 ** 30].map((id) => exampleCloudlet(id, 10)));
      for (const id of [-1, 32, 2 ** 30]) {
        expect(configError(() => broker.submitCloudletList([exampleCloudlet(id, 10)])).value).toBe(id);
      }
      broker.submitCloudletList([-2, 33, 2 ** 30 + 1].map((id) => exampleCloudlet(id, 10)));
    });

    it('binding an unknown cloudlet is an error naming it', () => {
      const { broker } = setup(1);
      expect(configError(() => broker.bindCloudletToVm(9, 0)).field).toBe('Broker.bind.cloudletId');
    });
  });
});
