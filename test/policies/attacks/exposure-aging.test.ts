import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/core/simulation.js';
import { resolveScitConfig, type ScitConfig } from '../../../src/entities/scit/config.js';
import { buildScitSystem } from '../../../src/entities/scit/scit-system.js';
import {
  EXPOSURE_AGING_DEFAULTS,
  ExposureAgingAttack,
  ExposureAgingSession,
} from '../../../src/policies/attacks/exposure-aging.js';
import { ConventionalRotation } from '../../../src/policies/scit/conventional-rotation.js';

function run(exposureSeconds: number, scaleSeconds: number, shape: number, horizon: number) {
  const config: ScitConfig = {
    hosts: 2,
    vmsPerHost: 3,
    services: [{ name: 'A', required: 2 }],
    exposureSeconds,
    cleansingSeconds: 5,
    layout: [
      ['A', 'spare', 'spare'],
      ['A', 'spare', 'spare'],
    ],
  };
  const sim = new Simulation({ seed: 11 });
  const system = buildScitSystem(sim, resolveScitConfig(config), new ConventionalRotation());
  const session = new ExposureAgingSession(
    sim,
    system.view,
    { ...EXPOSURE_AGING_DEFAULTS, scaleSeconds, shape, recoverySeconds: 1 },
    sim.random('attack.exposure-aging'),
  );
  sim.run({ until: horizon });
  return session.stop();
}

describe('ExposureAgingSession', () => {
  it('compromises a VM online for t with probability 1 − exp(−(t/λ)^k), so longer exposure is riskier', () => {
    const share = (E: number) => {
      const report = run(E, 1000, 2, 400_000);
      return report.escapes / (report.escapes + report.defeatedByRotation);
    };
    const short = share(300);
    const long = share(600);
    // 1 − e^{−0.09} = 0.086 and 1 − e^{−0.36} = 0.302; each from thousands of activations.
    expect(short).toBeGreaterThan(0.07);
    expect(short).toBeLessThan(0.1);
    expect(long).toBeGreaterThan(0.27);
    expect(long).toBeLessThan(0.33);
  });
});

describe('ExposureAgingAttack', () => {
  const model = new ExposureAgingAttack();
  it('has defaults and refuses bad values naming the field', () => {
    expect(model.resolveOptions(undefined, 'attack')).toEqual(EXPOSURE_AGING_DEFAULTS);
    expect(() => model.resolveOptions({ shape: 0 }, 'attack')).toThrow(
      'attack.shape: must be a finite number > 0 (got 0)',
    );
    expect(() => model.resolveOptions({ scaleSeconds: -1 }, 'attack')).toThrow('attack.scaleSeconds');
    expect(() => model.resolveOptions({ meanIntervalSeconds: 3 }, 'attack')).toThrow(
      'attack.meanIntervalSeconds: unknown field; valid fields are: scaleSeconds, shape, recoverySeconds, recoveryDistribution',
    );
  });
  it('gives the rates the default horizons derive from', () => {
    const config = resolveScitConfig({
      hosts: 2,
      vmsPerHost: 2,
      services: [{ name: 'A', required: 2 }],
      exposureSeconds: 600,
      cleansingSeconds: 5,
    });
    const rates = model.rates(model.resolveOptions({ scaleSeconds: 1000, shape: 2 }, 'attack'), config);
    expect(rates.escapesPerActiveVmSecond).toBeCloseTo((1 - Math.exp(-0.36)) / 600, 12);
    expect(rates.recoverySeconds).toBe(60);
  });
});
