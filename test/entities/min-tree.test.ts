import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinTree } from '../../src/entities/min-tree.js';

describe('MinTree', () => {
  it('always reports the minimum of its slots', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.tuple(fc.nat(), fc.double({ min: -1e6, max: 1e6, noNaN: true }))),
        (count, updates) => {
          const tree = new MinTree(count);
          const values = new Array<number>(count).fill(Number.MAX_VALUE);
          for (const [slot, value] of updates) {
            tree.set(slot % count, value);
            values[slot % count] = value;
            expect(tree.min).toBe(Math.min(...values));
          }
          tree.setAll(values.map((v) => v + 1));
          expect(tree.min).toBe(Math.min(...values) + 1);
        },
      ),
    );
  });
});
