/**
 * The processor-sharing check, small (the full check, 10^5 requests at ρ = 0.3, 0.6, 0.8 with
 * exponential and fixed lengths, is `npm run test:queueing`: test/queueing/).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, processorSharingCheck } from '../../../src/index.js';
import { ROOT } from '../../examples/expected-output.js';
import { runExample } from '../../support/in-process-example.js';

describe('processorSharingCheck (small)', () => {
  it('measures what it says on the cloudlet path, and the fast path gives the same numbers', () => {
    const cloudlets = processorSharingCheck({ rho: 0.5, requests: 3000, seed: 7 });
    expect(cloudlets.engine).toBe('cloudlets');
    expect(cloudlets.requests).toBeGreaterThanOrEqual(3000);
    expect(cloudlets.unfinished).toBe(0);
    expect(cloudlets.arrivalsPerSecond).toBeCloseTo((0.5 * 4 * 1000) / 5000, 12);
    expect(cloudlets.theoryResponseSeconds).toBeCloseTo(5 / 0.5, 12);
    const [low, high] = cloudlets.meanResponseCi95Seconds;
    expect(low).toBeLessThan(cloudlets.meanResponseSeconds);
    expect(high).toBeGreaterThan(cloudlets.meanResponseSeconds);
    // 3000 requests: a rough agreement only (the 3% check needs 10^5).
    expect(Math.abs(cloudlets.errorPercent)).toBeLessThan(20);
    const fast = processorSharingCheck({ rho: 0.5, requests: 3000, seed: 7, engine: 'fast' });
    expect({ ...fast, engine: 'cloudlets' }).toEqual(cloudlets);
  });
  it('with fixed lengths every request is exactly L MI', () => {
    const check = processorSharingCheck({ rho: 0.3, lengths: 'fixed', requests: 2000, engine: 'fast' });
    expect(check.offeredRho).toBeGreaterThan(0.25);
    expect(Math.abs(check.errorPercent)).toBeLessThan(10);
  });
  it('refuses a utilization outside (0, 1), too few requests, or a run too long to keep rotation off', () => {
    expect(() => processorSharingCheck({ rho: 1 })).toThrow(ConfigError);
    expect(() => processorSharingCheck({ rho: 0 })).toThrow(ConfigError);
    expect(() => processorSharingCheck({ rho: 0.5, requests: 10 })).toThrow(ConfigError);
    expect(() => processorSharingCheck({ rho: 1e-6, requests: 1e7 })).toThrow(/rotation off/);
  });
  it('examples/scit/ps-validation.ts --json prints one JSON object with the measured values', async () => {
    const run = await runExample(ROOT, 'examples/scit/ps-validation.ts', [
      '--rho',
      '0.8',
      '--requests',
      '1000',
      '--lengths',
      'fixed',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout);
    for (const key of [
      'rho',
      'requests',
      'vms',
      'vmMips',
      'meanLengthMi',
      'arrivalsPerSecond',
      'meanResponseSeconds',
    ])
      expect(typeof printed[key]).toBe('number');
    expect(printed).toMatchObject({ rho: 0.8, lengths: 'fixed', vms: 4, vmMips: 1000, seed: 1 });
  });
});
