/**
 * CloudSimExample1 (CloudSim 7.0.1), ported: a datacenter with one host, one VM and one cloudlet.
 *
 *   npx tsx examples/cloudsim/example1.ts [--json]
 *
 * Prints CloudSim's cloudlet table (or `--json`: the rows at full precision). The policies — how
 * the datacenter places VMs, how a host shares its PEs, how a VM runs cloudlets — come from the
 * container, so `container.rebind(VM_ALLOCATION_POLICY).to(MyPolicy)` changes them.
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
export function example1(container: Container): DatacenterBroker[] {
  // The simulation, with CloudSim's first entities: 0 shutdown, 1 information service.
  const cloud = new CloudSimulation({ sim: container.get(SIMULATION) });

  // Datacenter_0 (entity 2): one host with one 1000-MIPS PE and 2 GB of RAM.
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

  // The broker (entity 3) with one VM of 1000 MIPS and one cloudlet of 400000 MI bound to it.
  const broker = new DatacenterBroker(cloud.bus, 'Broker', cloud.informationService);
  const vm = new Vm({
    id: 0,
    mips: 1000,
    pes: 1,
    ramMb: 512,
    bwMbps: 1000,
    sizeMb: 10000,
    cloudletScheduler: container.get(CLOUDLET_SCHEDULER_FACTORY)(),
  });
  const cloudlet = new Cloudlet({
    id: 0,
    lengthMi: 400000,
    pes: 1,
    fileSizeBytes: 300,
    outputSizeBytes: 300,
  });
  broker.submitVmList([vm]);
  broker.submitCloudletList([cloudlet]);
  broker.bindCloudletToVm(cloudlet.id, vm.id);

  cloud.sim.run();
  return [broker];
}

await runScript(
  import.meta.url,
  (values) => printCloudletResults(example1(createRunContainer()), values.json),
  { json: { type: 'boolean', default: false } },
);
