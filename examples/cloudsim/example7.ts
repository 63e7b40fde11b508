/**
 * CloudSimExample7 (CloudSim 7.0.1), ported: the simulation is paused at t = 200, a second broker is
 * added while it is paused, and it resumes. Two datacenters, each with a 4-PE and a 2-PE host.
 *
 *   npx tsx examples/cloudsim/example7.ts [--json]
 *
 * CloudSim's pause processes the last events dispatched before 200 at exactly 200, which adds a
 * datacenter update at 200.0: that is why finish times are 320.008 here and 320.01 in example 8.
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

/** A broker with 5 VMs of 250 MIPS and 10 unbound cloudlets of 40000 MI; ids start at `firstId`. */
function createBroker(container: Container, cloud: CloudSimulation, name: string, firstId: number) {
  const broker = new DatacenterBroker(cloud.bus, name, cloud.informationService);
  const vms = Array.from(
    { length: 5 },
    (_, i) =>
      new Vm({
        id: firstId + i,
        mips: 250,
        pes: 1,
        ramMb: 512,
        bwMbps: 1000,
        sizeMb: 10000,
        cloudletScheduler: container.get(CLOUDLET_SCHEDULER_FACTORY)(),
      }),
  );
  const cloudlets = Array.from(
    { length: 10 },
    (_, i) =>
      new Cloudlet({ id: firstId + i, lengthMi: 40000, pes: 1, fileSizeBytes: 300, outputSizeBytes: 300 }),
  );
  broker.submitVmList(vms);
  broker.submitCloudletList(cloudlets);
  return broker;
}

/** Builds the scenario with `container`'s policies, runs it (pausing at 200) and returns both brokers. */
export function example7(container: Container): DatacenterBroker[] {
  const cloud = new CloudSimulation({ sim: container.get(SIMULATION) });

  const characteristics = { ...EXAMPLE_CHARACTERISTICS, costPerStorage: 0.1, costPerBw: 0.1 };
  for (const name of ['Datacenter_0', 'Datacenter_1']) {
    const hosts = [4, 2].map(
      (pes, id) =>
        new Host({
          id,
          pes: makePes(pes, 1000),
          ramMb: 16384,
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
  const first = createBroker(container, cloud, 'Broker_0', 0);

  // CloudSim's pauseSimulation(200): run until 200, add Broker_1 (VMs and cloudlets 100…), resume.
  cloud.bus.pauseAt(200);
  cloud.sim.run({ until: 200 });
  const second = createBroker(container, cloud, 'Broker_1', 100);
  cloud.sim.run();
  return [first, second];
}

await runScript(
  import.meta.url,
  (values) => printCloudletResults(example7(createRunContainer()), values.json),
  { json: { type: 'boolean', default: false } },
);
