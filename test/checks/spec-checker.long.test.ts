import { describe, expect, it } from 'vitest';
import { checkRotationInvariants, type SpecCheckReport } from '../../src/checks/index.js';
import { RedundancyPreservingRotation } from '../../src/index.js';

/** Every failure with its seed and path, so that a red run can be replayed. */
function expectAllHold(report: SpecCheckReport): void {
  const failures = report.outcomes
    .filter((o) => !o.ok)
    .map((o) => `${o.property}: ${o.violation}\n{ seed: ${o.seed}, path: "${o.path}" }`);
  expect(failures).toEqual([]);
}

describe('checkRotationInvariants (long)', () => {
  const strategy = RedundancyPreservingRotation;
  it('with long, runs the cases for days of simulated time', () => {
    const report = checkRotationInvariants(strategy, {
      long: true,
      numRuns: 9,
      seed: 2,
      properties: ['redundancy'],
    });
    expectAllHold(report);
    expect(report.long).toBe(true);
    // Every case but the one with no offline VM runs beyond a day.
    expect(report.coverage?.casesBeyondOneDay).toBe(8);
  });
});
