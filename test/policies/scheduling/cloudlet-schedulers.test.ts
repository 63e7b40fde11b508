import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cloudlet, type CloudletScheduler } from '../../../src/entities/index.js';
import {
  CloudletSchedulerSpaceShared,
  CloudletSchedulerTimeShared,
  CloudletSchedulerTimeSharedFast,
} from '../../../src/policies/scheduling/index.js';
import { PlainHeap } from '../../../src/policies/scheduling/plain-heap.js';

const share = [1000]; // a 1-PE VM of 1000 MIPS
const cloudlet = (id: number, lengthMi = 1000) => new Cloudlet({ id, lengthMi });

describe.each([
  ['CloudletSchedulerTimeShared', () => new CloudletSchedulerTimeShared()],
  ['CloudletSchedulerTimeSharedFast', () => new CloudletSchedulerTimeSharedFast()],
])('%s', (_name, make: () => CloudletScheduler) => {
  it('shares the VM equally and counts whole instructions and whole MI', () => {
    const scheduler = make();
    scheduler.updateProcessing(0, share); // capacity with no cloudlet: 1000 MIPS per PE
    const cloudlets = [cloudlet(0), cloudlet(1), cloudlet(2)];
    // The expected run time of a submission uses the capacity of the previous update: 1000/1000 = 1 s.
    expect(scheduler.submit(cloudlets[0], 0, 0)).toBe(1);
    scheduler.submit(cloudlets[1], 0, 0);
    scheduler.submit(cloudlets[2], 0, 0);
    // Next update at t = 1 with 3 cloudlets: 333.33 MIPS each -> trunc(333333333.3) instructions,
    // 666.67 MI left -> 666 whole MI -> estimate 1 + 666 / 333.33 = 2.998.
    const next = scheduler.updateProcessing(1, share);
    expect(next).toBeCloseTo(1 + 666 / (1000 / 3), 12);
    expect(scheduler.activeCount).toBe(3);
    // At 2.998: +trunc(333.33 x 1.998 x 1e6) = 665,999,999 -> 999,333,332 done, 0.67 MI left -> finished.
    expect(scheduler.updateProcessing(next, share)).toBe(0);
    const finished = scheduler.takeFinished();
    expect(finished).toEqual(cloudlets); // submission order
    for (const c of finished) {
      expect(c.status).toBe('SUCCESS');
      expect(c.finishTime).toBe(next);
      expect(c.instructionsDone).toBe(333333333 + Math.trunc((1000 / 3) * (next - 1) * 1e6));
    }
  });
});

describe('CloudletSchedulerSpaceShared', () => {
  it('runs one cloudlet per PE and starts the next when a PE frees up', () => {
    const scheduler = new CloudletSchedulerSpaceShared();
    scheduler.updateProcessing(0, share);
    const [first, second] = [cloudlet(0), cloudlet(1)];
    expect(scheduler.submit(first, 0, 0)).toBe(1); // 1000 MI at 1000 MIPS
    expect(scheduler.submit(second, 0, 0)).toBe(0); // waits
    expect(second.status).toBe('QUEUED');
    expect(scheduler.updateProcessing(1, share)).toBe(2); // second starts at 1, finishes at 2
    expect(scheduler.takeFinished()).toEqual([first]);
    expect(second.execStartTime).toBe(1);
    expect(scheduler.updateProcessing(2, share)).toBe(0);
    expect(scheduler.takeFinished()).toEqual([second]);
  });

  it('fails a cloudlet that needs more PEs than the VM has', () => {
    const scheduler = new CloudletSchedulerSpaceShared();
    scheduler.updateProcessing(0, share);
    const wide = new Cloudlet({ id: 0, lengthMi: 10, pes: 2 });
    expect(scheduler.submit(wide, 0, 0)).toBe(0);
    expect(wide.status).toBe('FAILED');
    expect(scheduler.takeFinished()).toEqual([wide]);
  });
});

describe.each([
  ['CloudletSchedulerTimeShared', () => new CloudletSchedulerTimeShared()],
  ['CloudletSchedulerTimeSharedFast', () => new CloudletSchedulerTimeSharedFast()],
])('%s › failAll', (_name, make: () => CloudletScheduler) => {
  it('fails the running cloudlets in arrival order, keeping their work, and leaves the VM clean', () => {
    const scheduler = make();
    scheduler.updateProcessing(0, share);
    const [first, second, later] = [cloudlet(0), cloudlet(1), cloudlet(2, 100)];
    scheduler.submit(first, 0, 0);
    scheduler.submit(second, 0, 0);
    scheduler.updateProcessing(0.5, share); // 500 MIPS each for 0.5 s: 250 MI done
    const failed: Cloudlet[] = [];
    expect(scheduler.failAll(0.6, failed)).toBe(2);
    expect(failed).toEqual([first, second]);
    for (const c of failed) {
      expect(c.status).toBe('FAILED');
      expect(c.finishTime).toBe(0.6);
      expect(c.instructionsDone).toBe(250e6); // credited up to the last update only
    }
    expect(scheduler.activeCount).toBe(0);
    expect(scheduler.failAll(0.6, failed)).toBe(0);
    // The next cloudlet has the VM to itself: 100 MI at 1000 MIPS.
    scheduler.submit(later, 0.6, 0);
    expect(scheduler.updateProcessing(0.7, share)).toBe(0);
    expect(scheduler.takeFinished()).toEqual([later]);
    expect(later.status).toBe('SUCCESS');
  });
});

describe('CloudletSchedulerSpaceShared › failAll', () => {
  it('fails the running cloudlet, then the waiting ones, and frees the PEs', () => {
    const scheduler = new CloudletSchedulerSpaceShared();
    scheduler.updateProcessing(0, share);
    const [running, waiting, later] = [cloudlet(0), cloudlet(1), cloudlet(2, 100)];
    scheduler.submit(running, 0, 0);
    scheduler.submit(waiting, 0, 0);
    scheduler.updateProcessing(0.5, share);
    const failed: Cloudlet[] = [];
    expect(scheduler.failAll(0.5, failed)).toBe(2);
    expect(failed).toEqual([running, waiting]);
    expect(failed.map((c) => c.status)).toEqual(['FAILED', 'FAILED']);
    expect(running.instructionsDone).toBe(500e6);
    expect(scheduler.activeCount).toBe(0);
    expect(scheduler.submit(later, 0.5, 0)).toBe(0.1); // a free PE at once
  });
});

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
