import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/index.js';
import { CLOUDLET_SCHEDULER_FACTORY } from '../../../src/entities/index.js';
import {
  runScale,
  type ScaleConfig,
  scaleLengths,
} from '../../../src/experiments/cloudsim/scale-scenario.js';
import { CLOUDLET_SCHEDULERS } from '../../../src/policies/cloudsim-module.js';
import { createRunContainer } from '../../../src/runs/container.js';

/** The scale scenario with the default policies, or the general (per-cloudlet) time-shared scheduler. */
function scale(config: ScaleConfig, scheduler: 'fast' | 'general' = 'fast') {
  const container = createRunContainer();
  if (scheduler === 'general')
    container.rebind(CLOUDLET_SCHEDULER_FACTORY).toConstantValue(CLOUDLET_SCHEDULERS['time-shared-general']);
  return runScale(container, config);
}

// CloudSim 7.0.1's sums of finish times (3 decimals), published in cloudsim-examples.md: these are
// CloudSim's own outputs, the oracle we must reproduce.
const CLOUDSIM_SUMS = {
  small: 80949.607, // (10 hosts, 40 VMs, 400 cloudlets)
};
// The (100, 400, 4000) and (1000, 4000, 40000) sums are scale.long.test.ts (npm run test:long).

describe('scale scenario', () => {
  it('draws lengths from java.util.Random(42) in id order', () => {
    expect(scaleLengths(5)).toEqual([23770, 41459, 24946, 87741, 32604]);
  });

  it('reproduces CloudSim 7.0.1 at (10, 40, 400)', () => {
    const result = scale({ hosts: 10, vms: 40, cloudlets: 400 });
    expect(result.finishedCount).toBe(400);
    expect(result.finishTimeSum.toFixed(3)).toBe(CLOUDSIM_SUMS.small.toFixed(3));
    expect(result.endTime).toBeGreaterThanOrEqual(result.maxFinishTime);
  });

  it('gives the same finish times with the general and the fast scheduler', () => {
    const fast = scale({ hosts: 10, vms: 40, cloudlets: 400 });
    const general = scale({ hosts: 10, vms: 40, cloudlets: 400 }, 'general');
    expect(fast.cloudlets.map((c) => c.finishTime)).toEqual(general.cloudlets.map((c) => c.finishTime));
    expect(fast.endTime).toBe(general.endTime);
  });

  it('rejects a non-positive size before running, naming the field', () => {
    expect(() => scale({ hosts: 0, vms: 1, cloudlets: 1 })).toThrow(ConfigError);
    expect(() => scale({ hosts: 1, vms: 1.5, cloudlets: 1 })).toThrow(/vms/);
  });
});

describe('scale CSV', () => {
  it('has one row per cloudlet in id order with the documented columns, written atomically', async () => {
    const { mkdtempSync, readFileSync, readdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { scaleCsv } = await import('../../../src/experiments/cloudsim/scale-scenario.js');
    const { writeFileAtomic } = await import('../../../src/report/files.js');
    const result = scale({ hosts: 1, vms: 2, cloudlets: 3 });
    const dir = mkdtempSync(join(tmpdir(), 'scale-csv-'));
    const file = join(dir, 'out.csv');
    await writeFileAtomic(file, scaleCsv(result));
    expect(readdirSync(dir)).toEqual(['out.csv']);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('cloudletId,lengthMI,vmId,status,execStartTime,finishTime,actualCPUTime');
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 4).join(','))).toEqual([
      '0,23770,0,SUCCESS',
      '1,41459,1,SUCCESS',
      '2,24946,0,SUCCESS',
    ]);
  });
});
