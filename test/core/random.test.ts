import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStream, Simulation, SimulationError } from '../../src/core/index.js';

function draws(stream: RandomStream, n: number): number[] {
  return Array.from({ length: n }, () => stream.next());
}

describe('RandomStream', () => {
  it('is reproducible: same seed and name give the same sequence', () => {
    fc.assert(
      fc.property(fc.integer(), fc.string(), (seed, name) => {
        expect(draws(new RandomStream(name, seed), 20)).toEqual(draws(new RandomStream(name, seed), 20));
      }),
    );
  });

  it('differs across seeds and across names', () => {
    expect(draws(new RandomStream('a', 1), 5)).not.toEqual(draws(new RandomStream('a', 2), 5));
    expect(draws(new RandomStream('a', 1), 5)).not.toEqual(draws(new RandomStream('b', 1), 5));
    // The number 1 and the string "1" are different seeds.
    expect(draws(new RandomStream('a', 1), 5)).not.toEqual(draws(new RandomStream('a', '1'), 5));
  });

  it('streams of one simulation are independent: drawing from one does not shift another', () => {
    const a = new Simulation({ seed: 7 });
    const b = new Simulation({ seed: 7 });
    draws(a.random('noise'), 1000);
    expect(draws(a.random('policy'), 10)).toEqual(draws(b.random('policy'), 10));
    expect(a.random('policy')).toBe(a.random('policy'));
  });

  it('next() is in [0, 1) and roughly uniform', () => {
    const s = new RandomStream('u', 3);
    const buckets = new Array(10).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const x = s.next();
      expect(x >= 0 && x < 1).toBe(true);
      buckets[Math.floor(x * 10)]++;
    }
    // Chi-square with 9 degrees of freedom; 27.88 is the 0.999 quantile.
    const chi2 = buckets.reduce((acc, c) => acc + (c - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(27.88);
  });

  it('int() stays within bounds and hits both ends', () => {
    const s = new RandomStream('i', 1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const x = s.int(-3, 3);
      expect(Number.isInteger(x) && x >= -3 && x <= 3).toBe(true);
      seen.add(x);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
  });

  it('distributions have the expected means', () => {
    const s = new RandomStream('moments', 11);
    const n = 50_000;
    const mean = (f: () => number) => {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += f();
      return sum / n;
    };
    expect(mean(() => s.exponential(4))).toBeCloseTo(4, 1);
    expect(mean(() => s.normal(10, 2))).toBeCloseTo(10, 1);
    expect(mean(() => s.uniform(2, 4))).toBeCloseTo(3, 1);
    // E[lognormal(mu, sigma)] = exp(mu + sigma^2 / 2)
    expect(mean(() => s.lognormal(0, 0.5))).toBeCloseTo(Math.exp(0.125), 1);
    expect(mean(() => (s.bernoulli(0.3) ? 1 : 0))).toBeCloseTo(0.3, 1);
  });

  it('shuffle is a permutation and choice picks a member', () => {
    const s = new RandomStream('perm', 5);
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 50 }), (items) => {
        const shuffled = s.shuffle([...items]);
        expect([...shuffled].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
        if (items.length > 0) expect(items).toContain(s.choice(items));
      }),
    );
  });

  it('fork() gives a stream independent of the parent draws', () => {
    const a = new RandomStream('p', 1);
    const b = new RandomStream('p', 1);
    draws(a, 100);
    expect(draws(a.fork('child'), 5)).toEqual(draws(b.fork('child'), 5));
    expect(draws(a.fork('child'), 5)).not.toEqual(draws(new RandomStream('p', 1), 5));
  });

  it('rejects bad arguments with a message naming the method and the value', () => {
    const s = new RandomStream('bad', 1);
    expect(() => s.exponential(0)).toThrow(/exponential.*got 0/);
    expect(() => s.exponential(-1)).toThrow(SimulationError);
    expect(() => s.int(3, 1)).toThrow(/int.*got 3, 1/);
    expect(() => s.choice([])).toThrow(/choice.*length 0/);
    expect(() => s.bernoulli(1.5)).toThrow(/bernoulli.*1.5/);
    expect(() => s.normal(0, -1)).toThrow(/normal/);
  });
});
