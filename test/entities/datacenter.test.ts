import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/index.js';
import {
  CloudEntity,
  Cloudlet,
  CloudletTimes,
  CloudSimulation,
  type Datacenter,
  DatacenterBroker,
  type DatacenterReply,
  type Vm,
  type VmAllocationPolicy,
} from '../../src/entities/index.js';
import { exampleDatacenter, exampleVm } from '../support/cloudsim-fixtures.js';

/** Everything a datacenter's signals report, as `time subject detail` lines. */
function record(datacenter: Datacenter): string[] {
  const log: string[] = [];
  datacenter.vmCreated.subscribe((e) => log.push(`${e.time} created vm${e.vm.id} on host ${e.host.id}`));
  datacenter.vmFailed.subscribe((e) => log.push(`${e.time} failed vm${e.vm.id}: ${e.reason}`));
  datacenter.vmDestroyed.subscribe((e) =>
    log.push(`${e.time} destroyed vm${e.vm.id} from host ${e.host.id}`),
  );
  datacenter.cloudletReturned.subscribe((e) =>
    log.push(`${e.time} returned cloudlet${e.cloudlet.id} ${e.cloudlet.status}`),
  );
  return log;
}

const HOST_1PE_2GB = { pes: 1, mipsPerPe: 1000, ramMb: 2048 };

describe('Datacenter', () => {
  describe('signals', () => {
    it('report VM creation, failure with its reason, cloudlet return and VM destruction, in order', () => {
      const cloud = new CloudSimulation();
      const datacenter = exampleDatacenter(cloud, 'Datacenter_0', [HOST_1PE_2GB]);
      const log = record(datacenter);
      const broker = new DatacenterBroker(cloud.bus, 'Broker', cloud.informationService);
      // vm1 would have MIPS left on the host (500 of 1000) but not RAM (1536 of 2048 MB left).
      broker.submitVmList([exampleVm(0, 500, 512), exampleVm(1, 250, 4096)]);
      broker.submitCloudletList([new Cloudlet({ id: 0, lengthMi: 1000 })]);
      cloud.sim.run();
      expect(log).toEqual([
        '0 created vm0 on host 0',
        '0 failed vm1: ram',
        '2.01 returned cloudlet0 SUCCESS',
        '2.01 destroyed vm0 from host 0',
      ]);
    });

    it('fire after the change: a listener sees the VM placed, and gone again', () => {
      const cloud = new CloudSimulation();
      const datacenter = exampleDatacenter(cloud, 'Datacenter_0', [HOST_1PE_2GB]);
      const seen: string[] = [];
      datacenter.vmCreated.subscribe(({ vm }) =>
        seen.push(`created: on host ${vm.host?.id}, ${datacenter.vms.length} VM`),
      );
      datacenter.vmDestroyed.subscribe(({ vm }) =>
        seen.push(`destroyed: host ${vm.host?.id}, ${datacenter.vms.length} VM`),
      );
      const broker = new DatacenterBroker(cloud.bus, 'Broker', cloud.informationService);
      broker.submitVmList([exampleVm(0, 1000, 512)]);
      broker.submitCloudletList([new Cloudlet({ id: 0, lengthMi: 100 })]);
      cloud.sim.run();
      expect(seen).toEqual(['created: on host 0, 1 VM', 'destroyed: host undefined, 0 VM']);
    });
  });

  describe('failure reasons', () => {
    it.each([
      ['pes', exampleVm(0, 1000, 512, 2)],
      ['ram', exampleVm(0, 1000, 4096)],
      ['pes', exampleVm(0, 2000, 512)],
    ] as const)('names %s when no host has it', (reason, vm) => {
      const cloud = new CloudSimulation();
      const datacenter = exampleDatacenter(cloud, 'Datacenter_0', [HOST_1PE_2GB, HOST_1PE_2GB]);
      const reasons: string[] = [];
      datacenter.vmFailed.subscribe((e) => reasons.push(e.reason));
      const broker = new DatacenterBroker(cloud.bus, 'Broker', cloud.informationService);
      broker.submitVmList([vm]);
      cloud.sim.run();
      expect(reasons).toEqual([reason]);
    });

    it("is the reason most hosts give, and 'declined' when a host could have taken the VM", () => {
      const cloud = new CloudSimulation();
      const declining: VmAllocationPolicy = { allocateHostForVm: () => undefined };
      const mixed = exampleDatacenter(
        cloud,
        'Datacenter_0',
        [
          { pes: 1, mipsPerPe: 1000, ramMb: 8192 },
          { pes: 1, mipsPerPe: 1000, ramMb: 1024 },
          { pes: 1, mipsPerPe: 1000, ramMb: 1024 },
        ],
        { vmAllocationPolicy: declining },
      );
      const reasons: string[] = [];
      mixed.vmFailed.subscribe((e) => reasons.push(`vm${e.vm.id}: ${e.reason}`));
      const broker = new DatacenterBroker(cloud.bus, 'Broker', cloud.informationService);
      // vm0 fits host 0 only (the policy declines it); vm1 fits no host: two hosts lack RAM, one PEs.
      broker.submitVmList([exampleVm(0, 1000, 4096), exampleVm(1, 1000, 4096, 2)]);
      cloud.sim.run();
      expect(reasons).toEqual(['vm0: declined', 'vm1: pes']);
    });
  });

  describe('vmPlacements', () => {
    it('keeps the host of every VM created, destroyed ones included, by VM uid', () => {
      const cloud = new CloudSimulation();
      const datacenter = exampleDatacenter(cloud, 'Datacenter_0', [HOST_1PE_2GB, HOST_1PE_2GB]);
      const broker = new DatacenterBroker(cloud.bus, 'Broker', cloud.informationService);
      broker.submitVmList([exampleVm(0, 1000, 1024), exampleVm(1, 1000, 1024), exampleVm(2, 1000, 4096)]);
      broker.submitCloudletList([new Cloudlet({ id: 0, lengthMi: 100 })]);
      cloud.sim.run();
      expect(datacenter.vms).toEqual([]); // all destroyed at the end
      expect([...datacenter.vmPlacements]).toEqual([
        [`${broker.id}-0`, 0],
        [`${broker.id}-1`, 1],
      ]);
    });
  });

  describe('vm-fail-cloudlets', () => {
    type Step = { at: number; send: 'submit'; cloudlet: Cloudlet } | { at: number; send: 'fail' };
    /** Creates one VM at 0, then submits cloudlets and cuts the VM off at the given times. */
    class Script extends CloudEntity<DatacenterReply | Step> {
      readonly returned: string[] = [];
      constructor(
        cloud: CloudSimulation,
        private readonly datacenter: Datacenter,
        private readonly vm: Vm,
        private readonly steps: readonly Step[],
      ) {
        super(cloud.bus, 'Script');
      }
      override startEntity(): void {
        this.vm.userId = this.id;
        this.sendTo(this.datacenter, 0, { type: 'vm-create', vm: this.vm, from: this });
        for (const step of this.steps) this.sendToSelf(step.at, step);
      }
      override handle(message: DatacenterReply | Step): void {
        if ('send' in message) {
          if (message.send === 'fail')
            this.sendTo(this.datacenter, 0, { type: 'vm-fail-cloudlets', vm: this.vm });
          else {
            message.cloudlet.userId = this.id;
            this.sendTo(this.datacenter, 0, {
              type: 'cloudlet-submit',
              cloudlet: message.cloudlet,
              from: this,
            });
          }
        } else if (message.type === 'cloudlet-return') {
          const c = message.cloudlet;
          this.returned.push(`${this.sim.now} cloudlet${c.id} ${c.status} ${c.instructionsDone / 1e6} MI`);
        }
      }
    }

    it('finishes what finishes by now, fails the rest, and leaves the VM empty for the next cloudlet', () => {
      const cloud = new CloudSimulation();
      const datacenter = exampleDatacenter(cloud, 'Datacenter_0', [HOST_1PE_2GB]);
      const vm = exampleVm(0, 1000, 512);
      const short = new Cloudlet({ id: 0, lengthMi: 100, vmId: 0 });
      const long = new Cloudlet({ id: 1, lengthMi: 5000, vmId: 0 });
      const after = new Cloudlet({ id: 2, lengthMi: 100, vmId: 0 });
      const script = new Script(cloud, datacenter, vm, [
        { at: 0.2, send: 'submit', cloudlet: short },
        { at: 0.2, send: 'submit', cloudlet: long },
        { at: 1, send: 'fail' },
        { at: 2, send: 'submit', cloudlet: after },
      ]);
      cloud.sim.run();
      // Two cloudlets share 1000 MIPS: the short one (100 MI) finishes at 0.4 (less than 1 MI left);
      // the long one runs alone from then and has done 100 + 600 MI (less one instruction: progress
      // is truncated at each update) when the VM is cut off at 1; the next one has the VM to itself
      // (100 MI at 1000 MIPS: done at 2.1).
      expect(script.returned).toEqual([
        '0.4 cloudlet0 SUCCESS 99.999999 MI',
        '1 cloudlet1 FAILED 699.999999 MI',
        '2.1 cloudlet2 SUCCESS 100 MI',
      ]);
      expect(long.finishTime).toBe(1);
    });
  });
});

const prices = Object.freeze({ costPerSecond: 3, costPerBw: 0.5 });

describe('Cloudlet storage', () => {
  it('gives back every instruction count written, exactly, whether kept as done or as left', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9_000_000 }),
        fc.integer({ min: 1, max: 8 }),
        fc.oneof(
          fc.double({ min: 0, max: 2 ** 53, noNaN: true }),
          fc.nat(),
          fc.integer({ min: 0, max: 2 ** 30 }),
        ),
        fc.boolean(),
        (lengthMi, pes, raw, nearEnd) => {
          const cloudlet = new Cloudlet({ id: 1, lengthMi, pes });
          const total = cloudlet.totalInstructions;
          // Near the end: a whole number with fewer than 2^30 instructions left (the compact form).
          const done = nearEnd ? Math.max(0, total - (Math.trunc(raw) % 2 ** 30)) : raw;
          cloudlet.instructionsDone = done;
          expect(Object.is(cloudlet.instructionsDone, done)).toBe(true);
          expect(cloudlet.instructionsLeft).toBe(total - done);
        },
      ),
    );
    const cloudlet = new Cloudlet({ id: 2, lengthMi: 10 });
    expect(cloudlet.instructionsDone).toBe(0);
    cloudlet.instructionsDone = Number.NaN;
    expect(cloudlet.instructionsDone).toBeNaN();
    expect(() => {
      cloudlet.instructionsDone = -1;
    }).toThrow(ConfigError);
  });

  it('shares one arrival among the cloudlets that arrive together, and each field can still be set alone', () => {
    const arrival = CloudletTimes.arrival(7, prices, 0.25);
    const [a, b] = [new Cloudlet({ id: 1, lengthMi: 10 }), new Cloudlet({ id: 2, lengthMi: 10 })];
    expect([a.datacenterId, a.submissionTime, a.execStartTime, a.costPerSecond]).toEqual([-1, 0, 0, 0]);
    for (const cloudlet of [a, b]) {
      cloudlet.arrive(arrival);
      cloudlet.execStartTime = 0.25;
    }
    for (const cloudlet of [a, b]) {
      expect([cloudlet.datacenterId, cloudlet.submissionTime, cloudlet.execStartTime]).toEqual([
        7, 0.25, 0.25,
      ]);
      expect([cloudlet.costPerSecond, cloudlet.costPerBw]).toEqual([3, 0.5]);
    }
    expect(arrival.startedAt(0.25)).toBe(arrival.startedAt(0.25));
    // Finishing together shares a record too; the finish time reads back.
    for (const cloudlet of [a, b]) cloudlet.finishTime = 9.75;
    expect(arrival.startedAt(0.25).finishedAt(9.75)).toBe(arrival.startedAt(0.25).finishedAt(9.75));
    expect([a.finishTime, b.finishTime, a.actualCpuTime]).toEqual([9.75, 9.75, 9.5]);
    // One cloudlet's own change leaves the other alone.
    a.execStartTime = 1.5;
    a.submissionTime = 0.5;
    a.datacenterId = 9;
    a.costPerBw = 2;
    expect([a.datacenterId, a.submissionTime, a.execStartTime, a.costPerSecond, a.costPerBw]).toEqual([
      9, 0.5, 1.5, 3, 2,
    ]);
    expect([b.datacenterId, b.submissionTime, b.execStartTime, b.costPerSecond, b.costPerBw]).toEqual([
      7, 0.25, 0.25, 3, 0.5,
    ]);
    expect([a.finishTime, b.finishTime]).toEqual([9.75, 9.75]);
    // Arriving again keeps a start and a finish time already set.
    a.arrive(CloudletTimes.arrival(8, prices, 2));
    expect([a.datacenterId, a.submissionTime, a.execStartTime, a.finishTime]).toEqual([8, 2, 1.5, 9.75]);
    // A cloudlet that never arrived keeps its own finish time (the shared default is never changed).
    const lone = new Cloudlet({ id: 3, lengthMi: 10 });
    lone.finishTime = 4;
    expect([lone.finishTime, new Cloudlet({ id: 4, lengthMi: 10 }).finishTime]).toEqual([4, -1]);
  });
});
