import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndexSet } from '../../src/entities/index-set.js';

describe('IndexSet', () => {
  it('holds what a Set of the same operations holds, sorted on request', () => {
    const operation = fc.tuple(fc.constantFrom('add', 'delete', 'clear', 'sort'), fc.nat({ max: 30 }));
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 80 }), (operations) => {
        const set = new IndexSet(31);
        const model = new Set<number>();
        for (const [name, value] of operations) {
          if (name === 'add') {
            set.add(value);
            model.add(value);
          } else if (name === 'delete') {
            set.delete(value);
            model.delete(value);
          } else if (name === 'clear') {
            set.clear();
            model.clear();
          } else {
            set.sort();
            const members = Array.from({ length: set.size }, (_, k) => set.at(k));
            expect(members).toEqual([...model].sort((a, b) => a - b));
          }
          expect(set.size).toBe(model.size);
          expect(set.has(value)).toBe(model.has(value));
          const members = Array.from({ length: set.size }, (_, k) => set.at(k));
          expect(new Set(members)).toEqual(model);
        }
      }),
    );
  });
});
