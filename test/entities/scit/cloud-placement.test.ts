import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/core/simulation.js';
import type { Pe } from '../../../src/entities/pe.js';
import { placeScitCloud } from '../../../src/entities/scit/cloud-placement.js';
import type { ScitConfig } from '../../../src/entities/scit/config.js';
import { paperScitConfig } from '../../../src/entities/scit/paper-system.js';
import { buildScitSystem } from '../../../src/entities/scit/scit-system.js';
import { Vm } from '../../../src/entities/vm.js';
import { VmAllocationPolicySimple } from '../../../src/policies/allocation/vm-allocation-policy-simple.js';
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
    it('places the VMs with the allocation policy, then deals the SCIT roles over the placement', () => {
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
});
