import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/core/simulation.js';
import { resolveScitConfig } from '../../src/entities/scit/config.js';
import type { RotationStrategy } from '../../src/entities/scit/rotation-strategy.js';
import { buildScitSystem } from '../../src/entities/scit/scit-system.js';
import {
  ConventionalRotation,
  RedundancyPreservingRotation,
  ReserveAwareRotation,
} from '../../src/policies/scit/index.js';
import { type ScitCase, scitCaseArbitrary } from '../../src/policies/scit/spec-arbitrary.js';

/** Everything observable of one run: switches, VM transitions, starvation, how and when it ended. */
function observe(scitCase: ScitCase, strategy: RotationStrategy, soleEventSource: boolean) {
  const sim = new Simulation({ seed: scitCase.seed });
  const system = buildScitSystem(sim, resolveScitConfig(scitCase.config), strategy, {
    maxCycles: 80,
    soleEventSource,
  });
  const log: string[] = [];
  system.controller.switched.subscribe((r) => log.push(JSON.stringify(r)));
  system.controller.starved.subscribe((r) => log.push(r.message));
  sim.hooks.stateChanged.subscribe((c) => log.push(`${c.time} vm${c.id} ${c.from}>${c.to}`));
  const summary = sim.run({ until: 5000 });
  return { log, summary, stop: system.controller.stopReason, waiting: system.controller.waitingVms() };
}

describe('CentralController with soleEventSource', () => {
  describe('on generated systems (tie-prone timing, grace or not, starving or not)', () => {
    it('behaves exactly like one kernel event per timer, for every strategy', () => {
      const strategies = [
        () => new ConventionalRotation(),
        () => new RedundancyPreservingRotation(),
        () => new ReserveAwareRotation(),
      ];
      fc.assert(
        fc.property(scitCaseArbitrary(), fc.nat(2), (scitCase, which) => {
          const perTimer = observe(scitCase, strategies[which](), false);
          const sole = observe(scitCase, strategies[which](), true);
          expect(sole).toEqual(perTimer);
        }),
        { numRuns: 150 },
      );
    });
  });
});
