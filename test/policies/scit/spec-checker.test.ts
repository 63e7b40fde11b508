import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSpreadFirst } from '../../../examples/scit/custom-strategy.js';
import { resolveScitConfig } from '../../../src/entities/scit/config.js';
import type { RotationStrategy } from '../../../src/entities/scit/rotation-strategy.js';
import {
  ConventionalRotation,
  checkRotationInvariants,
  everyHostHasOfflineVm,
  hasOfflineVm,
  RedundancyPreservingRotation,
  ReserveAwareRotation,
  type SpecCheckReport,
  scitCaseArbitrary,
} from '../../../src/policies/scit/index.js';

function outcome(report: SpecCheckReport, property: string) {
  const found = report.outcomes.find((o) => o.property === property);
  if (found === undefined) throw new Error(`no outcome for ${property}`);
  return found;
}

/** Prints every failure with its seed and path, so a red run can be replayed. */
function expectAllHold(report: SpecCheckReport): void {
  const failures = report.outcomes
    .filter((o) => !o.ok)
    .map((o) => `${o.property}: ${o.violation}\n${o.report}`);
  expect(failures).toEqual([]);
}

describe('scitCaseArbitrary', () => {
  it('generates valid configurations within the documented ranges whose layouts meet the targets', () => {
    fc.assert(
      fc.property(scitCaseArbitrary(), (c) => {
        const config = resolveScitConfig(c.config); // throws if a target is unreachable or counts are off
        expect(config.hostCount).toBeGreaterThanOrEqual(1);
        expect(config.hostCount).toBeLessThanOrEqual(12);
        expect(config.vmsPerHost).toBeLessThanOrEqual(8);
        expect(config.services.length).toBeLessThanOrEqual(4);
      }),
    );
  });
  it('can force a configuration with no offline VM', () => {
    fc.assert(
      fc.property(
        scitCaseArbitrary({ noOfflineVm: true }),
        (c) => !hasOfflineVm(resolveScitConfig(c.config)),
      ),
    );
  });
});

describe('checkRotationInvariants', () => {
  describe('having RedundancyPreservingRotation (the paper’s strategy, no liveness claim)', () => {
    it('passes conservation, table, redundancy, minimum and starvation detection', () => {
      const report = checkRotationInvariants(() => new RedundancyPreservingRotation());
      expectAllHold(report);
      expect(report.outcomes.map((o) => o.property)).toEqual([
        'conservation',
        'table',
        'redundancy',
        'minimum',
        'starvation-detection',
      ]);
    });
    it('would fail a liveness claim: waits can exceed the FIFO bound even with an offline VM per host', () => {
      const report = checkRotationInvariants(() => new RedundancyPreservingRotation(), {
        properties: ['liveness'],
        claims: { liveWhen: everyHostHasOfflineVm },
        numRuns: 2000,
        seed: 20261128,
      });
      expect(outcome(report, 'liveness').ok).toBe(false);
    });
  });

  describe('having ReserveAwareRotation', () => {
    it('passes everything, including liveness when every host starts with an offline VM', () => {
      const report = checkRotationInvariants(() => new ReserveAwareRotation(), {
        claims: { liveWhen: everyHostHasOfflineVm },
      });
      expectAllHold(report);
      expect(outcome(report, 'liveness').numRuns).toBe(100);
    });
  });

  describe('having ConventionalRotation', () => {
    it('is live whenever a VM is offline, and keeps conservation, table and minimum', () => {
      const report = checkRotationInvariants(() => new ConventionalRotation(), {
        claims: { preservesRedundancy: false, liveWhen: hasOfflineVm },
      });
      expectAllHold(report);
    });
    it('FAILS the redundancy property: fast-check finds (and shrinks) a counterexample', () => {
      const report = checkRotationInvariants(() => new ConventionalRotation(), {
        properties: ['redundancy'],
        claims: { preservesRedundancy: true },
      });
      const redundancy = outcome(report, 'redundancy');
      expect(redundancy.ok).toBe(false);
      expect(redundancy.violation).toMatch(/level \d+ < target \d+/);
      expect(redundancy.counterexample?.config.hosts).toBeGreaterThanOrEqual(2);
      expect(redundancy.report).toContain('seed');
    });
  });

  describe('having a deliberately broken strategy', () => {
    it('catches a strategy that names a VM which is not a spare', () => {
      const broken: RotationStrategy = {
        name: 'broken',
        choose: (request) => ({ kind: 'switch', spare: request.vm }),
      };
      const report = checkRotationInvariants(() => broken, { numRuns: 5, properties: ['table'] });
      expect(report.ok).toBe(false);
      expect(outcome(report, 'table').violation).toMatch(/threw: .*chose VM \d+, which is not a live spare/);
    });
  });

  describe('having a researcher’s strategy bound with rebind (examples/scit/custom-strategy.ts)', () => {
    it('runs it through the checker', () => {
      const report = checkSpreadFirst({ numRuns: 50 });
      expect(report.strategy).toBe('spread-first');
      expectAllHold(report);
    });
  });
});
