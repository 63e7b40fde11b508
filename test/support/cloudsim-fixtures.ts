/**
 * Test fixtures: datacenters, hosts, VMs and cloudlets with the settings all eight classic CloudSim
 * examples share (see cloudsim-examples.md), for tests of the entities.
 */
import {
  Cloudlet,
  type CloudSimulation,
  Datacenter,
  type DatacenterBroker,
  type DatacenterCharacteristics,
  EXAMPLE_CHARACTERISTICS,
  Host,
  makePes,
  Vm,
  type VmAllocationPolicy,
  type VmSchedulerFactory,
} from '../../src/entities/index.js';
import { VmAllocationPolicySimple } from '../../src/policies/allocation/index.js';
import {
  CloudletSchedulerTimeShared,
  VmSchedulerSpaceShared,
  VmSchedulerTimeShared,
} from '../../src/policies/scheduling/index.js';

/** Prices of examples 6–8 (storage and bandwidth cost 0.1). */
export const EXAMPLE_6_8_CHARACTERISTICS: DatacenterCharacteristics = Object.freeze({
  ...EXAMPLE_CHARACTERISTICS,
  costPerStorage: 0.1,
  costPerBw: 0.1,
});

/** How a host shares its PEs among VMs. */
export type VmSchedulerKind = 'time-shared' | 'space-shared';

/** One host of an example datacenter. Bandwidth 10000 and storage 1,000,000 as in the examples. */
export interface ExampleHostSpec {
  pes: number;
  mipsPerPe: number;
  ramMb: number;
  vmScheduler?: VmSchedulerKind;
}

const VM_SCHEDULERS: Record<VmSchedulerKind, VmSchedulerFactory> = {
  'time-shared': (pes) => new VmSchedulerTimeShared(pes),
  'space-shared': (pes) => new VmSchedulerSpaceShared(pes),
};

/** Builds a datacenter of the examples: hosts with ids 0, 1, … and VmAllocationPolicySimple. */
export function exampleDatacenter(
  cloud: CloudSimulation,
  name: string,
  hosts: readonly ExampleHostSpec[],
  options: { characteristics?: DatacenterCharacteristics; vmAllocationPolicy?: VmAllocationPolicy } = {},
): Datacenter {
  return new Datacenter(cloud.bus, {
    name,
    characteristics: options.characteristics ?? EXAMPLE_CHARACTERISTICS,
    hosts: hosts.map(
      (spec, id) =>
        new Host({
          id,
          pes: makePes(spec.pes, spec.mipsPerPe),
          ramMb: spec.ramMb,
          bwMbps: 10000,
          storageMb: 1_000_000,
          vmScheduler: VM_SCHEDULERS[spec.vmScheduler ?? 'time-shared'],
        }),
    ),
    vmAllocationPolicy: options.vmAllocationPolicy ?? new VmAllocationPolicySimple(),
    informationService: cloud.informationService,
  });
}

/** A VM of the examples: image 10000 MB, bandwidth 1000, Xen, time-shared cloudlet scheduler. */
export function exampleVm(id: number, mips: number, ramMb: number, pes = 1): Vm {
  return new Vm({
    id,
    mips,
    pes,
    ramMb,
    bwMbps: 1000,
    sizeMb: 10000,
    vmm: 'Xen',
    cloudletScheduler: new CloudletSchedulerTimeShared(),
  });
}

/** A cloudlet of the examples: 1 PE, file and output size 300, full utilization. */
export function exampleCloudlet(id: number, lengthMi: number, vmId?: number): Cloudlet {
  return new Cloudlet({ id, lengthMi, pes: 1, fileSizeBytes: 300, outputSizeBytes: 300, vmId });
}

/** `count` VMs with ids `idShift`, `idShift + 1`, … */
export function exampleVms(count: number, mips: number, ramMb: number, idShift = 0): Vm[] {
  return Array.from({ length: count }, (_, i) => exampleVm(idShift + i, mips, ramMb));
}

/** `count` unbound cloudlets with ids `idShift`, `idShift + 1`, … */
export function exampleCloudlets(count: number, lengthMi: number, idShift = 0): Cloudlet[] {
  return Array.from({ length: count }, (_, i) => exampleCloudlet(idShift + i, lengthMi));
}

/** Gives `broker` its VMs and cloudlets. */
export function submitWorkload(
  broker: DatacenterBroker,
  vms: readonly Vm[],
  cloudlets: readonly Cloudlet[],
): void {
  broker.submitVmList(vms);
  broker.submitCloudletList(cloudlets);
}
