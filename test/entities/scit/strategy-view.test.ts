import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ScitCase, scitCaseArbitrary } from '../../../src/checks/rotation/spec-arbitrary.js';
import type { RandomStream } from '../../../src/core/random.js';
import { Simulation } from '../../../src/core/simulation.js';
import { resolveScitConfig } from '../../../src/entities/scit/config.js';
import { paperScitConfig } from '../../../src/entities/scit/paper-system.js';
import type {
  RotationStrategy,
  RotationView,
  SpareDecision,
  SwitchRequest,
} from '../../../src/entities/scit/rotation-strategy.js';
import type { ScitState } from '../../../src/entities/scit/scit-state.js';
import { buildScitSystem } from '../../../src/entities/scit/scit-system.js';
import { ConventionalRotation } from '../../../src/policies/scit/index.js';

/**
 * Runs `scitCase` with the conventional strategy, and at every decision compares what the view says of
 * time with what an observer of the fleet's transitions saw: each VM's state and service, when it entered
 * its state, when that state ends (an Active VM: the expiry the controller will fire), each host's last
 * cleansing, and the clock. Returns the number of decisions checked.
 */
function checkTimesOf(scitCase: ScitCase): number {
  const config = resolveScitConfig(scitCase.config);
  const sim = new Simulation({ seed: scitCase.seed });
  const problems: string[] = [];
  let decisions = 0;
  const entered = new Map<number, number>();
  const cleansed = new Map<number, number>();
  const initialEnd = new Map<number, number>();
  const conventional = new ConventionalRotation();
  const strategy: RotationStrategy = {
    name: 'times-probe',
    choose(request: SwitchRequest, view: RotationView, random: RandomStream): SpareDecision {
      decisions++;
      const say = (what: string) => problems.push(`t=${request.nowSeconds} ${what}`);
      if (view.nowSeconds !== request.nowSeconds) say(`nowSeconds ${view.nowSeconds}`);
      if (view.stateEndsAtSeconds(request.vm) !== request.expiredAtSeconds)
        say(
          `VM ${request.vm} ends at ${view.stateEndsAtSeconds(request.vm)}, expired at ${request.expiredAtSeconds}`,
        );
      for (let vm = 0; vm < view.vmCount; vm++) {
        const state: ScitState = system.fleet.state(vm);
        if (view.stateOf(vm) !== state) say(`VM ${vm} state ${view.stateOf(vm)} ≠ ${state}`);
        if (view.serviceOf(vm) !== system.fleet.service(vm)) say(`VM ${vm} service`);
        const since = entered.get(vm) ?? 0;
        if (view.stateEnteredAtSeconds(vm) !== since)
          say(`VM ${vm} entered ${view.stateEnteredAtSeconds(vm)} ≠ ${since}`);
        const length =
          state === 'active'
            ? config.services[system.fleet.service(vm)].exposureSeconds
            : state === 'grace'
              ? config.graceSeconds
              : state === 'cleansing'
                ? config.cleansingSeconds
                : Number.POSITIVE_INFINITY;
        const ends = entered.has(vm) ? since + length : initialEnd.get(vm);
        if (view.stateEndsAtSeconds(vm) !== ends)
          say(`VM ${vm} (${state}) ends ${view.stateEndsAtSeconds(vm)} ≠ ${ends}`);
      }
      for (let host = 0; host < view.hostCount; host++) {
        const last = cleansed.get(host) ?? Number.NEGATIVE_INFINITY;
        if (view.lastCleansedAtSeconds(host) !== last)
          say(`host ${host} cleansed ${view.lastCleansedAtSeconds(host)} ≠ ${last}`);
      }
      return conventional.choose(request, view, random);
    },
  };
  const system = buildScitSystem(sim, config, strategy, { maxCycles: 300 });
  // The initial timers: online VMs take the first expiries in layout order, cleansing VMs theirs.
  let online = 0;
  let cleansing = 0;
  for (let vm = 0; vm < system.fleet.size; vm++) {
    const state = system.fleet.state(vm);
    if (state === 'active') initialEnd.set(vm, config.firstExpirySeconds[online++]);
    else if (state === 'cleansing') initialEnd.set(vm, config.firstCleansingDoneSeconds[cleansing++]);
    else initialEnd.set(vm, Number.POSITIVE_INFINITY);
  }
  system.fleet.stateChanged.subscribe(({ time, vm, from, to }) => {
    entered.set(vm, time);
    if (from === 'cleansing' && to === 'spare') cleansed.set(system.fleet.hostOf(vm), time);
  });
  sim.run({ until: scitCase.durationSeconds });
  expect(problems.slice(0, 5)).toEqual([]);
  return decisions;
}

describe('StrategyView › time', () => {
  it('on the paper system: now, every VM’s state, entry and scheduled end, every host’s last cleansing', () => {
    expect(checkTimesOf({ config: paperScitConfig(), seed: 3, durationSeconds: 20_000 })).toBeGreaterThan(
      200,
    );
  });
  it('on generated systems (grace or not, random first timers, waits)', () => {
    fc.assert(
      fc.property(scitCaseArbitrary(), (scitCase) => {
        checkTimesOf({ ...scitCase, durationSeconds: Math.min(scitCase.durationSeconds ?? 0, 3000) });
      }),
      { numRuns: 25 },
    );
  });
  it('is read-only and names a VM or host that does not exist', () => {
    const sim = new Simulation({ seed: 1 });
    const system = buildScitSystem(sim, resolveScitConfig(paperScitConfig()), new ConventionalRotation());
    const view = system.tolerance.view;
    expect(() => {
      (view as unknown as { nowSeconds: number }).nowSeconds = 5;
    }).toThrow(TypeError);
    expect(() => view.stateEndsAtSeconds(12)).toThrow('no VM 12 (ids are 0–11)');
    expect(() => view.stateOf(-1)).toThrow('no VM -1');
    expect(() => view.lastCleansedAtSeconds(3)).toThrow('no host 3 (hosts are 0–2)');
    sim.run({ until: 100 });
    expect(view.nowSeconds).toBe(100);
    expect(system.view.table.nowSeconds).toBe(100);
  });
});
