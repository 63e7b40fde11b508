import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/errors.js';
import { Simulation } from '../../../src/core/simulation.js';
import { resolveScitConfig, type ScitConfig } from '../../../src/entities/scit/config.js';
import type { RotationStrategy } from '../../../src/entities/scit/rotation-strategy.js';
import { buildScitSystem } from '../../../src/entities/scit/scit-system.js';
import type { HostCompromiseChange } from '../../../src/policies/attacks/attack-model.js';
import { HostCompromises } from '../../../src/policies/attacks/host-compromises.js';
import {
  escapeSuccessProbability,
  VM_ESCAPE_DEFAULTS,
  VmEscapeAttack,
  type VmEscapeOptions,
  VmEscapeSession,
} from '../../../src/policies/attacks/vm-escape.js';
import { ConventionalRotation } from '../../../src/policies/scit/conventional-rotation.js';

/** One service on one host with a spare. */
const singleHost: ScitConfig = {
  hosts: 1,
  vmsPerHost: 2,
  services: [{ name: 'A', required: 1 }],
  exposureSeconds: 100,
  cleansingSeconds: 10,
  layout: [['A', 'spare']],
};

const options = (given: Partial<VmEscapeOptions>): VmEscapeOptions => ({
  ...VM_ESCAPE_DEFAULTS,
  meanIntervalSeconds: 50,
  recoverySeconds: 20,
  ...given,
});

/** Runs `config` under the attack until `horizon`; returns the session's report and its compromise changes. */
function attackRun(
  config: ScitConfig,
  attack: Partial<VmEscapeOptions>,
  horizon: number,
  strategy: RotationStrategy = new ConventionalRotation(),
  seed = 5,
) {
  const sim = new Simulation({ seed });
  const system = buildScitSystem(sim, resolveScitConfig(config), strategy);
  const session = new VmEscapeSession(sim, system.view, options(attack));
  const changes: HostCompromiseChange[] = [];
  session.compromiseChanged.subscribe((change) => changes.push(change));
  sim.run({ until: horizon });
  return { report: session.stop(), changes };
}

describe('VmEscapeSession', () => {
  it('sees the system only through its read-only view, and unsubscribes when stopped or finished', () => {
    for (const finish of [false, true]) {
      const sim = new Simulation({ seed: 5 });
      const system = buildScitSystem(sim, resolveScitConfig(singleHost), new ConventionalRotation(), {
        maxCycles: finish ? 10 : undefined,
      });
      const before = [system.controller.switched.size, sim.hooks.finished.size];
      const session = new VmEscapeSession(sim, system.view, options({ escapeSeconds: 5 }));
      expect(system.controller.switched.size).toBe(before[0] + 1);
      if (finish) sim.run();
      else sim.run({ until: 1000 });
      session.stop();
      expect([system.controller.switched.size, sim.hooks.finished.size]).toEqual(before);
    }
  });

  describe('having a service on a single host', () => {
    it('compromises the host for the recovery time after each successful escape', () => {
      const { report, changes } = attackRun(singleHost, { escapeSeconds: 5 }, 5000);
      expect(report.attempts).toBeGreaterThan(50);
      expect(report.escapes + report.defeatedByRotation).toBeLessThanOrEqual(report.attempts);
      expect(report.escapes).toBeGreaterThan(0);
      // Alternating start/end; each compromise lasts at least R = 20 s (longer when extended).
      expect(changes.filter((c) => c.compromised).length).toBeGreaterThan(10);
      for (let i = 0; i + 1 < changes.length; i += 2) {
        expect([changes[i].compromised, changes[i + 1].compromised]).toEqual([true, false]);
        expect(changes[i + 1].timeSeconds - changes[i].timeSeconds).toBeGreaterThanOrEqual(20);
      }
      expect(report.observedSeconds).toBe(5000);
    });

    it('is defeated when rotation is faster than the escape', () => {
      // Exposure 100 s < escape 150 s: the targeted VM has always left the Active state in time.
      const { report } = attackRun(singleHost, { escapeSeconds: 150 }, 5000);
      expect(report.escapes).toBe(0);
      expect(report.defeatedByRotation).toBeGreaterThan(0);
    });

    it('is defeated when its VM was cleansed and is Active again by the time the escape ends', () => {
      // Two VMs alternate: VM 0 Active [0, 10), cleansing [10, 15), spare, Active again [20, 30) … An
      // attempt on it at t < 5 ends (D = 25) while it is Active again — in a new activation.
      const quick: ScitConfig = { ...singleHost, exposureSeconds: 10, cleansingSeconds: 5 };
      const { report } = attackRun(quick, { escapeSeconds: 25, meanIntervalSeconds: 3 }, 3000);
      expect(report.attempts).toBeGreaterThan(500);
      expect(report.escapes).toBe(0);
    });
  });

  it('targets a uniformly random Active VM: hosts are hit in proportion to their Active VMs', () => {
    // No rotation (E beyond the horizon): host 0 runs 3 Active VMs, host 1 one; escapes and recoveries short.
    const frozen: ScitConfig = {
      hosts: 2,
      vmsPerHost: 4,
      services: [{ name: 'A', required: 4 }],
      exposureSeconds: 1e8,
      cleansingSeconds: 10,
      layout: [
        ['A', 'A', 'A', 'spare'],
        ['A', 'spare', 'spare', 'spare'],
      ],
    };
    const { changes } = attackRun(
      frozen,
      { escapeSeconds: 0.001, recoverySeconds: 0.001, meanIntervalSeconds: 1 },
      4000,
    );
    const hits = [0, 1].map((host) => changes.filter((c) => c.compromised && c.host === host).length);
    const n = hits[0] + hits[1];
    expect(n).toBeGreaterThan(3800);
    // Binomial(n, 3/4): five standard deviations.
    expect(Math.abs(hits[0] - 0.75 * n)).toBeLessThan(5 * Math.sqrt(n * 0.75 * 0.25));
  });

  it('draws exponential escape times when asked (then some escapes beat a rotation that fixed ones never beat)', () => {
    const fixed = attackRun(singleHost, { escapeSeconds: 150 }, 20_000);
    const exponential = attackRun(
      singleHost,
      { escapeSeconds: 150, escapeDistribution: 'exponential' },
      20_000,
    );
    expect(fixed.report.escapes).toBe(0);
    // P(D < remaining exposure) = (150/100)·… ≈ 0.27 for D ~ Exp(150) and a uniform remaining time.
    const share = exponential.report.escapes / exponential.report.attempts;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.4);
  });
});

describe('HostCompromises', () => {
  it('extends a compromise to the later end, telling listeners only of its start and its end', () => {
    const sim = new Simulation();
    const hosts = new HostCompromises(sim, 2);
    const changes: HostCompromiseChange[] = [];
    hosts.compromiseChanged.subscribe((c) => changes.push(c));
    sim.schedule(0, () => hosts.compromise(1, 10));
    sim.schedule(5, () => hosts.compromise(1, 10)); // until 15
    sim.schedule(6, () => hosts.compromise(1, 2)); // ends earlier: no change
    sim.schedule(7, () => expect(hosts.isCompromised(1)).toBe(true));
    sim.run();
    expect(changes).toEqual([
      { host: 1, compromised: true, timeSeconds: 0 },
      { host: 1, compromised: false, timeSeconds: 15 },
    ]);
    expect(hosts.report().escapes).toBe(3);
    expect(hosts.isCompromised(0)).toBe(false);
  });
});

describe('VmEscapeAttack.resolveOptions', () => {
  const model = new VmEscapeAttack();
  it('fills in the paper preset’s values and accepts R under its old name', () => {
    expect(model.resolveOptions({}, 'attack')).toEqual({
      meanIntervalSeconds: 300,
      escapeSeconds: 30,
      escapeDistribution: 'fixed',
      recoverySeconds: 60,
      recoveryDistribution: 'fixed',
    });
    expect(model.resolveOptions({ hostCompromiseSeconds: 90 }, 'attack').recoverySeconds).toBe(90);
  });
  it.each([
    [
      { meanIntervalSeconds: 0 },
      'attack.meanIntervalSeconds: must be a finite number of seconds > 0 (got 0)',
    ],
    [{ escapeSeconds: -3 }, 'attack.escapeSeconds: must be a finite number of seconds > 0 (got -3)'],
    [
      { recoverySeconds: Number.NaN },
      'attack.recoverySeconds: must be a finite number of seconds > 0 (got NaN)',
    ],
    [{ escapeSeconds: '30' }, 'attack.escapeSeconds: must be a finite number of seconds > 0 (got "30")'],
    [
      { hostCompromiseSeconds: 0 },
      'attack.hostCompromiseSeconds: must be a finite number of seconds > 0 (got 0)',
    ],
    [
      { escapeDistribution: 'normal' },
      'attack.escapeDistribution: unknown distribution; valid values are: fixed, exponential (got "normal")',
    ],
    [{ escapeSecs: 3 }, 'attack.escapeSecs: unknown field'],
    [
      { recoverySeconds: 60, hostCompromiseSeconds: 60 },
      'attack.hostCompromiseSeconds: is the old name of recoverySeconds',
    ],
    [{ meanIntervalSeconds: 2e9 }, 'attack.meanIntervalSeconds: must be ≤ 1000000000'],
    [[1, 2], 'attack: must be an object'],
  ])('refuses %j, naming the field and the value', (given, message) => {
    expect(() => model.resolveOptions(given, 'attack')).toThrow(ConfigError);
    expect(() => model.resolveOptions(given, 'attack')).toThrow(message);
  });
});

describe('escapeSuccessProbability', () => {
  it('is 1 − D/E for a fixed D shorter than E (no grace), 0 when D ≥ E + G', () => {
    expect(escapeSuccessProbability(30, 'fixed', 180, 0)).toBeCloseTo(5 / 6, 12);
    expect(escapeSuccessProbability(30, 'fixed', 180, 10)).toBeCloseTo(1 - 20 / 180, 12);
    expect(escapeSuccessProbability(200, 'fixed', 180, 0)).toBe(0);
  });
  it('averages P(D < remaining time) over a uniform remaining time for an exponential D', () => {
    // ∫₀^E (1 − e^{−r/d}) dr / E
    const d = 30;
    const E = 180;
    expect(escapeSuccessProbability(d, 'exponential', E, 0)).toBeCloseTo(
      1 - (d / E) * (1 - Math.exp(-E / d)),
      12,
    );
  });
});
