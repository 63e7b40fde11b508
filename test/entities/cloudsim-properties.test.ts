/**
 * Properties of the CloudSim entities on random small scenarios (fast-check; a failure prints its
 * seed and path): no host is ever over-committed, every cloudlet ends in exactly one final state,
 * finish ≥ start ≥ submission, the work done equals the length within 1 MI, and the fast time-shared
 * scheduler gives exactly the rows of the per-cloudlet one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Cloudlet,
  type CloudletScheduler,
  CloudSimulation,
  Datacenter,
  DatacenterBroker,
  EXAMPLE_CHARACTERISTICS,
  FINAL_CLOUDLET_STATUSES,
  Host,
  makePes,
  Vm,
  type VmAllocationPolicy,
} from '../../src/entities/index.js';
import {
  VmAllocationPolicyBestFit,
  VmAllocationPolicyFirstFit,
  VmAllocationPolicyRoundRobin,
  VmAllocationPolicySimple,
} from '../../src/policies/allocation/index.js';
import {
  CloudletSchedulerSpaceShared,
  CloudletSchedulerTimeShared,
  CloudletSchedulerTimeSharedFast,
  VmSchedulerSpaceShared,
  VmSchedulerTimeShared,
} from '../../src/policies/scheduling/index.js';
import { cloudletRows } from '../../src/report/cloudlet-table.js';

interface HostSpec {
  pes: number;
  mips: number;
  ramMb: number;
  spaceShared: boolean;
}
interface VmSpec {
  mips: number;
  pes: number;
  ramMb: number;
}
interface CloudletSpec {
  lengthMi: number;
  pes: number;
  /** Index into the VMs, or -1 for unbound. */
  vm: number;
}
interface Scenario {
  datacenters: HostSpec[][];
  brokers: { vms: VmSpec[]; cloudlets: CloudletSpec[] }[];
  policy: number;
}

const hostSpec = fc.record({
  pes: fc.integer({ min: 1, max: 4 }),
  mips: fc.constantFrom(500, 1000, 2000),
  ramMb: fc.constantFrom(1024, 2048, 4096),
  spaceShared: fc.boolean(),
});
const vmSpec = fc.record({
  mips: fc.constantFrom(100, 250, 500, 1000),
  pes: fc.integer({ min: 1, max: 2 }),
  ramMb: fc.constantFrom(256, 512, 1024),
});
const brokerSpec = fc.array(vmSpec, { minLength: 1, maxLength: 5 }).chain((vms) =>
  fc.record({
    vms: fc.constant(vms),
    cloudlets: fc.array(
      fc.record({
        lengthMi: fc.integer({ min: 1, max: 20000 }),
        pes: fc.integer({ min: 1, max: 2 }),
        vm: fc.integer({ min: -1, max: vms.length - 1 }),
      }),
      { minLength: 1, maxLength: 10 },
    ),
  }),
);
const scenario: fc.Arbitrary<Scenario> = fc.record({
  datacenters: fc.array(fc.array(hostSpec, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 }),
  brokers: fc.array(brokerSpec, { minLength: 1, maxLength: 2 }),
  policy: fc.integer({ min: 0, max: 3 }),
});

const POLICIES: (() => VmAllocationPolicy)[] = [
  () => new VmAllocationPolicySimple(),
  () => new VmAllocationPolicyFirstFit(),
  () => new VmAllocationPolicyBestFit(),
  () => new VmAllocationPolicyRoundRobin(),
];

type SchedulerKind = 'time-shared' | 'fast' | 'space-shared';
const SCHEDULERS: Record<SchedulerKind, () => CloudletScheduler> = {
  'time-shared': () => new CloudletSchedulerTimeShared(),
  fast: () => new CloudletSchedulerTimeSharedFast(),
  'space-shared': () => new CloudletSchedulerSpaceShared(),
};

function build(spec: Scenario, kind: SchedulerKind, exhaustiveUpdates = false) {
  const cloud = new CloudSimulation();
  const hosts: Host[] = [];
  spec.datacenters.forEach((dcHosts, d) => {
    const list = dcHosts.map(
      (h, id) =>
        new Host({
          id,
          pes: makePes(h.pes, h.mips),
          ramMb: h.ramMb,
          bwMbps: 10000,
          storageMb: 100_000,
          vmScheduler: (pes) =>
            h.spaceShared ? new VmSchedulerSpaceShared(pes) : new VmSchedulerTimeShared(pes),
        }),
    );
    hosts.push(...list);
    new Datacenter(cloud.bus, {
      name: `Datacenter_${d}`,
      characteristics: EXAMPLE_CHARACTERISTICS,
      hosts: list,
      vmAllocationPolicy: POLICIES[spec.policy](),
      informationService: cloud.informationService,
      exhaustiveUpdates,
    });
  });
  const cloudlets: Cloudlet[] = [];
  const brokers = spec.brokers.map((b, i) => {
    const broker = new DatacenterBroker(cloud.bus, `Broker_${i}`, cloud.informationService);
    const vms = b.vms.map(
      (v, id) =>
        new Vm({
          id,
          mips: v.mips,
          pes: v.pes,
          ramMb: v.ramMb,
          bwMbps: 100,
          sizeMb: 1000,
          cloudletScheduler: SCHEDULERS[kind](),
        }),
    );
    const mine = b.cloudlets.map(
      (c, id) => new Cloudlet({ id, lengthMi: c.lengthMi, pes: c.pes, vmId: c.vm < 0 ? undefined : c.vm }),
    );
    broker.submitVmList(vms);
    broker.submitCloudletList(mine);
    cloudlets.push(...mine);
    return broker;
  });
  return { cloud, hosts, brokers, cloudlets };
}

/** No host ever gives out more MIPS, RAM, bandwidth or storage than it has. */
function checkNotOvercommitted(hosts: readonly Host[]): void {
  for (const host of hosts) {
    let mips = 0;
    for (const vm of host.vms) for (const share of host.vmScheduler.allocatedMipsForVm(vm)) mips += share;
    expect(mips).toBeLessThanOrEqual(host.totalMips + 1e-9);
    expect(host.availableMips).toBeGreaterThanOrEqual(-1e-9);
    expect(host.availableRamMb).toBeGreaterThanOrEqual(0);
    expect(host.availableBwMbps).toBeGreaterThanOrEqual(0);
    expect(host.availableStorageMb).toBeGreaterThanOrEqual(0);
    const ram = host.vms.reduce((sum, vm) => sum + vm.ramMb, 0);
    expect(ram).toBeLessThanOrEqual(host.ramMb);
  }
}

describe('CloudSim entities — properties', () => {
  for (const kind of ['time-shared', 'space-shared'] as const) {
    it(`${kind} cloudlets: no over-commitment, one final state, ordered times, work = length`, () => {
      fc.assert(
        fc.property(scenario, (spec) => {
          const { cloud, hosts, brokers, cloudlets } = build(spec, kind);
          cloud.sim.hooks.eventProcessed.subscribe(() => checkNotOvercommitted(hosts));
          cloud.sim.run();
          const returned = brokers.flatMap((b) => b.cloudletsReceived);
          const notRun = brokers.flatMap((b) => b.cloudletsNotRun);
          // Exactly one final state: each cloudlet is either returned once or given up once.
          expect(new Set(returned).size).toBe(returned.length);
          expect(returned.length + notRun.length).toBe(cloudlets.length);
          for (const cloudlet of cloudlets) {
            expect(FINAL_CLOUDLET_STATUSES).toContain(cloudlet.status);
            expect(returned.includes(cloudlet)).not.toBe(notRun.includes(cloudlet));
          }
          for (const cloudlet of returned) {
            expect(['SUCCESS', 'FAILED']).toContain(cloudlet.status);
            if (cloudlet.status === 'FAILED') continue;
            expect(cloudlet.execStartTime).toBeGreaterThanOrEqual(cloudlet.submissionTime);
            expect(cloudlet.finishTime).toBeGreaterThanOrEqual(cloudlet.execStartTime);
            // Work done (capped at the length, as CloudSim counts it) is within 1 MI of the length.
            const total = cloudlet.totalLengthMi * 1e6;
            const done = Math.min(cloudlet.instructionsDone, total);
            expect(total - done).toBeLessThan(1e6);
          }
        }),
        { numRuns: 60 },
      );
    });
  }

  it("re-walking only the hosts changed at the same instant gives exactly CloudSim's full walk", () => {
    fc.assert(
      fc.property(scenario, fc.constantFrom<SchedulerKind>('time-shared', 'space-shared'), (spec, kind) => {
        const literal = build(spec, kind, true);
        literal.cloud.sim.run();
        const optimized = build(spec, kind, false);
        optimized.cloud.sim.run();
        expect(cloudletRows(optimized.brokers)).toEqual(cloudletRows(literal.brokers));
        expect(optimized.cloud.sim.now).toBe(literal.cloud.sim.now);
      }),
      { numRuns: 80 },
    );
  });

  it('the fast time-shared scheduler gives exactly the rows of the per-cloudlet one', () => {
    fc.assert(
      fc.property(scenario, (spec) => {
        const general = build(spec, 'time-shared');
        general.cloud.sim.run();
        const fast = build(spec, 'fast');
        fast.cloud.sim.run();
        expect(cloudletRows(fast.brokers)).toEqual(cloudletRows(general.brokers));
        expect(fast.cloud.sim.now).toBe(general.cloud.sim.now);
      }),
      { numRuns: 80 },
    );
  });
});
