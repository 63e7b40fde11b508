/**
 * The indexed simple policy makes exactly VmAllocationPolicySimple's choices: random hosts, random
 * sequences of VM placements and removals (fast-check; a failure prints its seed).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Host, makePes, Vm, type VmAllocationPolicy } from '../../../src/entities/index.js';
import {
  VmAllocationPolicySimple,
  VmAllocationPolicySimpleIndexed,
} from '../../../src/policies/allocation/index.js';
import { VmSchedulerTimeShared } from '../../../src/policies/scheduling/index.js';

interface HostSpec {
  pes: number;
  mips: number;
  ramMb: number;
}
type Step = { kind: 'place'; mips: number; pes: number; ramMb: number } | { kind: 'remove'; pick: number };

const hostSpec = fc.record({
  pes: fc.integer({ min: 1, max: 4 }),
  mips: fc.constantFrom(500, 1000, 2000),
  ramMb: fc.constantFrom(1024, 2048, 4096),
});
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('place' as const),
    mips: fc.constantFrom(250, 500, 1000),
    pes: fc.integer({ min: 1, max: 2 }),
    ramMb: fc.constantFrom(256, 512, 1024, 2048),
  }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat(50) }),
);

/** Runs the steps with `policy`; returns the chosen host id (or -1) of each placement. */
function replay(specs: HostSpec[], steps: Step[], policy: VmAllocationPolicy): number[] {
  const hosts = specs.map(
    (h, id) =>
      new Host({
        id,
        pes: makePes(h.pes, h.mips),
        ramMb: h.ramMb,
        bwMbps: 10000,
        storageMb: 100_000,
        vmScheduler: (pes) => new VmSchedulerTimeShared(pes),
      }),
  );
  const placed: Vm[] = [];
  const choices: number[] = [];
  steps.forEach((s, id) => {
    if (s.kind === 'place') {
      const vm = new Vm({ id, mips: s.mips, pes: s.pes, ramMb: s.ramMb, bwMbps: 100, sizeMb: 1000 });
      const host = policy.allocateHostForVm(vm, hosts);
      choices.push(host?.id ?? -1);
      if (host?.createVm(vm) === true) placed.push(vm);
    } else if (placed.length > 0) {
      const [vm] = placed.splice(s.pick % placed.length, 1);
      const host = vm.host as Host;
      host.destroyVm(vm);
      policy.releaseHostForVm?.(vm, host);
    }
  });
  return choices;
}

describe('VmAllocationPolicySimpleIndexed', () => {
  it("makes VmAllocationPolicySimple's choices", () => {
    fc.assert(
      fc.property(
        fc.array(hostSpec, { minLength: 1, maxLength: 9 }),
        fc.array(step, { minLength: 1, maxLength: 60 }),
        (specs, steps) => {
          const indexed = replay(specs, steps, new VmAllocationPolicySimpleIndexed());
          expect(indexed).toEqual(replay(specs, steps, new VmAllocationPolicySimple()));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('does not pile up host watchers when the host list changes: the old index lets go of its hosts', () => {
    const hosts = [0, 1, 2].map(
      (id) =>
        new Host({
          id,
          pes: makePes(4, 1000),
          ramMb: 8192,
          bwMbps: 10000,
          storageMb: 100_000,
          vmScheduler: (pes) => new VmSchedulerTimeShared(pes),
        }),
    );
    const policy = new VmAllocationPolicySimpleIndexed();
    const reference = new VmAllocationPolicySimple();
    const lists = [hosts, hosts.slice(0, 2), hosts, hosts.slice(), hosts.slice()];
    lists.forEach((list, id) => {
      const vm = new Vm({ id, mips: 500, ramMb: 512, bwMbps: 100, sizeMb: 1000 });
      const chosen = policy.allocateHostForVm(vm, list);
      expect(chosen).toBe(reference.allocateHostForVm(vm, list));
      chosen?.createVm(vm);
      // Only the current index watches: one watcher on each host of the current list, none elsewhere.
      expect(hosts.map((h) => h.placementWatcherCount)).toEqual(hosts.map((h) => (list.includes(h) ? 1 : 0)));
    });
  });
});
