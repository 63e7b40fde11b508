/**
 * Your own VM allocation policy, in one class and one rebind: `LeastLoadedAllocation` places each VM on
 * the suitable host that runs the fewest VMs (ties: the first host), spreading VMs where CloudSim's
 * VmAllocationPolicySimple fills the host with the most free MIPS first. The scenario is CloudSim's
 * example 6 (two datacenters of a 4-PE and a 2-PE host; 20 VMs asked for, 40 cloudlets).
 *
 *   npx tsx examples/cloudsim/custom-allocation-policy.ts
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
  injectable,
  makePes,
  runScript,
  SIMULATION,
  VM_ALLOCATION_POLICY,
  VM_SCHEDULER_FACTORY,
  Vm,
  type VmAllocationPolicy,
} from 'scitsim';
import { cloudletRows } from 'scitsim/report';

/** The suitable host with the fewest VMs; ties go to the first in list order. Stateless. */
@injectable()
export class LeastLoadedAllocation implements VmAllocationPolicy {
  allocateHostForVm(vm: Vm, hosts: readonly Host[]): Host | undefined {
    let best: Host | undefined;
    for (const host of hosts)
      if (host.isSuitableForVm(vm) && (best === undefined || host.vms.length < best.vms.length)) best = host;
    return best;
  }
}

/** CloudSim's example 6 with `container`'s policies; returns the broker and, per datacenter, VMs per host. */
export function run(container: Container) {
  const cloud = new CloudSimulation({ sim: container.get(SIMULATION) });
  const characteristics = { ...EXAMPLE_CHARACTERISTICS, costPerStorage: 0.1, costPerBw: 0.1 };
  const datacenters = ['Datacenter_0', 'Datacenter_1'].map((name) => {
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
    return new Datacenter(cloud.bus, {
      name,
      characteristics,
      hosts,
      vmAllocationPolicy: container.get(VM_ALLOCATION_POLICY),
      informationService: cloud.informationService,
    });
  });
  const broker = new DatacenterBroker(cloud.bus, 'Broker', cloud.informationService);
  broker.submitVmList(
    Array.from(
      { length: 20 },
      (_, id) =>
        new Vm({
          id,
          mips: 1000,
          ramMb: 512,
          bwMbps: 1000,
          sizeMb: 10000,
          cloudletScheduler: container.get(CLOUDLET_SCHEDULER_FACTORY)(),
        }),
    ),
  );
  broker.submitCloudletList(Array.from({ length: 40 }, (_, id) => new Cloudlet({ id, lengthMi: 1000 })));
  cloud.sim.run();
  // Where each VM went stays readable after the run (VM uid → host id, per datacenter).
  const vmsPerHost = datacenters.map((dc) =>
    dc.hosts.map((host) =>
      [...dc.vmPlacements]
        .filter(([, placed]) => placed === host.id)
        .map(([uid]) => Number(uid.split('-')[1])),
    ),
  );
  return { broker, vmsPerHost };
}

await runScript(import.meta.url, () => {
  for (const [label, container] of [
    ['VmAllocationPolicySimple (the default)', createRunContainer()],
    ['LeastLoadedAllocation (ours)', createRunContainer({ allocation: LeastLoadedAllocation })],
  ] as const) {
    const { broker, vmsPerHost } = run(container);
    const rows = cloudletRows([broker]);
    const last = Math.max(...rows.map((row) => row.finish));
    console.log(`${label}:`);
    for (const [dc, hosts] of vmsPerHost.entries())
      for (const [host, vms] of hosts.entries())
        console.log(`  Datacenter_${dc} host ${host}: VMs ${vms.join(', ') || '-'}`);
    console.log(`  VMs created: ${broker.vms.length - broker.vmsFailed.length} of ${broker.vms.length}`);
    console.log(`  cloudlets finished: ${rows.length}, the last at ${last.toFixed(3)} s\n`);
  }
});
