import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlainHeap } from '../../../src/policies/scheduling/plain-heap.js';

describe('PlainHeap', () => {
  it('pops by key, equal keys in push order, also after retain and across emptying', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.boolean()), { maxLength: 60 }),
        fc.integer({ min: 0, max: 3 }),
        (entries, refills) => {
          const heap = new PlainHeap<string>();
          const expected: [number, number, string][] = [];
          let order = 0;
          for (let round = 0; round <= refills; round++) {
            for (const [key, keep] of entries) {
              const item = `${round}:${order}:${keep}`;
              heap.pushWithSequence(key, order, item);
              if (keep) expected.push([key, order, item]);
              order++;
            }
            heap.retain((item) => item.endsWith('true'));
            expected.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
            const popped: string[] = [];
            while (heap.size > 0) {
              expect([heap.peekKey(), heap.peekSequence(), heap.peek()]).toEqual(expected[popped.length]);
              popped.push(heap.pop() as string);
            }
            expect(popped).toEqual(expected.map((entry) => entry[2]));
            expect([heap.pop(), heap.peek(), heap.peekKey(), heap.peekSequence()]).toEqual([
              undefined,
              undefined,
              Number.POSITIVE_INFINITY,
              -1,
            ]);
            expected.length = 0;
          }
        },
      ),
    );
  });
});
