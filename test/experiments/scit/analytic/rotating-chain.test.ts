import { describe, expect, it } from 'vitest';
import {
  averagedRotatingMttsf,
  landingSchedule,
  rotatingMttsf,
  rotationSchedule,
  stageExtrapolatedMttsf,
} from '../../../../src/analysis/ctmc/rotating-chain.js';
import { staticMttsf } from '../../../../src/analysis/ctmc/static-ctmc.js';
import { ConfigError } from '../../../../src/core/errors.js';
import { resolveScitConfig } from '../../../../src/entities/scit/config.js';
import { paperScitConfig } from '../../../../src/entities/scit/paper-system.js';
import {
  VM_ESCAPE_DEFAULTS,
  VmEscapeAttack,
  type VmEscapeOptions,
} from '../../../../src/policies/attacks/vm-escape.js';
import { createRunContainer, withRotation } from '../../../../src/runs/container.js';
import { analyticVsSimulated, Z_FAMILY } from './rotating-vs-simulated.js';

const model = new VmEscapeAttack();

/** Where the chain is exact: exponential R; escape times fixed (the preset's) or exponential. */
const attack = (
  meanIntervalSeconds: number,
  escapeDistribution: 'fixed' | 'exponential' = 'exponential',
  escapeSeconds = 1,
): VmEscapeOptions => ({
  meanIntervalSeconds,
  escapeSeconds,
  escapeDistribution,
  recoverySeconds: 60,
  recoveryDistribution: 'exponential',
});

describe('rotatingMttsf (analytic model (b): host chain driven by the rotation schedule)', () => {
  // The cheapest cell of the grid (1.5 s); all four, family-wise, are rotating-chain.long.test.ts.
  it('agrees with 1000 simulated seeds (E = 180 s, fixed D = 30 s, conventional) within the family-wise 95% interval', () => {
    const { difference, standardError } = analyticVsSimulated(
      { exposureSeconds: 180, escape: 'fixed', strategy: 'conventional' },
      1000,
    );
    expect(difference).toBeLessThan(Z_FAMILY * standardError);
  });

  it('equals the static chain (a) when nothing rotates and escapes are instant', () => {
    const config = resolveScitConfig({
      hosts: 2,
      vmsPerHost: 3,
      services: [
        { name: 'A', required: 2 },
        { name: 'B', required: 1 },
      ],
      exposureSeconds: 1e8,
      cleansingSeconds: 10,
      layout: [
        ['A', 'B', 'spare'],
        ['A', 'spare', 'spare'],
      ],
    });
    const instant = { ...attack(100), recoverySeconds: 50, escapeSeconds: 1e-3 };
    const frozen = staticMttsf(config, instant);
    const container = withRotation(createRunContainer(), 'conventional');
    const rates = model.rates(instant, config);
    const chain = rotatingMttsf(container, config, rates);
    expect(chain.phases).toBe(1);
    expect(Math.abs(chain.mttsf - frozen.system) / frozen.system).toBeLessThan(2e-3);
    const a = rotatingMttsf(container, config, rates, { service: 0 });
    expect(Math.abs(a.mttsf - frozen.services.A) / frozen.services.A).toBeLessThan(2e-3);
    expect(a.mttsf).toBeGreaterThan(1.5 * chain.mttsf);
  });

  it('lands fixed-time escapes D after the attempt, only from VMs Active that long, on their hosts', () => {
    const config = resolveScitConfig(paperScitConfig());
    const options = attack(300, 'fixed', 30);
    const phases = landingSchedule(withRotation(createRunContainer(), 'conventional'), config, 200, options);
    const perVm = 1 / (300 * 8);
    // Before D = 30 s no VM has been Active long enough: nothing lands.
    expect(phases[0].landing).toEqual([0, 0, 0]);
    const at = (t: number) =>
      phases.find((p) => p.startSeconds <= t && t < p.startSeconds + p.durationSeconds);
    expect(at(10)?.landing).toEqual([0, 0, 0]);
    expect(at(25)?.landing).toEqual([0, 0, 0]);
    // At 40 s: the initial VMs still Active land (n/(A·N) each), never more than a host's Active VMs.
    const landing = at(40)?.landing ?? [];
    const active = at(40)?.active ?? [];
    const mature = landing.map((rate) => Math.round(rate / perVm));
    expect(mature.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    mature.forEach((count, h) => {
      expect(count).toBeLessThanOrEqual(active.reduce((sum, row) => sum + row[h], 0));
    });
    for (const phase of phases) expect(phase.durationSeconds).toBeGreaterThanOrEqual(0);
  });

  it('records the layouts of a schedule: one per switch, each with the required Active VMs', () => {
    const config = resolveScitConfig(paperScitConfig());
    const schedule = rotationSchedule(withRotation(createRunContainer(), 'conventional'), config, 900);
    expect(schedule.length).toBeGreaterThan(30);
    for (const phase of schedule) {
      expect(phase.active.map((row) => row.reduce((a, b) => a + b, 0))).toEqual([6, 2]);
      expect(phase.durationSeconds).toBeGreaterThanOrEqual(0);
    }
    expect(schedule.at(-1)?.startSeconds).toBeLessThan(900);
  });

  it('refuses bad options by name', () => {
    const config = resolveScitConfig(paperScitConfig());
    const container = withRotation(createRunContainer(), 'conventional');
    const rates = model.rates(VM_ESCAPE_DEFAULTS, config);
    expect(() => rotatingMttsf(container, config, rates, { maxClocks: 0 })).toThrow(ConfigError);
    expect(() => rotatingMttsf(container, config, { ...rates, recoverySeconds: Number.NaN })).toThrow(
      /recoverySeconds: .*\(got NaN\)/,
    );
    expect(() => averagedRotatingMttsf(container, config, rates, 0)).toThrow(/schedules: /);
  });
});

describe('stageExtrapolatedMttsf', () => {
  const config = resolveScitConfig(paperScitConfig());
  const container = withRotation(createRunContainer(), 'conventional');

  it('extrapolates a fixed R’s Erlang stages to K → ∞ from K = 3 and 6, below the 3-stage value', () => {
    const attack = model.resolveOptions({ ...VM_ESCAPE_DEFAULTS, meanIntervalSeconds: 100 }, 'attack');
    const rates = model.rates(attack, config);
    const result = stageExtrapolatedMttsf(container, config, rates, 1, { escape: attack });
    const m3 = averagedRotatingMttsf(container, config, rates, 1, { escape: attack }).mttsf;
    const m6 = averagedRotatingMttsf(container, config, rates, 1, { escape: attack, maxClocks: 6 }).mttsf;
    expect(result.method).toBe('stages-extrapolated');
    expect(result.threeStageMttsf).toBe(m3);
    expect(result.mttsf).toBeCloseTo(2 * m6 - m3, 9);
    // More stages, a shorter MTTSF: the 3-stage chain overestimates it.
    expect(m6).toBeLessThan(m3);
    expect(result.mttsf).toBeLessThan(m6);
  });

  it('solves an exponential R once: the chain is exact there', () => {
    const attack = model.resolveOptions(
      { ...VM_ESCAPE_DEFAULTS, recoveryDistribution: 'exponential' },
      'attack',
    );
    const rates = model.rates(attack, config);
    const result = stageExtrapolatedMttsf(container, config, rates, 1, { escape: attack });
    expect(result.method).toBe('exact');
    expect(result.mttsf).toBe(averagedRotatingMttsf(container, config, rates, 1, { escape: attack }).mttsf);
  });
});
