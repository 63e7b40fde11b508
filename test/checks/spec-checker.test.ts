import fc from 'fast-check';
import type { Newable } from 'inversify';
import { describe, expect, it } from 'vitest';
import { checkSpreadFirst, SpreadFirstRotation } from '../../examples/scit/custom-strategy.js';
import {
  BUILTIN_CLAIMS,
  checkRotationInvariants,
  fixedScitCases,
  SPEC_CASE_LIMITS,
  SPEC_CHECK_LIMITS,
  type SpecCheckReport,
  type SpecProperty,
  scitCaseArbitrary,
} from '../../src/checks/index.js';
import { runCase } from '../../src/checks/rotation/case-run.js';
import { type CheckHeartbeat } from '../../src/checks/rotation/check-progress.js';
import { hasOfflineVm } from '../../src/checks/rotation/shared-runs.js';
import { ConfigError } from '../../src/core/errors.js';
import { RunScope } from '../../src/core/run-scope.js';
import { type CodeWatch, withWatch } from '../../src/core/watch.js';
import { longestExposureSeconds, resolveScitConfig } from '../../src/entities/scit/config.js';
import { paperScitConfig } from '../../src/entities/scit/paper-system.js';
import type {
  DecisionObserver,
  RotationStrategy,
  SpareDecision,
} from '../../src/entities/scit/rotation-strategy.js';
import { ConventionalRotation, RedundancyPreservingRotation, ReserveAwareRotation } from '../../src/index.js';
import { createRunContainer } from '../../src/runs/container.js';
import { SameHostOnly } from '../policies/scit/controls.js';
import { strategyClass } from '../support/strategy-class.js';

/** A run scope over the composition root with `strategy` bound (what the checker builds cases in). */
function scopeOf(strategy: Newable<RotationStrategy>): RunScope {
  return new RunScope(createRunContainer({ rotation: strategy }));
}

function outcome(report: SpecCheckReport, property: SpecProperty) {
  const found = report.outcomes.find((o) => o.property === property);
  if (found === undefined) throw new Error(`no outcome for ${property}`);
  return found;
}

/** Every failure with its seed and path, so that a red run can be replayed. */
function expectAllHold(report: SpecCheckReport): void {
  const failures = report.outcomes
    .filter((o) => !o.ok)
    .map((o) => `${o.property}: ${o.violation}\n{ seed: ${o.seed}, path: "${o.path}" }`);
  expect(failures).toEqual([]);
}

describe('scitCaseArbitrary', () => {
  it('generates valid configurations within the documented ranges whose layouts meet the targets', () => {
    fc.assert(
      fc.property(scitCaseArbitrary(), (c) => {
        const config = resolveScitConfig(c.config); // throws if a target is unreachable or counts are off
        expect(config.hostCount).toBeLessThanOrEqual(SPEC_CASE_LIMITS.hosts);
        expect(Math.max(...config.hostSlots)).toBeLessThanOrEqual(SPEC_CASE_LIMITS.vmsPerHost);
        expect(config.services.length).toBeLessThanOrEqual(SPEC_CASE_LIMITS.services);
        expect(c.durationSeconds).toBeGreaterThanOrEqual(
          2 * (longestExposureSeconds(config) + config.graceSeconds + config.cleansingSeconds),
        );
      }),
    );
  });
  it('reaches the largest systems: 32 hosts, 16 VMs per host, 8 services', () => {
    const cases = fc.sample(scitCaseArbitrary(), { seed: 11, numRuns: 300 });
    const configs = cases.map((c) => resolveScitConfig(c.config));
    expect(Math.max(...configs.map((c) => c.hostCount))).toBe(32);
    expect(Math.max(...configs.flatMap((c) => c.hostSlots))).toBe(16);
    expect(Math.max(...cases.map((c) => c.config.services.length))).toBe(8);
  });
  it('with long, runs every case for one to seven simulated days', () => {
    for (const c of fc.sample(scitCaseArbitrary({ long: true }), { seed: 3, numRuns: 50 })) {
      expect(c.durationSeconds).toBeGreaterThanOrEqual(86_400);
      expect(c.durationSeconds).toBeLessThanOrEqual(7 * 86_400);
    }
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

describe('fixedScitCases', () => {
  it('starts with the paper’s system and layout, run for two days', () => {
    const [paper] = fixedScitCases();
    expect(paper).toMatchObject({ name: 'paper', config: paperScitConfig(), durationSeconds: 172_800 });
  });
  it('puts the Figure 7 decision first in "paper-figure-7": DNS on host 1, one safe and one risky spare', () => {
    const figure7 = fixedScitCases().find((c) => c.name === 'paper-figure-7');
    if (figure7 === undefined) throw new Error('no Figure 7 case');
    const outcome = runCase({ ...figure7, durationSeconds: 2 }, scopeOf(ConventionalRotation), {
      preservesRedundancy: true,
      maxDecisions: 100,
    });
    if (!('run' in outcome)) throw new Error(outcome.constructError);
    expect(outcome.run.stats).toMatchObject({ decisions: 1, riskyDecisions: 1 });
    // The paper's strategy takes the spare on host 0 (VM 3), never the one beside the other DNS VM.
    const first: number[] = [];
    const recorder = strategyClass('recorder', (request, view, random) => {
      const decision = new RedundancyPreservingRotation().choose(request, view, random);
      if (decision.kind === 'switch') first.push(request.vm, decision.spare);
      return decision;
    });
    runCase({ ...figure7, durationSeconds: 2 }, scopeOf(recorder), {
      preservesRedundancy: true,
      maxDecisions: 100,
    });
    expect(first).toEqual([5, 3]);
  });
  it('with long, run for seven simulated days (except the one that cannot rotate)', () => {
    const long = fixedScitCases({ long: true });
    expect(long.map((c) => c.durationSeconds)).toEqual([...Array(6).fill(7 * 86_400), 100]);
  });
  it('are all valid, and cover one host, target = hosts, a single spare, spares on one host, no offline VM', () => {
    const cases = fixedScitCases();
    for (const c of cases) resolveScitConfig(c.config);
    expect(cases.map((c) => c.name)).toEqual([
      'paper',
      'paper-figure-7',
      'one-host',
      'target-equals-hosts',
      'single-spare',
      'spares-on-one-host',
      'no-offline-vm',
    ]);
  });
});

describe('checkRotationInvariants', () => {
  describe('having the built-in strategies', () => {
    it('RedundancyPreservingRotation passes all it claims, and most cases reach a risky decision', () => {
      const report = checkRotationInvariants(RedundancyPreservingRotation, {
        claims: BUILTIN_CLAIMS['redundancy-preserving'],
        seed: 101,
      });
      expectAllHold(report);
      expect(report.outcomes.map((o) => o.property)).toEqual([
        'valid-decision',
        'purity',
        'determinism',
        'conservation',
        'table',
        'redundancy',
        'minimum',
        'progress',
        'starvation-detection',
      ]);
      expect(report.notClaimed).toEqual(['liveness']);
      const coverage = report.coverage;
      if (coverage === undefined) throw new Error('no coverage');
      expect(coverage.cases).toBe(100);
      expect(coverage.casesWithRiskyDecision).toBeGreaterThan(coverage.cases / 2);
      expect(coverage.largest.hosts).toBeGreaterThanOrEqual(28);
      expect(coverage.largest.decisions).toBeGreaterThanOrEqual(5000);
      expect(coverage.casesBeyondOneDay).toBeGreaterThanOrEqual(2); // at least the paper's cases
      expect(coverage.hosts.reduce((n, b) => n + b.count, 0)).toBe(100);
    });
    it('ReserveAwareRotation passes all it claims, liveness included', () => {
      const report = checkRotationInvariants(ReserveAwareRotation, {
        claims: BUILTIN_CLAIMS['reserve-aware'],
        seed: 102,
        numRuns: 40,
      });
      expectAllHold(report);
      expect(outcome(report, 'liveness').numRuns).toBe(40);
    });
    it('ConventionalRotation passes all it claims (progress, liveness with any offline VM)', () => {
      const report = checkRotationInvariants(ConventionalRotation, {
        claims: BUILTIN_CLAIMS.conventional,
        seed: 103,
        numRuns: 40,
      });
      expectAllHold(report);
      expect(report.notClaimed).toEqual(['redundancy']);
    });
  });

  describe('having ConventionalRotation claimed to preserve redundancy', () => {
    const options = { properties: ['redundancy'] as SpecProperty[], seed: -7, numRuns: 60 };
    const strategy = ConventionalRotation;
    it('FAILS redundancy on the paper’s own system, first case, with the decisions that led there', () => {
      const redundancy = outcome(checkRotationInvariants(strategy, options), 'redundancy');
      expect(redundancy.ok).toBe(false);
      expect(redundancy.numRuns).toBe(1);
      expect(redundancy.counterexample?.name).toBe('paper');
      expect(redundancy.violation).toMatch(/^service (Web|DNS): level \d+ < target \d+ at t=/);
      expect(redundancy.reproducible).toBe(true);
      const trace = redundancy.trace ?? [];
      expect(trace.length).toBeGreaterThan(0);
      expect(trace.length).toBe(Math.min(20, redundancy.decisions ?? 0));
      expect(trace.at(-1)?.risky).toBe(true);
      // The levels after the last decision are the violation's: the service fell below its target.
      const [, service, level] = /^service (\w+): level (\d+)/.exec(redundancy.violation ?? '') ?? [];
      const names = redundancy.counterexample?.config.services.map((s) => s.name) ?? [];
      expect(trace.at(-1)?.levelsAfter[names.indexOf(service)]).toBe(Number(level));
      for (const d of trace) expect(d.levelsAfter).toHaveLength(names.length);
    });
    it('FAILS on generated cases too, shrinks, and {seed, path} replays exactly that case', () => {
      // Without the fixed cases' help: wrong only on systems larger than any fixed case (≥ 5 hosts).
      const generatedOnly = strategyClass('conventional-beyond-3-hosts', (request, view, random) =>
        view.hostCount >= 5
          ? new ConventionalRotation().choose(request, view, random)
          : new RedundancyPreservingRotation().choose(request, view, random),
      );
      const first = outcome(checkRotationInvariants(generatedOnly, options), 'redundancy');
      expect(first.ok).toBe(false);
      expect(first.counterexample?.name).toBeUndefined();
      expect(first.counterexample?.config.hosts).toBe(5); // shrunk to the smallest host count that fails
      expect(first.path).toMatch(/^\d+(:\d+)+$/);
      const replay = checkRotationInvariants(generatedOnly, { ...options, path: first.path });
      const again = outcome(replay, 'redundancy');
      expect(again.counterexample).toEqual(first.counterexample);
      expect(again.violation).toBe(first.violation);
      expect(again.trace).toEqual(first.trace);
      expect(replay.path).toBe(first.path);
    });
  });

  describe('having a strategy that is wrong only at random (Math.random)', () => {
    it('reports the violation as text, flags it as not reproducible, and fails determinism', () => {
      const flaky = strategyClass('flaky', (request, view, random) =>
        Math.random() < 0.5
          ? new ConventionalRotation().choose(request, view, random)
          : new RedundancyPreservingRotation().choose(request, view, random),
      );
      const report = checkRotationInvariants(flaky, { seed: 5, numRuns: 30, shrink: false });
      expect(outcome(report, 'determinism').ok).toBe(false);
      expect(outcome(report, 'determinism').violation).toMatch(
        /the same case run twice gave different decisions/,
      );
      const redundancy = outcome(report, 'redundancy');
      expect(redundancy.ok).toBe(false);
      expect(typeof redundancy.violation).toBe('string');
      expect(redundancy.violation).not.toMatch(/undefined/);
    });
  });

  describe('having a strategy whose constructor throws', () => {
    it('fails valid-decision naming the strategy and the case, passes no property it could not check, and does not throw itself', () => {
      class Weighted implements RotationStrategy {
        readonly name = 'weighted';
        constructor() {
          throw new Error('no weights');
        }
        choose(): SpareDecision {
          return { kind: 'wait', reason: 'never' };
        }
      }
      const report = checkRotationInvariants(Weighted, { strategyName: 'Weighted', numRuns: 3 });
      const valid = outcome(report, 'valid-decision');
      expect(valid.ok).toBe(false);
      expect(valid.violation).toBe('the strategy "Weighted" could not be constructed: Error: no weights');
      expect(valid.counterexample?.name).toBe('paper');
      expect(report.strategy).toBe('Weighted');
      // No run, nothing to check: no property reads "ok" for it.
      expect(report.ok).toBe(false);
      expect(report.outcomes.filter((o) => o.ok).map((o) => o.property)).toEqual([]);
    });
  });

  describe('having a strategy that never switches', () => {
    it('passes what it claims by default, but warns; with progress claimed it fails', () => {
      const never = strategyClass('never', () => ({ kind: 'wait', reason: 'off' }));
      const quiet = checkRotationInvariants(never, { numRuns: 10, seed: 1 });
      expect(quiet.ok).toBe(true);
      expect(quiet.warnings.join('\n')).toMatch(/never switched/);
      const claimed = checkRotationInvariants(never, {
        numRuns: 10,
        seed: 1,
        claims: { progress: true },
      });
      expect(outcome(claimed, 'progress').violation).toMatch(
        /waited \("off"\) .* although spare \d+ \(host \d+\) keeps every target/,
      );
    });
  });

  describe('having the paper’s strategy claimed live', () => {
    it('FAILS liveness: a VM waits beyond the FIFO bound even with an offline VM on every host', () => {
      const report = checkRotationInvariants(RedundancyPreservingRotation, {
        properties: ['liveness'],
        claims: { liveWhen: 'every-host-offline' },
        seed: 4,
        shrink: false,
      });
      expect(outcome(report, 'liveness').violation).toMatch(/still waits at t=.*beyond the FIFO bound/);
    });
  });

  describe('having correct controls beyond the built-ins', () => {
    it('passes SpreadFirstRotation (examples/scit/custom-strategy.ts), with progress claimed too', () => {
      const report = checkSpreadFirst({ numRuns: 25, seed: 9 });
      expect(report.strategy).toBe('spread-first');
      expectAllHold(report);
      expectAllHold(
        checkRotationInvariants(SpreadFirstRotation, {
          claims: { progress: true },
          numRuns: 25,
          seed: 10,
        }),
      );
    });
    it('passes an over-strict but allowed strategy (own-host spares only), live with an offline VM per host', () => {
      expectAllHold(
        checkRotationInvariants(SameHostOnly, {
          claims: { liveWhen: 'every-host-offline' },
          numRuns: 40,
          seed: 12,
        }),
      );
    });
  });

  describe('having options', () => {
    const strategy = RedundancyPreservingRotation;
    it('checks only the properties asked for, and warns when a case stopped at an invalid decision', () => {
      const report = checkRotationInvariants(strategy, { properties: ['table'], numRuns: 3, seed: 1 });
      expect(report.outcomes.map((o) => o.property)).toEqual(['table']);
      expect(report.warnings).toEqual([]);
      const invalid = strategyClass('names-itself', (r) => ({ kind: 'switch', spare: r.vm }));
      const partial = checkRotationInvariants(invalid, { properties: ['table'], numRuns: 3, seed: 1 });
      expect(outcome(partial, 'table').ok).toBe(true);
      expect(partial.warnings.join('\n')).toMatch(
        /3 case\(s\) stopped early at an invalid decision.*valid-decision and purity were not checked/,
      );
      const full = checkRotationInvariants(invalid, {
        properties: ['valid-decision'],
        numRuns: 3,
        seed: 1,
      });
      expect(outcome(full, 'valid-decision').violation).toMatch(
        /VM \d+ is not a live spare \(it is active of Web on host 0\)/,
      );
    });
    it('reports seconds per property and for the shared simulation when given a clock', () => {
      let now = 0;
      const report = checkRotationInvariants(strategy, { numRuns: 3, seed: 1, clock: () => (now += 1) });
      expect(report.timings?.totalSeconds).toBeGreaterThan(0);
      for (const o of report.outcomes) expect(o.seconds).toBeGreaterThan(0);
    });
    it('tells its heartbeat about every case, and the current watch about every decision and construction', () => {
      const counts = { cases: 0, chooses: 0, constructors: 0, leaves: 0, decisionsLeft: 0 };
      const heartbeat: CheckHeartbeat = { caseStarted: () => void counts.cases++, progress: () => {} };
      const watch: CodeWatch = {
        enter: (phase) => void (phase === 'constructor' && counts.constructors++),
        leave: () => void counts.leaves++,
        decisions: {
          enter: () => void counts.chooses++,
          leave: () => void counts.decisionsLeft++,
        } satisfies DecisionObserver,
      };
      const report = withWatch(watch, () =>
        checkRotationInvariants(strategy, { numRuns: 3, seed: 1, heartbeat }),
      );
      expect(counts.cases).toBe(3);
      expect(counts.constructors).toBe(6); // a fresh instance per run: each case runs twice (determinism)
      expect(counts.leaves).toBe(counts.constructors);
      expect(counts.decisionsLeft).toBe(counts.chooses);
      expect(counts.chooses).toBe(2 * (report.coverage?.decisions ?? 0));
    });
    it.each([
      [{ seed: 2 ** 31 }, /seed: must be a 32-bit signed integer/],
      [{ seed: 1.5 }, /seed: must be a 32-bit signed integer/],
      [{ numRuns: SPEC_CHECK_LIMITS.maxRuns + 1 }, /numRuns: must be a whole number between 1 and 50000/],
      [{ numRuns: 6000, long: true }, /numRuns: must be a whole number between 1 and 5000 \(with long\)/],
      [{ seed: 1, path: '3:x' }, /path: must be numbers separated by colons/],
      [{ path: '3' }, /path: needs the seed/],
      [{ seed: 1, path: '0:0:0' }, /path: does not name a case of seed 1/],
      [{ seed: 1, path: '0:5' }, /path: does not name a case of seed 1/],
      [{ properties: ['speed' as SpecProperty] }, /properties: unknown property/],
      [
        { properties: ['redundancy'] as SpecProperty[], claims: { preservesRedundancy: false } },
        /properties: none of them is claimed/,
      ],
    ])('rejects %j with a ConfigError', (options, message) => {
      expect(() => checkRotationInvariants(strategy, { numRuns: 1, ...options })).toThrow(ConfigError);
      expect(() => checkRotationInvariants(strategy, { numRuns: 1, ...options })).toThrow(message);
    });
  });
});
