import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/core/simulation.js';
import type { StarvationReport, SwitchRecord } from '../../../src/entities/scit/central-controller.js';
import { resolveScitConfig, type ScitConfig } from '../../../src/entities/scit/config.js';
import { paperScitConfig } from '../../../src/entities/scit/paper-system.js';
import type { RotationStrategy } from '../../../src/entities/scit/rotation-strategy.js';
import { buildScitSystem } from '../../../src/entities/scit/scit-system.js';
import {
  ConventionalRotation,
  RedundancyPreservingRotation,
  ReserveAwareRotation,
} from '../../../src/policies/scit/index.js';

function simulate(
  config: ScitConfig,
  strategy: RotationStrategy,
  options: { maxCycles?: number; until?: number; seed?: number },
) {
  const sim = new Simulation({ seed: options.seed ?? 1 });
  const system = buildScitSystem(sim, resolveScitConfig(config), strategy, {
    maxCycles: options.maxCycles,
  });
  const switches: SwitchRecord[] = [];
  const starved: StarvationReport[] = [];
  const transitions: string[] = [];
  system.controller.switched.subscribe((r) => switches.push(r));
  system.controller.starved.subscribe((r) => starved.push(r));
  system.fleet.stateChanged.subscribe((c) => transitions.push(`${c.time}:vm${c.vm}:${c.from}>${c.to}`));
  const summary = sim.run(options.until === undefined ? {} : { until: options.until });
  return { sim, system, switches, starved, transitions, summary };
}

describe('CentralController', () => {
  describe('having the paper system', () => {
    it('switches every E/8 = 22.5 s with the conventional strategy (a spare is always ready)', () => {
      const { switches, system } = simulate(paperScitConfig(), new ConventionalRotation(), { maxCycles: 30 });
      expect(switches.map((s) => s.cycle)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(switches.map((s) => s.timeSeconds)).toEqual(
        Array.from({ length: 30 }, (_, i) => 22.5 * (i + 1)),
      );
      expect(switches.every((s) => s.extraExposureSeconds === 0)).toBe(true);
      expect(system.controller.stopReason).toBe('cycles');
    });
    it('never lets a level drop below target with the redundancy-preserving strategy, for many seeds', () => {
      for (let seed = 1; seed <= 50; seed++) {
        const { switches } = simulate(paperScitConfig(), new RedundancyPreservingRotation(), {
          maxCycles: 30,
          seed,
        });
        expect(switches).toHaveLength(30);
        for (const s of switches) expect(s.levels[0] >= 3 && s.levels[1] >= 2).toBe(true);
      }
    });
    it('gives the same switches for the same seed', () => {
      const a = simulate(paperScitConfig(), new ConventionalRotation(), { maxCycles: 30, seed: 9 }).switches;
      const b = simulate(paperScitConfig(), new ConventionalRotation(), { maxCycles: 30, seed: 9 }).switches;
      expect(b).toEqual(a);
    });
  });

  describe('having a grace time', () => {
    it('drives active → grace → cleansing → spare with G and C between them', () => {
      const config: ScitConfig = {
        hosts: 1,
        vmsPerHost: 2,
        services: [{ name: 'A', required: 1 }],
        exposureSeconds: 10,
        graceSeconds: 2,
        cleansingSeconds: 5,
        layout: [['A', 'spare']],
      };
      const { transitions } = simulate(config, new ConventionalRotation(), { maxCycles: 1, until: 100 });
      expect(transitions).toEqual(['10:vm1:spare>active', '10:vm0:active>grace']);
      const longer = simulate(config, new ConventionalRotation(), { maxCycles: 2, until: 100 }).transitions;
      expect(longer.slice(2, 5)).toEqual([
        '12:vm0:grace>cleansing',
        '17:vm0:cleansing>spare',
        '20:vm0:spare>active',
      ]);
    });
  });

  describe('when expired VMs have to wait', () => {
    it('keeps them Active and serves them FIFO as spares become ready', () => {
      const config: ScitConfig = {
        hosts: 1,
        vmsPerHost: 3,
        services: [{ name: 'A', required: 2 }],
        exposureSeconds: 100,
        cleansingSeconds: 10,
        layout: [['A', 'A', 'cleansing']],
        firstExpirySeconds: [1, 2],
        firstCleansingDoneSeconds: [5],
      };
      const { switches } = simulate(config, new ConventionalRotation(), { maxCycles: 2 });
      expect(switches.map((s) => [s.timeSeconds, s.expiredVm, s.spareVm, s.extraExposureSeconds])).toEqual([
        [5, 0, 2, 4],
        [15, 1, 0, 13],
      ]);
    });
  });

  describe('when nothing can ever rotate (no offline VM)', () => {
    it('reports a deadlock and ends the run instead of hanging', () => {
      const config: ScitConfig = {
        hosts: 1,
        vmsPerHost: 1,
        services: [{ name: 'A', required: 1 }],
        exposureSeconds: 10,
        cleansingSeconds: 5,
      };
      const { starved, system, sim } = simulate(config, new RedundancyPreservingRotation(), {});
      expect(starved.map((s) => s.kind)).toEqual(['deadlock']);
      expect(system.controller.stopReason).toBe('deadlock');
      expect(sim.state).toBe('finished');
    });
  });

  describe('when one VM can never get a qualifying spare while others rotate', () => {
    // Host0 holds a single VM (A); host1 holds A and a spare. A's target is 2 hosts, so host0's VM may
    // only take a spare on host0 (none) or on a host without A (none): it starves.
    const starving: ScitConfig = {
      hosts: 2,
      vmsPerHost: 2,
      services: [{ name: 'A', required: 2 }],
      exposureSeconds: 10,
      cleansingSeconds: 5,
      layout: [['A'], ['A', 'spare']],
    };
    it('reports starvation for the redundancy-preserving strategy and stops', () => {
      const { starved, system } = simulate(starving, new RedundancyPreservingRotation(), { until: 10_000 });
      expect(starved).toHaveLength(1);
      expect(starved[0]).toMatchObject({ kind: 'starvation', vm: 0, host: 0 });
      expect(starved[0].message).toMatch(/VM 0 \(A, host 0\) has waited/);
      expect(system.controller.stopReason).toBe('starvation');
    });
    it('does not starve with the conventional strategy (it may drop A to one host instead)', () => {
      const { starved, switches } = simulate(starving, new ConventionalRotation(), { until: 1000 });
      expect(starved).toHaveLength(0);
      expect(switches.some((s) => s.expiredVm === 0)).toBe(true);
      expect(Math.min(...switches.map((s) => s.levels[0]))).toBe(1);
    });
    it('starves the reserve-aware strategy too: host0 has no offline VM, outside its liveness condition', () => {
      const { starved } = simulate(starving, new ReserveAwareRotation(), { until: 10_000 });
      expect(starved.map((s) => s.kind)).toEqual(['starvation']);
    });
  });

  describe('SCIT VMs', () => {
    it('hold no reference to a controller and reject commands that skip a state', () => {
      const { system } = simulate(paperScitConfig(), new ConventionalRotation(), { maxCycles: 1 });
      for (const vm of system.vms)
        for (const value of Object.values(vm)) {
          expect(value).not.toBe(system.controller);
          expect(value).not.toBe(system.tolerance);
        }
      const active = system.vms.find((vm) => vm.state === 'active');
      expect(() => active?.receive({ type: 'becomeSpare' })).toThrow(
        /needs state "cleansing" but it is "active"/,
      );
    });
  });

  describe('alongside other events in the simulation', () => {
    it('orders its timers with them at equal times by send order (FIFO), as the kernel does', () => {
      // Paper system, conventional: a switch every 22.5 s; the spare activated at the first switch
      // (22.5 s) expires at 202.5 s, which is the 9th switch.
      const sim = new Simulation({ seed: 1 });
      const system = buildScitSystem(sim, resolveScitConfig(paperScitConfig()), new ConventionalRotation(), {
        maxCycles: 12,
      });
      const seen: [string, number][] = [];
      // Sent before the controller's initial timers (they are sent when the run starts): runs first.
      sim.scheduleAt(22.5, () => seen.push(['before the first expiry', system.controller.cycle]));
      system.controller.switched.subscribe((r) => {
        // Sent right after the new Active VM's exposure timer (same delay E, same due time): runs after it.
        if (r.cycle === 1)
          sim.schedule(180, () => seen.push(['after the spare expired', system.controller.cycle]));
      });
      sim.run();
      expect(seen).toEqual([
        ['before the first expiry', 0],
        ['after the spare expired', 9],
      ]);
    });
  });
});
