import { describe, expect, it } from 'vitest';
import { exactSummary } from '../../../src/analysis/exact-chain.js';
import { resolveScitConfig } from '../../../src/entities/scit/config.js';
import { paperScitConfig } from '../../../src/entities/scit/paper-system.js';
import { summarizeSeeds } from '../../../src/experiments/scit/seed-summary.js';
import { ConventionalRotation, RedundancyPreservingRotation } from '../../../src/policies/scit/index.js';
import { createRunContainer } from '../../../src/runs/container.js';

const config = resolveScitConfig(paperScitConfig());
const CYCLES = 15;
const conventional = createRunContainer({ rotation: ConventionalRotation });
const preserving = createRunContainer({ rotation: RedundancyPreservingRotation });
const SEEDS = 4000;

describe('exactSummary (Markov chain over event epochs)', () => {
  describe('having the paper system and the conventional rule', () => {
    it('agrees with the Monte Carlo sweep within its sampling error', () => {
      const exact = exactSummary(conventional, config, CYCLES);
      const sampled = summarizeSeeds(conventional, config, {
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
      const a = exactSummary(conventional, config, 8);
      expect(a.completedProbability).toBeCloseTo(1, 12);
      expect(a.degradedRunShare).toBeGreaterThan(0);
      expect(a.degradedRunShare).toBeLessThanOrEqual(1);
      expect(a.delay).toEqual({ probability: 0, meanGivenDelaySeconds: Number.NaN, maxSeconds: 0 });
    });
  });

  describe('having the redundancy-preserving rule', () => {
    it('never degrades, and its delays match the sweep', () => {
      const exact = exactSummary(preserving, config, CYCLES);
      expect(exact.degradedCycleShare).toEqual({ Web: 0, DNS: 0 });
      expect(exact.degradedRunShare).toBe(0);
      const sampled = summarizeSeeds(preserving, config, {
        seeds: SEEDS,
        cycles: CYCLES,
      });
      expect(exact.completedProbability).toBeCloseTo(1, 12);
      // The sweep's longest delay also counts VMs still waiting when a run ends; the chain, switches only.
      expect(exact.delay.maxSeconds).toBeGreaterThan(0);
      expect(exact.delay.maxSeconds).toBeLessThanOrEqual(sampled.delay.maxSeconds);
      // The exact probability and mean given a delay lie in the sweep's 95% intervals.
      const [low, high] = sampled.delay.probabilityCi95;
      expect(exact.delay.probability).toBeGreaterThan(low);
      expect(exact.delay.probability).toBeLessThan(high);
      const [givenLow, givenHigh] = sampled.delay.meanGivenDelayCi95;
      // (Within 15 cycles every delay lasts exactly 15 s: the interval is that one point.)
      expect(exact.delay.meanGivenDelaySeconds).toBeGreaterThanOrEqual(givenLow);
      expect(exact.delay.meanGivenDelaySeconds).toBeLessThanOrEqual(givenHigh);
    });
  });

  describe('having uneven hosts and per-service exposure times', () => {
    // Hosts of 2, 5 and 3 slots; Web expires after 60 s, DNS after the system's 90 s (the chain schedules each E_s).
    const uneven = resolveScitConfig({
      hosts: [{ vms: 2 }, { vms: 5 }, { vms: 3 }],
      services: [
        { name: 'Web', required: 4, target: 2, exposureSeconds: 60 },
        { name: 'DNS', required: 2 },
      ],
      exposureSeconds: 90,
      cleansingSeconds: 40,
    });
    it('agrees with the Monte Carlo sweep for the conventional rule, and never degrades with the paper rule', () => {
      const exact = exactSummary(conventional, uneven, 20);
      const sampled = summarizeSeeds(conventional, uneven, { seeds: 1000, cycles: 20 });
      expect(exact.completedProbability).toBeCloseTo(1, 12);
      for (const service of ['Web', 'DNS']) {
        expect(exact.degradedCycleShare[service]).toBeGreaterThan(0);
        // Standard error of a mean share over 1000 runs ≤ 0.5 / √1000 ≈ 0.016 (cycles within a run correlate).
        expect(
          Math.abs(sampled.degradedCycleShare[service] - exact.degradedCycleShare[service]),
        ).toBeLessThan(0.02);
      }
      expect(Math.abs(sampled.degradedRunShare - exact.degradedRunShare)).toBeLessThan(0.05);
      expect(exactSummary(preserving, uneven, 20).degradedRunShare).toBe(0);
    });
  });

  describe('having a strategy of ours that declares its rule', () => {
    it('follows it: reserve-aware never degrades the paper system either', () => {
      const exact = exactSummary(createRunContainer({ rotation: 'reserve-aware' }), config, 8);
      expect(exact.strategy).toBe('reserve-aware');
      expect(exact.degradedRunShare).toBe(0);
      expect(exact.completedProbability).toBeCloseTo(1, 12);
    });
  });

  describe('having a strategy without a declared rule', () => {
    it('refuses it with a configuration error naming the strategy', () => {
      class Opaque {
        readonly name = 'opaque';
        choose() {
          return { kind: 'wait' as const, reason: 'never' };
        }
      }
      expect(() => exactSummary(createRunContainer({ rotation: Opaque }), config, 3)).toThrow(
        /strategy: the exact model needs a strategy that declares its rule .*\(got "opaque"\)/,
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
      expect(() => exactSummary(conventional, stuck, 3)).toThrow(/no pending event at t=10s/);
    });
  });
});
