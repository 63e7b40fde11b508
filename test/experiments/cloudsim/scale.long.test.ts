import { describe, expect, it } from 'vitest';
import { CLOUDLET_SCHEDULER_FACTORY } from '../../../src/entities/index.js';
import { runScale, type ScaleConfig } from '../../../src/experiments/cloudsim/scale-scenario.js';
import { CLOUDLET_SCHEDULERS } from '../../../src/policies/cloudsim-module.js';
import { createRunContainer } from '../../../src/runs/container.js';

/** The scale scenario with the default policies, or the general (per-cloudlet) time-shared scheduler. */
function scale(config: ScaleConfig, scheduler: 'fast' | 'general' = 'fast') {
  const container = createRunContainer();
  if (scheduler === 'general')
    container.rebind(CLOUDLET_SCHEDULER_FACTORY).toConstantValue(CLOUDLET_SCHEDULERS['time-shared-general']);
  return runScale(container, config);
}

// CloudSim 7.0.1's sums of finish times (3 decimals), published in cloudsim-examples.md: CloudSim's own
// outputs, the oracle we must reproduce. The (10, 40, 400) case and the schedulers' agreement are
// scale.test.ts (npm test); these larger ones take seconds each.
const CLOUDSIM_SUMS = {
  medium: 837096.659, // (100, 400, 4000)
  large: 8284368.459, // (1000, 4000, 40000)
};

describe('scale scenario, larger sizes', () => {
  it('reproduces CloudSim 7.0.1 at (100, 400, 4000) with the general per-cloudlet scheduler', () => {
    const result = scale({ hosts: 100, vms: 400, cloudlets: 4000 }, 'general');
    expect(result.finishedCount).toBe(4000);
    expect(result.finishTimeSum.toFixed(3)).toBe(CLOUDSIM_SUMS.medium.toFixed(3));
  });

  it('reproduces CloudSim 7.0.1 at (1000, 4000, 40000) with the fast scheduler', () => {
    const result = scale({ hosts: 1000, vms: 4000, cloudlets: 40000 });
    expect(result.finishedCount).toBe(40000);
    expect(result.finishTimeSum.toFixed(3)).toBe(CLOUDSIM_SUMS.large.toFixed(3));
  });
});
