import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinHeap } from '../../src/core/index.js';

function drain<T>(queue: MinHeap<T>): T[] {
  const out: T[] = [];
  for (let item = queue.pop(); item !== undefined; item = queue.pop()) out.push(item);
  return out;
}

describe('MinHeap', () => {
  it('pops in key order and, among equal keys, in insertion order', () => {
    const q = new MinHeap<string>(16);
    q.push(2, 'c');
    q.push(1, 'a');
    q.push(2, 'd');
    q.push(1, 'b');
    q.push(0.5, 'first');
    expect(drain(q)).toEqual(['first', 'a', 'b', 'c', 'd']);
  });

  it('reports Infinity and undefined when empty', () => {
    const q = new MinHeap<number>();
    expect(q.peekKey()).toBe(Number.POSITIVE_INFINITY);
    expect(q.pop()).toBeUndefined();
    expect(q.size).toBe(0);
  });

  it('grows past its initial capacity', () => {
    const q = new MinHeap<number>(16);
    for (let i = 0; i < 1000; i++) q.push(1000 - i, i);
    expect(q.size).toBe(1000);
    expect(q.pop()).toBe(999);
  });

  it('retain keeps order and drops rejected items', () => {
    const q = new MinHeap<number>();
    for (let i = 0; i < 50; i++) q.push(i % 5, i);
    q.retain((x) => x % 2 === 0);
    const out = drain(q);
    const expected = Array.from({ length: 50 }, (_, i) => i)
      .filter((x) => x % 2 === 0)
      .sort((a, b) => (a % 5) - (b % 5) || a - b);
    expect(out).toEqual(expected);
  });

  it('property: equals a stable sort by key for any interleaving of pushes and pops', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: 0, max: 20 }).map((t) => ({ push: t / 4 })),
            fc.constant({ push: -1 }),
          ),
          {
            maxLength: 300,
          },
        ),
        (ops) => {
          const q = new MinHeap<number>(16);
          // Reference: a list kept sorted by (key, id) with a stable insertion.
          const ref: { time: number; id: number }[] = [];
          let id = 0;
          for (const op of ops) {
            if (op.push >= 0) {
              q.push(op.push, id);
              ref.push({ time: op.push, id });
              ref.sort((a, b) => a.time - b.time || a.id - b.id);
              id++;
            } else {
              expect(q.pop()).toBe(ref.shift()?.id);
            }
          }
          expect(drain(q)).toEqual(ref.map((r) => r.id));
        },
      ),
    );
  });
});
