import { describe, expect, it } from 'vitest';
import { staticMttsf, truncationCheck } from '../../../../src/analysis/ctmc/static-ctmc.js';
import type { MeanTimeEstimate } from '../../../../src/analysis/stats/survival.js';
import { ConfigError } from '../../../../src/core/errors.js';
import { resolveScitConfig, type ScitConfig } from '../../../../src/entities/scit/config.js';
import { paperScitConfig } from '../../../../src/entities/scit/paper-system.js';
import { summarizeSeeds } from '../../../../src/experiments/scit/seed-summary.js';
import { VM_ESCAPE_DEFAULTS, type VmEscapeOptions } from '../../../../src/policies/attacks/vm-escape.js';
import { createRunContainer, withRotation } from '../../../../src/runs/container.js';

/** Rotation switched off: the first expiry lies beyond every run. */
const STATIC = 1e8;

const exponential = (
  meanIntervalSeconds: number,
  escapeSeconds: number,
  recoverySeconds: number,
): VmEscapeOptions => ({
  ...VM_ESCAPE_DEFAULTS,
  meanIntervalSeconds,
  escapeSeconds,
  escapeDistribution: 'exponential',
  recoverySeconds,
  recoveryDistribution: 'exponential',
});

const twoHosts: ScitConfig = {
  hosts: 2,
  vmsPerHost: 3,
  services: [{ name: 'A', required: 3 }],
  exposureSeconds: STATIC,
  cleansingSeconds: 10,
  layout: [
    ['A', 'A', 'spare'],
    ['A', 'spare', 'spare'],
  ],
};

/** Where the model's assumptions hold: no rotation, Poisson attempts, exponential D and R. */
const GRID: { name: string; config: ScitConfig; attack: VmEscapeOptions }[] = [
  {
    name: 'paper layout, the preset’s means',
    config: { ...paperScitConfig(), exposureSeconds: STATIC },
    attack: exponential(300, 30, 60),
  },
  {
    name: 'paper layout, frequent slower escapes',
    config: { ...paperScitConfig(), exposureSeconds: STATIC },
    attack: exponential(200, 40, 45),
  },
  { name: 'two hosts, one service', config: twoHosts, attack: exponential(100, 10, 50) },
];

const SEEDS = 1000;

/**
 * The grid makes 3 + 3 + 2 = 8 comparisons; each 95% interval misses a correct value 5% of the time,
 * so the intervals are widened to a family-wise 95% (Bonferroni: z = 2.73 per comparison instead of
 * 1.96) — a correct model then fails this test with probability ≤ 5% for any choice of seeds.
 */
const FAMILY_WIDENING = 2.734 / 1.96;

function covers(estimate: MeanTimeEstimate, value: number): void {
  expect(estimate.censored).toBe(0);
  const half = ((estimate.ci95[1] - estimate.ci95[0]) / 2) * FAMILY_WIDENING;
  expect(Math.abs(value - estimate.mean)).toBeLessThan(half);
}

describe('staticMttsf (analytic model (a): absorbing CTMC of a static placement)', () => {
  describe.each(GRID)('having $name', ({ config, attack }) => {
    it(`lies in the simulation's 95% confidence interval (${SEEDS} seeds, rotation off, family-wise), system and per service`, () => {
      const resolved = resolveScitConfig(config);
      const analytic = staticMttsf(resolved, attack);
      const simulated = summarizeSeeds(withRotation(createRunContainer(), 'conventional'), resolved, {
        seeds: SEEDS,
        horizonSeconds: 1e7,
        attack,
        security: { stopWhen: 'every-service-failed' },
      }).security;
      if (simulated === undefined) throw new Error('no security summary');
      covers(simulated.mttsf.system, analytic.system);
      for (const service of resolved.services)
        covers(simulated.mttsf.services[service.name], analytic.services[service.name]);
    });
  });

  it('says a service on more hosts survives longer, and a system fails no later than any service', () => {
    const config = resolveScitConfig({ ...paperScitConfig(), exposureSeconds: STATIC });
    const analytic = staticMttsf(config, exponential(300, 30, 60));
    expect(analytic.services.Web).toBeGreaterThan(5 * analytic.services.DNS);
    expect(analytic.system).toBeLessThanOrEqual(Math.min(analytic.services.Web, analytic.services.DNS));
    expect(analytic.states).toBe(729);
  });

  it('changes little when the truncation widens (J, K = 2 → 3), and is not independent of it', () => {
    const config = resolveScitConfig(twoHosts);
    const check = truncationCheck(config, exponential(100, 10, 50));
    expect(check.relativeChange).toBeGreaterThan(0);
    expect(check.relativeChange).toBeLessThan(0.01);
    // A chain with no room for an escape in flight never absorbs: refused by name.
    expect(() =>
      staticMttsf(config, exponential(100, 10, 50), { maxInFlight: 0, maxClocks: 1 }, false),
    ).toThrow(/truncation.maxInFlight: must be an integer >= 1 \(got 0\)/);
  });

  it('refuses fixed times and chains too large to solve, naming the field', () => {
    const config = resolveScitConfig({ ...paperScitConfig(), exposureSeconds: STATIC });
    expect(() => staticMttsf(config, VM_ESCAPE_DEFAULTS)).toThrow(ConfigError);
    expect(() => staticMttsf(config, VM_ESCAPE_DEFAULTS)).toThrow(
      /needs exponential escape and recovery times/,
    );
    const big = resolveScitConfig({
      hosts: 5,
      vmsPerHost: 2,
      services: [{ name: 'A', required: 5 }],
      exposureSeconds: 100,
      cleansingSeconds: 10,
    });
    expect(() => staticMttsf(big, exponential(300, 30, 60))).toThrow(/hosts: .*59049 is more than 5000/);
  });
});
