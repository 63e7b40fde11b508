import { describe, expect, it } from 'vitest';
import { resolveScitConfig } from '../../../src/entities/scit/config.js';
import { paperScitConfig } from '../../../src/entities/scit/paper-system.js';
import { exactSummary } from '../../../src/experiments/scit/markov.js';
import { summarizeSeeds } from '../../../src/experiments/scit/sweep.js';
import { ConventionalRotation, RedundancyPreservingRotation } from '../../../src/policies/scit/index.js';

const config = resolveScitConfig(paperScitConfig());
const CYCLES = 15;
const SEEDS = 4000;

describe('exactSummary (Markov chain over event epochs)', () => {
  describe('having the paper system and the conventional rule', () => {
    it('agrees with the Monte Carlo sweep within its sampling error', () => {
      const exact = exactSummary(config, 'conventional', CYCLES);
      const sampled = summarizeSeeds(config, () => new ConventionalRotation(), {
        seeds: SEEDS,
        cycles: CYCLES,
      });
      for (const service of ['Web', 'DNS']) {
        expect(exact.degradedCycleShare[service]).toBeGreaterThan(0);
        expect(
          Math.abs(sampled.degradedCycleShare[service] - exact.degradedCycleShare[service]),
        ).toBeLessThan(0.01);
      }
      // Binomial standard error of a share over SEEDS runs is at most 0.5 / √SEEDS ≈ 0.008.
      expect(Math.abs(sampled.degradedRunShare - exact.degradedRunShare)).toBeLessThan(0.03);
    });
    it('gives probabilities that sum to one (every run reaches the last cycle)', () => {
      const a = exactSummary(config, 'conventional', 8);
      expect(a.completedProbability).toBeCloseTo(1, 12);
      expect(a.degradedRunShare).toBeGreaterThan(0);
      expect(a.degradedRunShare).toBeLessThanOrEqual(1);
      expect(a.extraExposureSeconds).toEqual({ mean: 0, p99: 0, max: 0 });
    });
  });

  describe('having the redundancy-preserving rule', () => {
    it('never degrades, and its extra exposure matches the sweep', () => {
      const exact = exactSummary(config, 'redundancy-preserving', CYCLES);
      expect(exact.degradedCycleShare).toEqual({ Web: 0, DNS: 0 });
      expect(exact.degradedRunShare).toBe(0);
      const sampled = summarizeSeeds(config, () => new RedundancyPreservingRotation(), {
        seeds: SEEDS,
        cycles: CYCLES,
      });
      expect(exact.completedProbability).toBeCloseTo(1, 12);
      // The sweep also counts VMs still waiting when a run ends; the chain counts switches only.
      expect(exact.extraExposureSeconds.max).toBeGreaterThan(0);
      expect(exact.extraExposureSeconds.max).toBeLessThanOrEqual(sampled.extraExposureSeconds.max);
      expect(Math.abs(exact.extraExposureSeconds.mean - sampled.extraExposureSeconds.mean)).toBeLessThan(
        0.15,
      );
    });
  });

  describe('having a configuration that waits forever', () => {
    it('says so instead of looping', () => {
      const stuck = resolveScitConfig({
        hosts: 1,
        vmsPerHost: 1,
        services: [{ name: 'A', required: 1 }],
        exposureSeconds: 10,
        cleansingSeconds: 5,
      });
      expect(() => exactSummary(stuck, 'conventional', 3)).toThrow(/no pending event at t=10s/);
    });
  });
});
