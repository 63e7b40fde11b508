import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/core/simulation.js';
import type { Pe } from '../../../src/entities/pe.js';
import { placeScitCloud } from '../../../src/entities/scit/cloud-placement.js';
import type { ScitConfig } from '../../../src/entities/scit/config.js';
import { paperScitConfig } from '../../../src/entities/scit/paper-system.js';
import { buildScitSystem } from '../../../src/entities/scit/scit-system.js';
import { Vm } from '../../../src/entities/vm.js';
import {
  createRunContainer,
  resolveScitConfig,
  runScit,
  VM_ALLOCATION_POLICY,
  type VmAllocationPolicy,
} from '../../../src/index.js';
import {
  VmAllocationPolicyFirstFit,
  VmAllocationPolicyServiceAware,
  VmAllocationPolicySimple,
  VmAllocationPolicySimpleIndexed,
} from '../../../src/policies/allocation/index.js';
import { VmSchedulerTimeShared } from '../../../src/policies/scheduling/vm-scheduler-time-shared.js';
import { ConventionalRotation } from '../../../src/policies/scit/conventional-rotation.js';

const hardware = {
  vmMips: 1000,
  vmRamMb: 1024,
  vmScheduler: (pes: readonly Pe[]) => new VmSchedulerTimeShared(pes),
};

describe('placeScitCloud', () => {
  describe('having the paper layout', () => {
    it('creates ordinary Vm objects on Hosts exactly as the layout says', () => {
      const cloud = placeScitCloud(paperScitConfig(), new VmAllocationPolicySimple(), hardware);
      expect(cloud.hosts).toHaveLength(3);
      expect(cloud.vms).toHaveLength(12);
      expect(cloud.vms.every((vm) => vm instanceof Vm)).toBe(true);
      expect(cloud.vms.map((vm) => vm.host?.id)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
      expect(cloud.hosts.map((host) => host.vms.length)).toEqual([4, 4, 4]);
    });
  });

  describe('having no layout', () => {
    it('places each VM, created for its first role, with the allocation policy: where it lands is its host', () => {
      const config: ScitConfig = {
        hosts: 4,
        vmsPerHost: 3,
        services: [
          { name: 'A', required: 4 },
          { name: 'B', required: 3 },
        ],
        exposureSeconds: 30,
        cleansingSeconds: 10,
      };
      const cloud = placeScitCloud(config, new VmAllocationPolicySimple(), hardware);
      expect(cloud.hosts.map((host) => host.vms.length)).toEqual([3, 3, 3, 3]);
      // SCIT VM i is cloud VM cloud.vms[i], on the host the policy chose.
      const sim = new Simulation({ seed: 3 });
      const system = buildScitSystem(
        sim,
        cloud.config,
        new ConventionalRotation(),
        { maxCycles: 5 },
        cloud.vms,
      );
      for (const scitVm of system.vms) expect(scitVm.vm?.host?.id).toBe(scitVm.hostId);
      const levels = cloud.config.services.map(
        (_, s) =>
          cloud.config.layout.filter((host) =>
            host.some((slot) => slot.state === 'active' && slot.service === s),
          ).length,
      );
      expect(levels).toEqual([4, 3]);
    });
  });

  describe('deciding the initial layout', () => {
    const layoutOf = (config: ScitConfig, policy: VmAllocationPolicy) =>
      placeScitCloud(config, policy, hardware).config.layout;
    it('with CloudSim’s default policy (and its indexed variant), is the round-robin default layout exactly', () => {
      const systems: ScitConfig[] = [
        {
          hosts: 3,
          vmsPerHost: 4,
          services: [
            { name: 'Web', required: 6 },
            { name: 'DNS', required: 2 },
          ],
          exposureSeconds: 180,
          cleansingSeconds: 60,
        },
        {
          hosts: 4,
          vmsPerHost: 3,
          services: [
            { name: 'A', required: 5 },
            { name: 'B', required: 3 },
            { name: 'C', required: 2 },
          ],
          exposureSeconds: 30,
          cleansingSeconds: 10,
        },
        {
          hosts: 5,
          vmsPerHost: 2,
          services: [{ name: 'A', required: 9 }],
          exposureSeconds: 30,
          cleansingSeconds: 10,
        },
      ];
      for (const config of systems) {
        const written = resolveScitConfig(config).layout;
        expect(layoutOf(config, new VmAllocationPolicySimple())).toEqual(written);
        expect(layoutOf(config, new VmAllocationPolicySimpleIndexed())).toEqual(written);
      }
    });
    it('differs with the policy, and so do the results', () => {
      // Targets of 1: stacking each service on one host is a valid layout too.
      const config: ScitConfig = {
        hosts: 3,
        vmsPerHost: 4,
        services: [
          { name: 'Web', required: 4, target: 1 },
          { name: 'DNS', required: 2, target: 1 },
        ],
        exposureSeconds: 180,
        cleansingSeconds: 60,
      };
      const names = (layout: ReturnType<typeof layoutOf>) =>
        layout.map((host) =>
          host.map((slot) => (slot.state === 'active' ? ['Web', 'DNS'][slot.service] : slot.state)),
        );
      expect(names(layoutOf(config, new VmAllocationPolicyServiceAware()))).toEqual([
        ['Web', 'Web', 'spare', 'spare'],
        ['Web', 'DNS', 'spare', 'spare'],
        ['Web', 'DNS', 'spare', 'spare'],
      ]);
      expect(names(layoutOf(config, new VmAllocationPolicyFirstFit()))).toEqual([
        ['Web', 'Web', 'Web', 'Web'],
        ['DNS', 'DNS', 'spare', 'spare'],
        ['spare', 'spare', 'spare', 'spare'],
      ]);
      const levels = (policy: VmAllocationPolicy) => {
        const placed = placeScitCloud(config, policy, hardware);
        const run = runScit(createRunContainer(), placed.config, {
          seed: 1,
          maxCycles: 30,
          recordTimeline: true,
        });
        return (run.timeline ?? []).map((point) => point.levels.join('/'));
      };
      const spread = levels(new VmAllocationPolicyServiceAware());
      const stacked = levels(new VmAllocationPolicyFirstFit());
      expect(spread[0]).toBe('3/2');
      expect(stacked[0]).toBe('1/1');
      expect(spread).not.toEqual(stacked);
    });
    it('a policy that stacks a service below its target is a ConfigError naming the allocation and the layout', () => {
      const config: ScitConfig = {
        hosts: 3,
        vmsPerHost: 4,
        services: [
          { name: 'Web', required: 6 },
          { name: 'DNS', required: 2 },
        ],
        exposureSeconds: 180,
        cleansingSeconds: 60,
      };
      expect(() => placeScitCloud(config, new VmAllocationPolicyFirstFit(), hardware)).toThrow(
        /^allocation: placed the VMs as \[\["Web","Web","Web","Web"\],\["Web","Web","DNS","DNS"\].*not a valid initial layout: services\[0\]\.target: unreachable .*; services\[1\]\.target: .* \(got "VmAllocationPolicyFirstFit"\)$/,
      );
    });
    it('the service-aware policy is a built-in name of the container and of scenario files', () => {
      const container = createRunContainer({ allocation: 'service-aware' });
      expect(container.get(VM_ALLOCATION_POLICY)).toBeInstanceOf(VmAllocationPolicyServiceAware);
    });
  });
});
