/**
 * CloudSimExample5 (CloudSim 7.0.1), ported: the two space-shared datacenters of example 4 and two
 * users, each with its own broker, one VM and one unbound cloudlet. The second user's VM finds the
 * first datacenter full and is created in the second.
 *
 *   npx tsx examples/cloudsim/example5.ts [--json]
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
  VM_SCHEDULERS,
  Vm,
} from 'scitsim';
import { printCloudletResults } from 'scitsim/report';

/** Builds the scenario with `container`'s policies, runs it and returns both brokers. */
export function example5(container: Container): DatacenterBroker[] {
  const cloud = new CloudSimulation({ sim: container.get(SIMULATION) });

  for (const name of ['Datacenter_0', 'Datacenter_1']) {
    const host = new Host({
      id: 0,
      pes: makePes(1, 1000),
      ramMb: 2048,
      bwMbps: 10000,
      storageMb: 1_000_000,
      vmScheduler: container.get(VM_SCHEDULER_FACTORY),
    });
    new Datacenter(cloud.bus, {
      name,
      characteristics: EXAMPLE_CHARACTERISTICS,
      hosts: [host],
      vmAllocationPolicy: container.get(VM_ALLOCATION_POLICY),
      informationService: cloud.informationService,
    });
  }

  // Two users: each broker has VM 0 (250 MIPS) and cloudlet 0 (40000 MI), left unbound.
  const brokers = ['Broker1', 'Broker2'].map(
    (name) => new DatacenterBroker(cloud.bus, name, cloud.informationService),
  );
  for (const broker of brokers) {
    const vm = new Vm({
      id: 0,
      mips: 250,
      pes: 1,
      ramMb: 512,
      bwMbps: 1000,
      sizeMb: 10000,
      cloudletScheduler: container.get(CLOUDLET_SCHEDULER_FACTORY)(),
    });
    broker.submitVmList([vm]);
    broker.submitCloudletList([
      new Cloudlet({ id: 0, lengthMi: 40000, pes: 1, fileSizeBytes: 300, outputSizeBytes: 300 }),
    ]);
  }

  cloud.sim.run();
  return brokers;
}

await runScript(
  import.meta.url,
  (values) => {
    const container = createRunContainer();
    container.rebind(VM_SCHEDULER_FACTORY).toConstantValue(VM_SCHEDULERS['space-shared']);
    printCloudletResults(example5(container), values.json);
  },
  { json: { type: 'boolean', default: false } },
);
