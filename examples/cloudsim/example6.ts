/**
 * CloudSimExample6 (CloudSim 7.0.1), ported: two datacenters, each with a 4-PE and a 2-PE host; one
 * broker asks for 20 VMs (only 12 fit, the others fail) and sends 40 unbound cloudlets, which it spreads
 * round-robin over the VMs that were created.
 *
 *   npx tsx examples/cloudsim/example6.ts [--json]
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
export function example6(container: Container): DatacenterBroker[] {
  const cloud = new CloudSimulation({ sim: container.get(SIMULATION) });

  // Prices of examples 6–8: storage and bandwidth cost 0.1.
  const characteristics = { ...EXAMPLE_CHARACTERISTICS, costPerStorage: 0.1, costPerBw: 0.1 };
  for (const name of ['Datacenter_0', 'Datacenter_1']) {
    const hosts = [4, 2].map(
      (pes, id) =>
        new Host({
          id,
          pes: makePes(pes, 1000),
          ramMb: 2048,
          bwMbps: 10000,
          storageMb: 1_000_000,
          vmScheduler: container.get(VM_SCHEDULER_FACTORY),
        }),
    );
    new Datacenter(cloud.bus, {
      name,
      characteristics,
      hosts,
      vmAllocationPolicy: container.get(VM_ALLOCATION_POLICY),
      informationService: cloud.informationService,
    });
  }

  // 20 VMs of 1000 MIPS and 40 cloudlets of 1000 MI, unbound.
  const broker = new DatacenterBroker(cloud.bus, 'Broker', cloud.informationService);
  const vms = Array.from(
    { length: 20 },
    (_, id) =>
      new Vm({
        id,
        mips: 1000,
        pes: 1,
        ramMb: 512,
        bwMbps: 1000,
        sizeMb: 10000,
        cloudletScheduler: container.get(CLOUDLET_SCHEDULER_FACTORY)(),
      }),
  );
  const cloudlets = Array.from(
    { length: 40 },
    (_, id) => new Cloudlet({ id, lengthMi: 1000, pes: 1, fileSizeBytes: 300, outputSizeBytes: 300 }),
  );
  broker.submitVmList(vms);
  broker.submitCloudletList(cloudlets);

  cloud.sim.run();
  return [broker];
}

await runScript(
  import.meta.url,
  (values) => printCloudletResults(example6(createRunContainer()), values.json),
  { json: { type: 'boolean', default: false } },
);
