import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/core/simulation.js';
import { resolveScitConfig, type ScitConfig } from '../../../src/entities/scit/config.js';
import type { RotationStrategy } from '../../../src/entities/scit/rotation-strategy.js';
import { buildScitSystem } from '../../../src/entities/scit/scit-system.js';
import { VmEscapeAttacker } from '../../../src/policies/attacks/vm-escape.js';
import { ConventionalRotation } from '../../../src/policies/scit/conventional-rotation.js';
import { RedundancyPreservingRotation } from '../../../src/policies/scit/redundancy-preserving-rotation.js';

/** One service on one host with a spare: every successful escape takes the service down. */
const singleHost: ScitConfig = {
  hosts: 1,
  vmsPerHost: 2,
  services: [{ name: 'A', required: 1 }],
  exposureSeconds: 100,
  cleansingSeconds: 10,
  layout: [['A', 'spare']],
};

function attackRun(
  config: ScitConfig,
  escapeSeconds: number,
  horizon: number,
  strategy: RotationStrategy = new ConventionalRotation(),
) {
  const sim = new Simulation({ seed: 5 });
  const system = buildScitSystem(sim, resolveScitConfig(config), strategy);
  const attacker = new VmEscapeAttacker(sim, system.view, {
    meanIntervalSeconds: 50,
    escapeSeconds,
    hostCompromiseSeconds: 20,
  });
  sim.run({ until: horizon });
  return attacker.stop();
}

describe('VmEscapeAttacker', () => {
  it('sees the system only through its read-only view, and unsubscribes when stopped or finished', () => {
    for (const finish of [false, true]) {
      const sim = new Simulation({ seed: 5 });
      const system = buildScitSystem(sim, resolveScitConfig(singleHost), new ConventionalRotation(), {
        maxCycles: finish ? 10 : undefined,
      });
      const before = [system.controller.switched.size, sim.hooks.finished.size];
      const attacker = new VmEscapeAttacker(sim, system.view, {
        meanIntervalSeconds: 50,
        escapeSeconds: 5,
        hostCompromiseSeconds: 20,
      });
      expect(system.controller.switched.size).toBe(before[0] + 1);
      if (finish) sim.run();
      else sim.run({ until: 1000 });
      attacker.stop();
      expect([system.controller.switched.size, sim.hooks.finished.size]).toEqual(before);
    }
  });

  describe('having a service on a single host', () => {
    it('takes the service down for the compromise time after each successful escape', () => {
      const report = attackRun(singleHost, 5, 5000);
      expect(report.attempts).toBeGreaterThan(50);
      expect(report.escapes + report.defeatedByRotation).toBeLessThanOrEqual(report.attempts);
      const [a] = report.perService;
      expect(a.outages).toBeGreaterThan(0);
      expect(a.singleEscapeOutages).toBe(a.outages);
      // Each outage lasts at most one compromise (20 s) unless compromises overlap; never more than all time.
      expect(a.downSeconds).toBeGreaterThan(0);
      expect(a.downSeconds).toBeLessThanOrEqual(report.escapes * 20 + 1e-9);
      expect(report.observedSeconds).toBe(5000);
    });
    it('is defeated when rotation is faster than the escape', () => {
      // Exposure 100 s < escape 150 s: the targeted VM has always left the Active state in time.
      const report = attackRun(singleHost, 150, 5000);
      expect(report.escapes).toBe(0);
      expect(report.defeatedByRotation).toBeGreaterThan(0);
      expect(report.perService[0].downSeconds).toBe(0);
    });
  });

  describe('having a service that should stay on two hosts', () => {
    const twoHosts: ScitConfig = {
      hosts: 2,
      vmsPerHost: 3,
      services: [{ name: 'A', required: 2 }],
      exposureSeconds: 100,
      cleansingSeconds: 10,
      layout: [
        ['A', 'spare', 'spare'],
        ['A', 'spare', 'spare'],
      ],
    };
    it('never loses it to a single escape with the redundancy-preserving strategy', () => {
      const report = attackRun(twoHosts, 5, 50_000, new RedundancyPreservingRotation());
      expect(report.escapes).toBeGreaterThan(100);
      expect(report.perService[0].singleEscapeOutages).toBe(0);
    });
    it('does lose it to single escapes with the conventional strategy (A drops to one host)', () => {
      const report = attackRun(twoHosts, 5, 50_000, new ConventionalRotation());
      expect(report.perService[0].singleEscapeOutages).toBeGreaterThan(0);
    });
  });
});
