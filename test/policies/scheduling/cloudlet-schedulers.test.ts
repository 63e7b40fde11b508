import { describe, expect, it } from 'vitest';
import { Cloudlet, type CloudletScheduler } from '../../../src/entities/index.js';
import {
  CloudletSchedulerSpaceShared,
  CloudletSchedulerTimeShared,
  CloudletSchedulerTimeSharedFast,
} from '../../../src/policies/scheduling/index.js';

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
