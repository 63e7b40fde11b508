import { Container } from 'inversify';
import { describe, expect, it } from 'vitest';
import { coreModule, SIMULATION } from '../../src/core/index.js';
import {
  CLOUDLET_SCHEDULER_FACTORY,
  Cloudlet,
  CloudSimulation,
  Datacenter,
  DatacenterBroker,
  EXAMPLE_CHARACTERISTICS,
  Host,
  makePes,
  VM_ALLOCATION_POLICY,
  VM_SCHEDULER_FACTORY,
  Vm,
} from '../../src/entities/index.js';
import {
  VmAllocationPolicyFirstFit,
  VmAllocationPolicySimpleIndexed,
} from '../../src/policies/allocation/index.js';
import { cloudSimPoliciesModule } from '../../src/policies/cloudsim-module.js';

/** One datacenter (host 0: 2 PEs, host 1: 4 PEs), one VM; returns the id of the VM's host. */
function hostChosenFor(container: Container): number | undefined {
  const cloud = new CloudSimulation({ sim: container.get(SIMULATION) });
  const makeHost = (id: number, pes: number) =>
    new Host({
      id,
      pes: makePes(pes, 1000),
      ramMb: 4096,
      bwMbps: 10000,
      storageMb: 1_000_000,
      vmScheduler: container.get(VM_SCHEDULER_FACTORY),
    });
  new Datacenter(cloud.bus, {
    name: 'Datacenter_0',
    characteristics: EXAMPLE_CHARACTERISTICS,
    hosts: [makeHost(0, 2), makeHost(1, 4)],
    vmAllocationPolicy: container.get(VM_ALLOCATION_POLICY),
    informationService: cloud.informationService,
  });
  const broker = new DatacenterBroker(cloud.bus, 'Broker', cloud.informationService);
  const vm = new Vm({
    id: 0,
    mips: 1000,
    ramMb: 512,
    bwMbps: 1000,
    sizeMb: 10000,
    cloudletScheduler: container.get(CLOUDLET_SCHEDULER_FACTORY)(),
  });
  broker.submitVmList([vm]);
  broker.submitCloudletList([new Cloudlet({ id: 0, lengthMi: 1000 })]);
  let hostId: number | undefined;
  cloud.sim.hooks.eventProcessed.subscribe(() => {
    hostId ??= vm.host?.id;
  });
  cloud.sim.run();
  expect(broker.cloudletsReceived.map((c) => c.status)).toEqual(['SUCCESS']);
  return hostId;
}

function container(): Container {
  const c = new Container();
  c.load(coreModule({ seed: 1 }), cloudSimPoliciesModule());
  return c;
}

describe('cloudSimPoliciesModule', () => {
  it('binds CloudSim’s VmAllocationPolicySimple (indexed) by default: the 4-PE host (most free MIPS) gets the VM', () => {
    expect(container().get(VM_ALLOCATION_POLICY)).toBeInstanceOf(VmAllocationPolicySimpleIndexed);
    expect(hostChosenFor(container())).toBe(1);
  });

  it('rebinding to FirstFit changes the host: the first host in the list gets the VM', () => {
    const c = container();
    c.rebind(VM_ALLOCATION_POLICY).to(VmAllocationPolicyFirstFit);
    expect(hostChosenFor(c)).toBe(0);
  });

  it('gives each datacenter its own policy instance (transient scope)', () => {
    const c = container();
    expect(c.get(VM_ALLOCATION_POLICY)).not.toBe(c.get(VM_ALLOCATION_POLICY));
  });
});
