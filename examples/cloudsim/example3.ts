/**
 * CloudSimExample3 (CloudSim 7.0.1), ported: two hosts; VMs of 250 and 500 MIPS, each with one
 * cloudlet of 40000 MI. The faster VM's cloudlet comes back first.
 *
 *   npx tsx examples/cloudsim/example3.ts [--json]
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
export function example3(container: Container): DatacenterBroker[] {
  const cloud = new CloudSimulation({ sim: container.get(SIMULATION) });

  // Datacenter_0: two hosts, each one 1000-MIPS PE and 2 GB of RAM (so each takes one 2 GB VM).
  const hosts = [0, 1].map(
    (id) =>
      new Host({
        id,
        pes: makePes(1, 1000),
        ramMb: 2048,
        bwMbps: 10000,
        storageMb: 1_000_000,
        vmScheduler: container.get(VM_SCHEDULER_FACTORY),
      }),
  );
  new Datacenter(cloud.bus, {
    name: 'Datacenter_0',
    characteristics: EXAMPLE_CHARACTERISTICS,
    hosts,
    vmAllocationPolicy: container.get(VM_ALLOCATION_POLICY),
    informationService: cloud.informationService,
  });

  // VM 0: 250 MIPS, VM 1: 500 MIPS, 2 GB each; cloudlet i (40000 MI) on VM i.
  const broker = new DatacenterBroker(cloud.bus, 'Broker', cloud.informationService);
  const vms = [250, 500].map(
    (mips, id) =>
      new Vm({
        id,
        mips,
        pes: 1,
        ramMb: 2048,
        bwMbps: 1000,
        sizeMb: 10000,
        cloudletScheduler: container.get(CLOUDLET_SCHEDULER_FACTORY)(),
      }),
  );
  const cloudlets = [0, 1].map(
    (id) => new Cloudlet({ id, lengthMi: 40000, pes: 1, fileSizeBytes: 300, outputSizeBytes: 300 }),
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
  (values) => printCloudletResults(example3(createRunContainer()), values.json),
  { json: { type: 'boolean', default: false } },
);
