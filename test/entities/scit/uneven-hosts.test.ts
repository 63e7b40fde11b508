import { describe, expect, it } from 'vitest';
import { exactSummary } from '../../../src/analysis/exact-chain.js';
import { ConfigError } from '../../../src/core/errors.js';
import type { RandomStream } from '../../../src/core/random.js';
import { Simulation } from '../../../src/core/simulation.js';
import type { Pe } from '../../../src/entities/pe.js';
import { placeScitCloud } from '../../../src/entities/scit/cloud-placement.js';
import { resolveScitConfig, type ScitConfig } from '../../../src/entities/scit/config.js';
import type { DistributionView } from '../../../src/entities/scit/distribution-table.js';
import {
  ROTATION_STRATEGY,
  type RotationView,
  type SpareDecision,
  type SwitchRequest,
} from '../../../src/entities/scit/rotation-strategy.js';
import { buildScitSystem } from '../../../src/entities/scit/scit-system.js';
import type { VmAllocationPolicy } from '../../../src/index.js';
import {
  VmAllocationPolicyFirstFit,
  VmAllocationPolicyServiceAware,
  VmAllocationPolicySimple,
  VmAllocationPolicyWorstFit,
} from '../../../src/policies/allocation/index.js';
import { VmSchedulerTimeShared } from '../../../src/policies/scheduling/vm-scheduler-time-shared.js';
import { ConventionalRotation } from '../../../src/policies/scit/conventional-rotation.js';
import { RedundancyPreservingRotation } from '../../../src/policies/scit/redundancy-preserving-rotation.js';
import { chooseSpareWhere } from '../../../src/policies/scit/spare-choice.js';
import { createRunContainer } from '../../../src/runs/container.js';

const hardware = {
  vmMips: 1000,
  vmRamMb: 1024,
  vmScheduler: (pes: readonly Pe[]) => new VmSchedulerTimeShared(pes),
};

/** Hosts of 2, 5 and 3 VM slots; Web rotates every 60 s, DNS at the system's 180 s. */
const uneven = (): ScitConfig => ({
  hosts: [{ vms: 2 }, { vms: 5 }, { vms: 3 }],
  services: [
    { name: 'Web', required: 4, target: 2, exposureSeconds: 60 },
    { name: 'DNS', required: 2 },
  ],
  exposureSeconds: 180,
  cleansingSeconds: 40,
});

function problem(config: unknown): { field: string; message: string } {
  try {
    resolveScitConfig(config as ScitConfig);
  } catch (error) {
    if (error instanceof ConfigError) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('uneven hosts and per-service exposure', () => {
  describe('resolveScitConfig', () => {
    it('accepts hosts as a list: each host its own slots, each service its own E (default: the system’s)', () => {
      const config = resolveScitConfig(uneven());
      expect(config.hostCount).toBe(3);
      expect(config.hostSlots).toEqual([2, 5, 3]);
      expect(config.vmsPerHost).toBeUndefined();
      expect(config.layout.map((host) => host.length)).toEqual([2, 5, 3]);
      expect(config.services.map((s) => s.exposureSeconds)).toEqual([60, 180]);
      // Staggered first expiries: the k-th of n online VMs at E_s·(k+1)/n, E_s its own service's.
      const services = config.layout
        .flat()
        .flatMap((slot) => (slot.state === 'active' ? [slot.service] : []));
      const n = services.length;
      expect(config.firstExpirySeconds).toEqual(services.map((s, k) => ([60, 180][s] * (k + 1)) / n));
    });
    it('keeps the uniform form exactly as it was (vmsPerHost, every E the system’s)', () => {
      const config = resolveScitConfig({ ...uneven(), hosts: 3, vmsPerHost: 4 });
      expect(config.vmsPerHost).toBe(4);
      expect(config.hostSlots).toEqual([4, 4, 4]);
    });
    it.each([
      ['both forms', { hosts: [{ vms: 2 }], vmsPerHost: 2 }, 'vmsPerHost', /not both/],
      ['neither: a count without vmsPerHost', { hosts: 3 }, 'vmsPerHost', /is required with hosts: N/],
      ['a host of no slots', { hosts: [{ vms: 2 }, { vms: 0 }] }, 'hosts[1].vms', /≥ 1/],
      ['a fractional slot count', { hosts: [{ vms: 2.5 }] }, 'hosts[0].vms', /integer/],
      ['an empty host list', { hosts: [] }, 'hosts', /≥ 1/],
      [
        'too few slots for the online VMs',
        { hosts: [{ vms: 2 }, { vms: 3 }] },
        'services',
        /hosts of 2, 3 VMs/,
      ],
      [
        'a non-positive service exposure',
        { services: [{ name: 'A', required: 1, exposureSeconds: 0 }] },
        'services[0].exposureSeconds',
        /> 0/,
      ],
    ])('refuses %s, naming the field', (_, change, field, message) => {
      const config = { ...uneven(), ...change };
      if ('hosts' in change && !('vmsPerHost' in change) && typeof change.hosts === 'number')
        delete (config as { vmsPerHost?: number }).vmsPerHost;
      const found = problem(config);
      expect(found.field).toBe(field);
      expect(found.message).toMatch(message);
    });
    it('refuses a layout that puts more VMs on a host than its slots, naming them', () => {
      const found = problem({
        ...uneven(),
        layout: [
          ['Web', 'Web', 'DNS'],
          ['Web', 'spare'],
          ['Web', 'DNS', 'cleansing'],
        ],
      });
      expect(found.field).toBe('layout[0]');
      expect(found.message).toMatch(/hosts\[0\]\.vms = 2/);
    });
    it('refuses a default layout that cannot reach a target on uneven hosts, naming the target', () => {
      const found = problem({
        hosts: [{ vms: 1 }, { vms: 1 }, { vms: 6 }],
        services: [
          { name: 'Web', required: 6 },
          { name: 'DNS', required: 2 },
        ],
        exposureSeconds: 180,
        cleansingSeconds: 60,
      });
      expect(found.field).toBe('services[1].target');
      expect(found.message).toMatch(/Active on only 1 host/);
    });
  });

  describe('placement by an allocation policy', () => {
    const policies: VmAllocationPolicy[] = [
      new VmAllocationPolicySimple(),
      new VmAllocationPolicyFirstFit(),
      new VmAllocationPolicyWorstFit(),
      new VmAllocationPolicyServiceAware(),
    ];
    it.each(policies.map((p) => [p.constructor.name, p]))(
      '%s fills every host up to its own slots, no further',
      (_, policy) => {
        // Targets of 1: a stacking policy (first-fit) places a valid layout too.
        const config: ScitConfig = {
          ...uneven(),
          services: [
            { name: 'Web', required: 4, target: 1, exposureSeconds: 60 },
            { name: 'DNS', required: 2, target: 1 },
          ],
        };
        const cloud = placeScitCloud(config, policy as VmAllocationPolicy, hardware);
        expect(cloud.hosts.map((host) => host.vms.length)).toEqual([2, 5, 3]);
        expect(cloud.config.layout.map((host) => host.length)).toEqual([2, 5, 3]);
      },
    );
  });

  describe('a run', () => {
    it('respects every host’s slot count at every moment, and each VM expires after its own service’s E', () => {
      const cloud = placeScitCloud(uneven(), new VmAllocationPolicyServiceAware(), hardware);
      const config = cloud.config;
      const sim = new Simulation({ seed: 5 });
      const system = buildScitSystem(sim, config, new ConventionalRotation(), { maxCycles: 200 }, cloud.vms);
      const perHost = () => {
        const counts = [0, 0, 0];
        for (const vm of system.vms) counts[vm.hostId]++;
        return counts;
      };
      const activatedAt = new Map<number, number>();
      const lived: [string, number][] = [];
      let checked = 0;
      system.fleet.stateChanged.subscribe(() => {
        const counts = perHost();
        counts.forEach((n, h) => {
          expect(n).toBeLessThanOrEqual(config.hostSlots[h]);
        });
        for (const host of cloud.hosts)
          expect(host.vms.length).toBeLessThanOrEqual(config.hostSlots[host.id]);
        checked++;
      });
      system.controller.switched.subscribe((r) => {
        const since = activatedAt.get(r.expiredVm);
        if (since !== undefined)
          lived.push([config.services[r.service].name, r.timeSeconds - r.extraExposureSeconds - since]);
        activatedAt.set(r.spareVm, r.timeSeconds);
      });
      sim.run();
      expect(system.controller.cycle).toBe(200);
      expect(checked).toBeGreaterThan(400);
      const web = lived.filter(([name]) => name === 'Web').map(([, s]) => s);
      const dns = lived.filter(([name]) => name === 'DNS').map(([, s]) => s);
      expect(web.length).toBeGreaterThan(10);
      expect(dns.length).toBeGreaterThan(2);
      for (const seconds of web) expect(seconds).toBeCloseTo(60, 9);
      for (const seconds of dns) expect(seconds).toBeCloseTo(180, 9);
      // Web (E = 60 s) rotates three times as often per VM as DNS (E = 180 s): 4/60 vs 2/180 expiries per second.
      expect(web.length / dns.length).toBeGreaterThan(6);
    });
    it('tells a strategy each host’s slots (view.vmsOn), in a run and in the exact chain', () => {
      const config = resolveScitConfig(uneven());
      const seen = new Set<string>();
      const rule = {
        name: 'slot-reader',
        qualifies(_request: SwitchRequest, view: DistributionView, _toHost: number) {
          seen.add(JSON.stringify(Array.from({ length: view.hostCount }, (_, h) => view.vmsOn(h))));
          return true;
        },
        choose(request: SwitchRequest, view: RotationView, random: RandomStream): SpareDecision {
          expect(() => view.vmsOn(view.hostCount)).toThrow(RangeError);
          const spare = chooseSpareWhere(view, random, (to) => rule.qualifies(request, view, to));
          return spare < 0 ? { kind: 'wait', reason: 'none' } : { kind: 'switch', spare };
        },
      };
      const sim = new Simulation({ seed: 4 });
      buildScitSystem(sim, config, rule, { maxCycles: 20 });
      sim.run();
      expect([...seen]).toEqual(['[2,5,3]']);
      seen.clear();
      const container = createRunContainer();
      container.rebind(ROTATION_STRATEGY).toConstantValue(rule);
      exactSummary(container, config, 3);
      expect([...seen]).toEqual(['[2,5,3]']);
    });

    it('with the paper strategy, keeps every target on uneven hosts', () => {
      const config = resolveScitConfig(uneven());
      const sim = new Simulation({ seed: 9 });
      const system = buildScitSystem(sim, config, new RedundancyPreservingRotation(), { maxCycles: 300 });
      let lowest = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
      system.controller.switched.subscribe((r) => {
        lowest = lowest.map((low, s) => Math.min(low, r.levels[s]));
      });
      sim.run();
      expect(system.controller.cycle).toBe(300);
      expect(lowest[0]).toBeGreaterThanOrEqual(2);
      expect(lowest[1]).toBeGreaterThanOrEqual(2);
    });
  });
});
