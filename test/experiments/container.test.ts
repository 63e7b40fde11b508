import { describe, expect, it } from 'vitest';
import { SIMULATION } from '../../src/core/index.js';
import { ROTATION_STRATEGY, resolveScitConfig } from '../../src/entities/scit/index.js';
import { paperScitConfig } from '../../src/entities/scit/paper-system.js';
import { ConventionalRotation } from '../../src/policies/scit/index.js';
import { createRunContainer } from '../../src/runs/container.js';
import { runScit } from '../../src/runs/scit-run.js';

describe('createRunContainer (the composition root)', () => {
  it('binds one seeded simulation per container', () => {
    const a = createRunContainer({ seed: 5 });
    const b = createRunContainer({ seed: 5 });
    expect(a.get(SIMULATION).seed).toBe(5);
    expect(a.get(SIMULATION)).toBe(a.get(SIMULATION));
    expect(a.get(SIMULATION)).not.toBe(b.get(SIMULATION));
  });

  it('binds the paper strategy by default and rejects an unknown one with the valid names', () => {
    expect(createRunContainer().get(ROTATION_STRATEGY).name).toBe('redundancy-preserving');
    expect(() => createRunContainer({ rotation: 'round-robin' })).toThrow(
      /valid values are: conventional, redundancy-preserving, reserve-aware/,
    );
  });

  it('rebind(ROTATION_STRATEGY) changes what a run does', () => {
    const config = resolveScitConfig(paperScitConfig());
    const container = createRunContainer();
    const levelDropsOver = (seeds: number) => {
      let degraded = 0;
      for (let seed = 1; seed <= seeds; seed++) {
        const run = runScit(container, config, { seed, maxCycles: 30 });
        degraded += run.degradedCycles.reduce((sum, n) => sum + n, 0);
      }
      return degraded;
    };
    // The paper's strategy never lets a level fall below its target…
    expect(levelDropsOver(20)).toBe(0);
    // …a random choice of spare does (the paper's Figure 10).
    container.rebind(ROTATION_STRATEGY).to(ConventionalRotation);
    expect(container.get(ROTATION_STRATEGY).name).toBe('conventional');
    expect(levelDropsOver(20)).toBeGreaterThan(0);
  });
});
