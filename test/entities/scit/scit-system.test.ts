import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ScitCase, scitCaseArbitrary } from '../../../src/checks/rotation/spec-arbitrary.js';
import { Simulation } from '../../../src/core/simulation.js';
import { resolveScitConfig } from '../../../src/entities/scit/config.js';
import { paperScitConfig } from '../../../src/entities/scit/paper-system.js';
import type { RotationStrategy } from '../../../src/entities/scit/rotation-strategy.js';
import { buildScitSystem } from '../../../src/entities/scit/scit-system.js';
import {
  ConventionalRotation,
  RedundancyPreservingRotation,
  ReserveAwareRotation,
} from '../../../src/policies/scit/index.js';

/**
 * Everything observable of one run: switches, VM transitions, starvation, how and when it ended, and
 * the time and sequence number of every controller event. `foreignTimes`: times of extra no-op events
 * scheduled before the run (the controller's own timers are sent when the run starts, after them).
 */
function observe(scitCase: ScitCase, strategy: RotationStrategy, foreignTimes: readonly number[]) {
  const sim = new Simulation({ seed: scitCase.seed });
  const system = buildScitSystem(sim, resolveScitConfig(scitCase.config), strategy, { maxCycles: 80 });
  for (const time of foreignTimes) sim.scheduleAt(time, () => {});
  const log: string[] = [];
  const controllerEvents: number[] = [];
  system.controller.switched.subscribe((r) => log.push(JSON.stringify(r)));
  system.controller.starved.subscribe((r) => log.push(r.message));
  system.fleet.stateChanged.subscribe((c) => log.push(`${c.time} vm${c.vm} ${c.from}>${c.to}`));
  sim.hooks.eventProcessed.subscribe((e) => {
    if (e.target === system.controller) controllerEvents.push(e.time);
  });
  const summary = sim.run({ until: 5000 });
  return {
    log,
    endTime: summary.endTime,
    controllerEvents,
    stop: system.controller.stopReason,
    waiting: system.controller.waitingVms(),
  };
}

describe('CentralController among other events', () => {
  describe('on generated systems (tie-prone timing, grace or not, starving or not)', () => {
    it('behaves exactly the same whatever else is scheduled, even at its own due times', () => {
      const strategies = [
        () => new ConventionalRotation(),
        () => new RedundancyPreservingRotation(),
        () => new ReserveAwareRotation(),
      ];
      fc.assert(
        fc.property(
          scitCaseArbitrary(),
          fc.nat(2),
          fc.array(fc.integer({ min: 0, max: 600 }), { maxLength: 40 }),
          (scitCase, which, foreignTimes) => {
            const alone = observe(scitCase, strategies[which](), []);
            // Foreign events at the controller's own due times too (ties are where order matters).
            const tied = [...foreignTimes, ...alone.controllerEvents.slice(0, 20)];
            const crowded = observe(scitCase, strategies[which](), tied);
            expect(crowded).toEqual(alone);
          },
        ),
        { numRuns: 150 },
      );
    });
  });
});

describe('ScitSystemView (what plugins see)', () => {
  it('reads the same state as the system, and offers nothing that changes it', () => {
    const sim = new Simulation({ seed: 2 });
    const system = buildScitSystem(sim, resolveScitConfig(paperScitConfig()), new ConventionalRotation(), {
      maxCycles: 5,
    });
    const view = system.view;
    const cycles: number[] = [];
    view.switched.subscribe((r) => cycles.push(r.cycle));
    sim.run();
    expect(cycles).toEqual([1, 2, 3, 4, 5]);
    expect(view.cycle).toBe(5);
    expect(view.vmCount).toBe(system.vms.length);
    for (const vm of system.vms) {
      expect([view.state(vm.id), view.service(vm.id), view.hostOf(vm.id)]).toEqual([
        vm.state,
        vm.service,
        vm.hostId,
      ]);
    }
    expect(view.table.level(0)).toBe(system.tolerance.table.level(0));
    // Nothing in the view's types changes the system (tsc checks these lines, which never run) …
    const mutations = (): void => {
      // @ts-expect-error a view's signal has no emit
      view.switched.emit({});
      // @ts-expect-error the distribution view has no mutators
      view.table.addActive(0, 0);
      // @ts-expect-error no fleet (and so no receive) in a view
      view.fleet.receive(0, { type: 'becomeSpare' });
    };
    expect(typeof mutations).toBe('function');
    // … and at run time the signals have no emit and the view cannot be extended.
    expect('emit' in view.switched).toBe(false);
    expect(Object.isFrozen(view)).toBe(true);
  });
});
