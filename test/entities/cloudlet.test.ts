import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/index.js';
import { Cloudlet, CloudletTimes } from '../../src/entities/index.js';

const prices = Object.freeze({ costPerSecond: 3, costPerBw: 0.5 });

describe('Cloudlet storage', () => {
  it('gives back every instruction count written, exactly, whether kept as done or as left', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9_000_000 }),
        fc.integer({ min: 1, max: 8 }),
        fc.oneof(
          fc.double({ min: 0, max: 2 ** 53, noNaN: true }),
          fc.nat(),
          fc.integer({ min: 0, max: 2 ** 30 }),
        ),
        fc.boolean(),
        (lengthMi, pes, raw, nearEnd) => {
          const cloudlet = new Cloudlet({ id: 1, lengthMi, pes });
          const total = cloudlet.totalInstructions;
          // Near the end: a whole number with fewer than 2^30 instructions left (the compact form).
          const done = nearEnd ? Math.max(0, total - (Math.trunc(raw) % 2 ** 30)) : raw;
          cloudlet.instructionsDone = done;
          expect(Object.is(cloudlet.instructionsDone, done)).toBe(true);
          expect(cloudlet.instructionsLeft).toBe(total - done);
        },
      ),
    );
    const cloudlet = new Cloudlet({ id: 2, lengthMi: 10 });
    expect(cloudlet.instructionsDone).toBe(0);
    cloudlet.instructionsDone = Number.NaN;
    expect(cloudlet.instructionsDone).toBeNaN();
    expect(() => {
      cloudlet.instructionsDone = -1;
    }).toThrow(ConfigError);
  });

  it('shares one arrival among the cloudlets that arrive together, and each field can still be set alone', () => {
    const arrival = CloudletTimes.arrival(7, prices, 0.25);
    const [a, b] = [new Cloudlet({ id: 1, lengthMi: 10 }), new Cloudlet({ id: 2, lengthMi: 10 })];
    expect([a.datacenterId, a.submissionTime, a.execStartTime, a.costPerSecond]).toEqual([-1, 0, 0, 0]);
    for (const cloudlet of [a, b]) {
      cloudlet.arrive(arrival);
      cloudlet.execStartTime = 0.25;
    }
    for (const cloudlet of [a, b]) {
      expect([cloudlet.datacenterId, cloudlet.submissionTime, cloudlet.execStartTime]).toEqual([
        7, 0.25, 0.25,
      ]);
      expect([cloudlet.costPerSecond, cloudlet.costPerBw]).toEqual([3, 0.5]);
    }
    expect(arrival.startedAt(0.25)).toBe(arrival.startedAt(0.25));
    // Finishing together shares a record too; the finish time reads back.
    for (const cloudlet of [a, b]) cloudlet.finishTime = 9.75;
    expect(arrival.startedAt(0.25).finishedAt(9.75)).toBe(arrival.startedAt(0.25).finishedAt(9.75));
    expect([a.finishTime, b.finishTime, a.actualCpuTime]).toEqual([9.75, 9.75, 9.5]);
    // One cloudlet's own change leaves the other alone.
    a.execStartTime = 1.5;
    a.submissionTime = 0.5;
    a.datacenterId = 9;
    a.costPerBw = 2;
    expect([a.datacenterId, a.submissionTime, a.execStartTime, a.costPerSecond, a.costPerBw]).toEqual([
      9, 0.5, 1.5, 3, 2,
    ]);
    expect([b.datacenterId, b.submissionTime, b.execStartTime, b.costPerSecond, b.costPerBw]).toEqual([
      7, 0.25, 0.25, 3, 0.5,
    ]);
    expect([a.finishTime, b.finishTime]).toEqual([9.75, 9.75]);
    // Arriving again keeps a start and a finish time already set.
    a.arrive(CloudletTimes.arrival(8, prices, 2));
    expect([a.datacenterId, a.submissionTime, a.execStartTime, a.finishTime]).toEqual([8, 2, 1.5, 9.75]);
    // A cloudlet that never arrived keeps its own finish time (the shared default is never changed).
    const lone = new Cloudlet({ id: 3, lengthMi: 10 });
    lone.finishTime = 4;
    expect([lone.finishTime, new Cloudlet({ id: 4, lengthMi: 10 }).finishTime]).toEqual([4, -1]);
  });
});
