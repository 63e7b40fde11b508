/**
 * The processing batch (CloudletProgressGroups) changes nothing: random datacenters where cloudlets
 * arrive at random times (some at the same instant, some before 0.111 s), VMs are cut off (their
 * unfinished cloudlets failed) and destroyed mid-run give exactly the rows of the per-cloudlet
 * time-shared scheduler and of the fast scheduler without a batch. A failure prints its fast-check seed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CloudEntity,
  Cloudlet,
  type CloudletScheduler,
  CloudSimulation,
  Datacenter,
  type DatacenterReply,
  EXAMPLE_CHARACTERISTICS,
  Host,
  makePes,
  Vm,
} from '../../../src/entities/index.js';
import { VmAllocationPolicySimple } from '../../../src/policies/allocation/index.js';
import {
  CloudletProgressGroups,
  CloudletSchedulerTimeShared,
  CloudletSchedulerTimeSharedFast,
  VmSchedulerTimeShared,
} from '../../../src/policies/scheduling/index.js';

interface Arrival {
  vm: number;
  lengthMi: number;
  pes: number;
  /** Submission time (s). */
  at: number;
}
interface Scenario {
  hosts: number;
  vms: { mips: number; pes: number }[];
  arrivals: Arrival[];
  /** VM index and time of a destruction, if any. */
  destroy: { vm: number; at: number } | undefined;
  /** VM indices and times at which a VM's unfinished cloudlets are failed. */
  fails: { vm: number; at: number }[];
}

type Message =
  | DatacenterReply
  | { type: 'submit'; cloudlet: Cloudlet }
  | { type: 'destroy'; vm: Vm }
  | { type: 'fail'; vm: Vm };

/** A user that creates its VMs at 0, submits each cloudlet at its own time and may destroy a VM. */
class TimedUser extends CloudEntity<Message> {
  constructor(
    cloud: CloudSimulation,
    private readonly datacenter: Datacenter,
    private readonly vms: readonly Vm[],
    private readonly arrivals: readonly { cloudlet: Cloudlet; at: number }[],
    private readonly destroy: { vm: Vm; at: number } | undefined,
    private readonly fails: readonly { vm: Vm; at: number }[],
  ) {
    super(cloud.bus, 'TimedUser');
  }

  override startEntity(): void {
    for (const vm of this.vms) {
      vm.userId = this.id;
      this.sendTo(this.datacenter, 0, { type: 'vm-create', vm, from: this });
    }
    for (const { cloudlet, at } of this.arrivals) {
      cloudlet.userId = this.id;
      this.sendToSelf(at, { type: 'submit', cloudlet });
    }
    if (this.destroy !== undefined)
      this.sendToSelf(this.destroy.at, { type: 'destroy', vm: this.destroy.vm });
    for (const { vm, at } of this.fails) this.sendToSelf(at, { type: 'fail', vm });
  }

  override handle(message: Message): void {
    if (message.type === 'submit') {
      this.sendTo(this.datacenter, 0, { type: 'cloudlet-submit', cloudlet: message.cloudlet, from: this });
    } else if (message.type === 'destroy') {
      this.sendTo(this.datacenter, 0, { type: 'vm-destroy', vm: message.vm });
    } else if (message.type === 'fail') {
      this.sendTo(this.datacenter, 0, { type: 'vm-fail-cloudlets', vm: message.vm });
    }
  }
}

type Kind = 'general' | 'fast' | 'batched';

function run(spec: Scenario, kind: Kind) {
  const cloud = new CloudSimulation();
  const hosts = Array.from(
    { length: spec.hosts },
    (_, id) =>
      new Host({
        id,
        pes: makePes(4, 1000),
        ramMb: 65536,
        bwMbps: 100000,
        storageMb: 1e6,
        vmScheduler: (pes) => new VmSchedulerTimeShared(pes),
      }),
  );
  const datacenter = new Datacenter(cloud.bus, {
    name: 'Datacenter_0',
    characteristics: EXAMPLE_CHARACTERISTICS,
    hosts,
    vmAllocationPolicy: new VmAllocationPolicySimple(),
    informationService: cloud.informationService,
    processingBatch: kind === 'batched' ? new CloudletProgressGroups() : undefined,
  });
  const scheduler = (): CloudletScheduler =>
    kind === 'general' ? new CloudletSchedulerTimeShared() : new CloudletSchedulerTimeSharedFast();
  const vms = spec.vms.map(
    (v, id) =>
      new Vm({
        id,
        mips: v.mips,
        pes: v.pes,
        ramMb: 512,
        bwMbps: 100,
        sizeMb: 1000,
        cloudletScheduler: scheduler(),
      }),
  );
  const arrivals = spec.arrivals.map((a, id) => ({
    cloudlet: new Cloudlet({ id, lengthMi: a.lengthMi, pes: a.pes, vmId: a.vm % vms.length }),
    at: a.at,
  }));
  const destroy =
    spec.destroy === undefined ? undefined : { vm: vms[spec.destroy.vm % vms.length], at: spec.destroy.at };
  const fails = spec.fails.map(({ vm, at }) => ({ vm: vms[vm % vms.length], at }));
  new TimedUser(cloud, datacenter, vms, arrivals, destroy, fails);
  cloud.sim.run();
  return {
    end: cloud.sim.now,
    rows: arrivals.map(({ cloudlet: c }) => [
      c.id,
      c.status,
      c.submissionTime,
      c.execStartTime,
      c.finishTime,
      // The fast scheduler writes the work done when a cloudlet finishes or fails (not while it runs).
      c.status === 'SUCCESS' || c.status === 'FAILED' ? c.instructionsDone : -1,
    ]),
  };
}

const time = fc.oneof(
  fc.constantFrom(0, 0.05, 0.1, 0.11, 1, 5),
  fc.integer({ min: 0, max: 4000 }).map((centis) => centis / 100),
);
const scenario: fc.Arbitrary<Scenario> = fc.record({
  hosts: fc.integer({ min: 1, max: 3 }),
  vms: fc.array(fc.record({ mips: fc.constantFrom(250, 500, 1000), pes: fc.integer({ min: 1, max: 2 }) }), {
    minLength: 1,
    maxLength: 8,
  }),
  arrivals: fc.array(
    fc.record({
      vm: fc.nat(20),
      // Equal lengths make cloudlets of one VM finish together.
      lengthMi: fc.oneof(fc.constantFrom(1000, 2000), fc.integer({ min: 1, max: 20000 })),
      pes: fc.oneof(fc.constant(1), fc.constant(1), fc.constant(2)),
      at: time,
    }),
    { minLength: 1, maxLength: 40 },
  ),
  destroy: fc.option(fc.record({ vm: fc.nat(20), at: time }), { nil: undefined }),
  fails: fc.array(fc.record({ vm: fc.nat(20), at: time }), { maxLength: 3 }),
});

describe('CloudletProgressGroups', () => {
  it('gives exactly the rows and end time of the unbatched schedulers', () => {
    let failed = 0;
    fc.assert(
      fc.property(scenario, (spec) => {
        const general = run(spec, 'general');
        const fast = run(spec, 'fast');
        const batched = run(spec, 'batched');
        expect(batched.rows).toEqual(fast.rows);
        expect(batched.end).toBe(fast.end);
        expect(batched.rows).toEqual(general.rows);
        expect(batched.end).toBe(general.end);
        failed += general.rows.filter((row) => row[1] === 'FAILED').length;
      }),
      { numRuns: 150 },
    );
    // The cases cut running cloudlets off, not only idle VMs.
    expect(failed).toBeGreaterThan(20);
  });

  it('an emptied VM takes its new capacity from a re-walk at the same instant, as unbatched', () => {
    // Two 10 MI cloudlets share one 1000-MIPS PE (500 MIPS each) and finish together at 0.02 s: the
    // update that finishes them computed 500 MIPS per PE; the next one computes 1000. The third
    // cloudlet arrives at 0.02 s; before 0.111 s its submission re-walks the host, and its estimate
    // (so the next update, so its finish time) depends on that re-walk reaching the emptied VM.
    const spec: Scenario = {
      hosts: 1,
      vms: [{ mips: 1000, pes: 1 }],
      arrivals: [
        { vm: 0, lengthMi: 10, pes: 1, at: 0 },
        { vm: 0, lengthMi: 10, pes: 1, at: 0 },
        { vm: 0, lengthMi: 10, pes: 1, at: 0.02 },
      ],
      destroy: undefined,
      fails: [],
    };
    const general = run(spec, 'general');
    expect(general.rows.map((row) => row[4])).toEqual([0.02, 0.02, 0.03]);
    expect(run(spec, 'batched')).toEqual(general);
  });

  it("a scheduler's settled flag holds only with the host's share, in the batch, at rest", () => {
    const batch = new CloudletProgressGroups();
    const scheduler = new CloudletSchedulerTimeSharedFast();
    batch.admit(scheduler);
    const flags = new Uint8Array(1);
    const hostShare = [1000, 1000];
    scheduler.keepSettledFlag(flags, 0, hostShare);
    batch.advance(0, () => {});
    scheduler.submit(new Cloudlet({ id: 0, lengthMi: 5000, pes: 1 }), 0, 0);
    expect(flags[0]).toBe(0);
    scheduler.updateProcessing(0, hostShare);
    expect(flags[0]).toBe(1); // joined its group with the host's share
    // Another caller's share, with the same numbers: in the batch, but not with what the host passes.
    scheduler.updateProcessing(0, [1000, 1000]);
    expect(scheduler.batched).toBe(true);
    expect(flags[0]).toBe(0);
    scheduler.updateProcessing(0, hostShare);
    expect(flags[0]).toBe(1);
    // Woken when its cloudlet finishes (5000 MI at 1000 MIPS: at 5 s).
    const woken: CloudletScheduler[] = [];
    batch.advance(5, (s) => woken.push(s));
    expect(woken).toEqual([scheduler]);
    expect(flags[0]).toBe(0);
    scheduler.updateProcessing(5, hostShare);
    expect(flags[0]).toBe(1); // idle in the batch, capacity already the next update's
    scheduler.submit(new Cloudlet({ id: 1, lengthMi: 1000, pes: 1 }), 5, 0);
    expect(flags[0]).toBe(0);
  });

  it('carries the schedulers between updates in the scale scenario', () => {
    // Same run twice; the batched one must actually leave most VMs out of most updates.
    const spec: Scenario = {
      hosts: 2,
      vms: Array.from({ length: 8 }, () => ({ mips: 1000, pes: 2 })),
      arrivals: Array.from({ length: 80 }, (_, i) => ({ vm: i % 8, lengthMi: 1000 + 37 * i, pes: 1, at: 0 })),
      destroy: undefined,
      fails: [],
    };
    let calls = { fast: 0, batched: 0 };
    // Calls on a scheduler already in the batch, at the batch's time with the same share: no-ops
    // (read from the scheduler's private state: what the host may skip is that state).
    let noOps = 0;
    const proto = CloudletSchedulerTimeSharedFast.prototype;
    const original = proto.updateProcessing;
    try {
      for (const kind of ['fast', 'batched'] as const) {
        proto.updateProcessing = function (this: CloudletSchedulerTimeSharedFast, ...args) {
          calls = { ...calls, [kind]: calls[kind] + 1 };
          const inside = this as unknown as { batch?: { time: number }; share?: readonly number[] };
          if (this.batched && args[0] === inside.batch?.time && args[1] === inside.share) noOps++;
          return original.apply(this, args);
        };
        run(spec, kind);
      }
    } finally {
      proto.updateProcessing = original;
    }
    expect(calls.batched).toBeLessThan(calls.fast / 2);
    // A walked host skips the schedulers settled in the batch (116 of 236 calls were no-ops before).
    expect(noOps).toBe(0);
  });
});
