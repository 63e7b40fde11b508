/**
 * CloudSimExample2 (CloudSim 7.0.1), ported: two VMs of 250 MIPS share one host's 1000-MIPS PE; each
 * runs one cloudlet of 250000 MI.
 *
 *   npx tsx examples/cloudsim/example2.ts [--json]
 */
import {
  CLOUDLET_SCHEDULER_FACTORY,
  Cloudlet,
  CloudSimulation,
  type Container,
  createRunContainer,
  Datacenter,
  DatacenterBroker,
  EXAMPLE_CHARACTERISTICS,
  Host,
  makePes,
  runScript,
  SIMULATION,
  VM_ALLOCATION_POLICY,
  VM_SCHEDULER_FACTORY,
  Vm,
} from 'scitsim';
import { printCloudletResults } from 'scitsim/report';

/** Builds the scenario with `container`'s policies, runs it and returns the broker. */
export function example2(container: Container): DatacenterBroker[] {
  const cloud = new CloudSimulation({ sim: container.get(SIMULATION) });

  // Datacenter_0: one host with one 1000-MIPS PE; its VM scheduler shares the PE between the VMs.
  const host = new Host({
    id: 0,
    pes: makePes(1, 1000),
    ramMb: 2048,
    bwMbps: 10000,
    storageMb: 1_000_000,
    vmScheduler: container.get(VM_SCHEDULER_FACTORY),
  });
  new Datacenter(cloud.bus, {
    name: 'Datacenter_0',
    characteristics: EXAMPLE_CHARACTERISTICS,
    hosts: [host],
    vmAllocationPolicy: container.get(VM_ALLOCATION_POLICY),
    informationService: cloud.informationService,
  });

  // Two VMs of 250 MIPS, two cloudlets of 250000 MI: cloudlet 0 on VM 0, cloudlet 1 on VM 1.
  const broker = new DatacenterBroker(cloud.bus, 'Broker', cloud.informationService);
  const vms = [0, 1].map(
    (id) =>
      new Vm({
        id,
        mips: 250,
        pes: 1,
        ramMb: 512,
        bwMbps: 1000,
        sizeMb: 10000,
        cloudletScheduler: container.get(CLOUDLET_SCHEDULER_FACTORY)(),
      }),
  );
  const cloudlets = [0, 1].map(
    (id) => new Cloudlet({ id, lengthMi: 250000, pes: 1, fileSizeBytes: 300, outputSizeBytes: 300 }),
  );
  broker.submitVmList(vms);
  broker.submitCloudletList(cloudlets);
  broker.bindCloudletToVm(0, 0);
  broker.bindCloudletToVm(1, 1);

  cloud.sim.run();
  return [broker];
}

await runScript(
  import.meta.url,
  (values) => printCloudletResults(example2(createRunContainer()), values.json),
  { json: { type: 'boolean', default: false } },
);
