/**
 * CloudSimExample4 (CloudSim 7.0.1), ported: two datacenters, each with one host whose VM scheduler is
 * space-shared (one VM per PE). The second VM does not fit the first datacenter, so the broker creates
 * it in the second one.
 *
 *   npx tsx examples/cloudsim/example4.ts [--json]
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

/** Builds the scenario with `container`'s policies, runs it and returns the broker. */
export function example4(container: Container): DatacenterBroker[] {
  const cloud = new CloudSimulation({ sim: container.get(SIMULATION) });

  // Datacenter_0 and Datacenter_1: one host each, one 1000-MIPS PE.
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

  // Two VMs of 250 MIPS; cloudlet i (40000 MI) on VM i.
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
  (values) => {
    // This scenario's hosts share their PEs space-shared: one rebind, before anything is built.
    const container = createRunContainer();
    container.rebind(VM_SCHEDULER_FACTORY).toConstantValue(VM_SCHEDULERS['space-shared']);
    printCloudletResults(example4(container), values.json);
  },
  { json: { type: 'boolean', default: false } },
);
