import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SlotQueue } from '../../src/entities/slot-queue.js';

describe('SlotQueue', () => {
  it('gives slots back by time, equal times in the order pushed, through growth and interleaved pops', () => {
    const step = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(-1)); // a time to push, or a pop
    fc.assert(
      fc.property(fc.array(step, { maxLength: 120 }), (steps) => {
        const queue = new SlotQueue(16);
        const model: { time: number; order: number; slot: number }[] = [];
        let order = 0;
        steps.forEach((time, slot) => {
          if (time >= 0) {
            queue.push(time, slot);
            model.push({ time, order: order++, slot });
            return;
          }
          model.sort((a, b) => a.time - b.time || a.order - b.order);
          const expected = model.shift();
          expect(queue.peekKey()).toBe(expected?.time ?? Number.POSITIVE_INFINITY);
          expect(queue.pop()).toBe(expected?.slot ?? -1);
        });
        expect(queue.size).toBe(model.length);
      }),
    );
  });

  it('keeps sequence numbers past 2^32 exact and in order', () => {
    const queue = new SlotQueue(16);
    const big = 2 ** 32 + 5;
    queue.pushWithSequence(1, 7, 0);
    queue.pushWithSequence(1, big + 1, 1);
    queue.pushWithSequence(1, big, 2);
    queue.pushWithSequence(0.5, 2 ** 32 - 1, 3);
    const popped: [number, number, number][] = [];
    while (queue.size > 0) popped.push([queue.peekKey(), queue.peekSequence(), queue.pop()]);
    expect(popped).toEqual([
      [0.5, 2 ** 32 - 1, 3],
      [1, 7, 0],
      [1, big, 2],
      [1, big + 1, 1],
    ]);
  });
});
