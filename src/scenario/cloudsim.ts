/**
 * A `cloudsim` scenario: datacenters of hosts and brokers with VMs and cloudlets, built with the
 * container's policies (its allocation policy and the scenario's schedulers) and run to the end. VM
 * and cloudlet ids follow list order within each broker; a cloudlet's `vm` is an index in its broker's
 * VM list.
 */
import { SIMULATION } from '../core/di.js';
import { ConfigError } from '../core/errors.js';
import { CloudSimulation } from '../entities/cloud-simulation.js';
import { Cloudlet } from '../entities/cloudlet.js';
import { CLOUDLET_SCHEDULER_FACTORY } from '../entities/cloudlet-scheduler.js';
import { Datacenter, EXAMPLE_CHARACTERISTICS } from '../entities/datacenter.js';
import { DatacenterBroker } from '../entities/datacenter-broker.js';
import { Host } from '../entities/host.js';
import { makePes } from '../entities/pe.js';
import { Vm } from '../entities/vm.js';
import { VM_ALLOCATION_POLICY } from '../entities/vm-allocation-policy.js';
import { VM_SCHEDULER_FACTORY } from '../entities/vm-scheduler.js';
import { CLOUDLET_SCHEDULERS, VM_SCHEDULERS } from '../policies/cloudsim-module.js';
import { createRunContainer } from '../runs/container.js';
import { checkCloudFits } from '../runs/run-limits.js';
import { type LoadedScenario, resolvePluginRef, SCENARIO_PLUGIN_KINDS } from './load.js';
import type { CloudsimScenario } from './schema.js';

/** Builds and runs a cloudsim scenario; returns its brokers (creation order) after the run. */
export async function runCloudsimScenario(
  loaded: LoadedScenario & { scenario: CloudsimScenario },
): Promise<DatacenterBroker[]> {
  const { scenario, file } = loaded;
  const count = (items: readonly { count: number }[]) => items.reduce((sum, item) => sum + item.count, 0);
  checkCloudFits(
    'scenario',
    count(scenario.datacenters.flatMap((dc) => dc.hosts)),
    count(scenario.brokers.flatMap((b) => b.vms)),
    count(scenario.brokers.flatMap((b) => b.cloudlets)),
  );
  const allocation = await resolvePluginRef(
    scenario.allocation,
    SCENARIO_PLUGIN_KINDS.allocation,
    file,
    'allocation',
  );
  const container = createRunContainer({ seed: scenario.seed, allocation });
  container.rebind(VM_SCHEDULER_FACTORY).toConstantValue(VM_SCHEDULERS[scenario.vmScheduler]);
  container
    .rebind(CLOUDLET_SCHEDULER_FACTORY)
    .toConstantValue(CLOUDLET_SCHEDULERS[scenario.cloudletScheduler]);
  const cloud = new CloudSimulation({ sim: container.get(SIMULATION) });
  for (const spec of scenario.datacenters) {
    const hosts: Host[] = [];
    for (const host of spec.hosts)
      for (let i = 0; i < host.count; i++)
        hosts.push(
          new Host({
            id: hosts.length,
            pes: makePes(host.pes, host.mipsPerPe),
            ramMb: host.ramMb,
            bwMbps: host.bwMbps,
            storageMb: host.storageMb,
            vmScheduler:
              host.vmScheduler === undefined
                ? container.get(VM_SCHEDULER_FACTORY)
                : VM_SCHEDULERS[host.vmScheduler],
          }),
        );
    new Datacenter(cloud.bus, {
      name: spec.name,
      characteristics: {
        ...EXAMPLE_CHARACTERISTICS,
        costPerStorage: spec.costPerStorage,
        costPerBw: spec.costPerBw,
      },
      hosts,
      vmAllocationPolicy: container.get(VM_ALLOCATION_POLICY),
      informationService: cloud.informationService,
    });
  }
  const brokers = scenario.brokers.map((spec, b) => {
    const broker = new DatacenterBroker(cloud.bus, spec.name, cloud.informationService);
    const vms: Vm[] = [];
    for (const vm of spec.vms)
      for (let i = 0; i < vm.count; i++)
        vms.push(
          new Vm({
            id: vms.length,
            mips: vm.mips,
            pes: vm.pes,
            ramMb: vm.ramMb,
            bwMbps: vm.bwMbps,
            sizeMb: vm.sizeMb,
            cloudletScheduler: container.get(CLOUDLET_SCHEDULER_FACTORY)(),
          }),
        );
    const cloudlets: Cloudlet[] = [];
    spec.cloudlets.forEach((cloudlet, c) => {
      if (cloudlet.vm !== undefined && cloudlet.vm >= vms.length)
        throw new ConfigError(
          `brokers[${b}].cloudlets[${c}].vm`,
          cloudlet.vm,
          `must be the index of one of the broker's ${vms.length} VMs (0 … ${vms.length - 1})`,
        );
      for (let i = 0; i < cloudlet.count; i++)
        cloudlets.push(
          new Cloudlet({
            id: cloudlets.length,
            lengthMi: cloudlet.lengthMi,
            pes: cloudlet.pes,
            vmId: cloudlet.vm,
          }),
        );
    });
    broker.submitVmList(vms);
    broker.submitCloudletList(cloudlets);
    return broker;
  });
  cloud.sim.run();
  return brokers;
}
